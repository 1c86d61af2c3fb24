// Operators (issue 16): a flow runs twice (its nodes show live records per second
// while the first run is active); its history shows the runs, the chart and a log
// filtered by node; a past run opens on the canvas with its counters; Query Starts
// refuse a future date and save (and audit) a valid one; a catch-up bulk load
// shows its slices and records until it completes.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

const SHOTS = process.env.WEFT_E2E_SHOTS ?? 'test-results/screenshots';

/** The Creatio sandbox's own fault switch: each OData call waits this long (a slow run to watch). */
async function creatioLatency(page: Page, latencyMs: number): Promise<void> {
  const list = await page.request.get('/trpc/connections.list');
  const body = (await list.json()) as { result: { data: { id: string; details: Record<string, string> }[] } };
  const creatio = body.result.data.find((c) => c.id === 'creatio-sandbox')!;
  const base = Object.values(creatio.details).find((v) => /^https?:\/\//.test(v))!;
  const r = await page.request.post(`${base.replace(/\/+$/, '')}/__sandbox/faults`, { data: { latencyMs } });
  expect(r.ok()).toBe(true);
}

async function runAndWait(page: Page): Promise<void> {
  const status = page.getByTestId('run-status');
  const before = await status.getAttribute('data-run-id');
  await page.getByTestId('run').click();
  await expect
    .poll(async () => [await status.getAttribute('data-run-id'), await status.getAttribute('data-status')].join(' '), {
      timeout: 120_000,
      intervals: [500, 1000],
    })
    .toMatch(new RegExp(`^(?!${before} )\\S+ (succeeded|completed-with-errors)$`));
}

test('run history, a past run on the canvas, Query Starts and a catch-up bulk load', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await page.getByTestId('use-template-creatio-accounts-to-qbo-customers').click();
  await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
  const flowId = decodeURIComponent(page.url().split('/flows/')[1]);
  await page.getByTestId('flow-name').fill('Accounts with history');
  // Pages of 50 (300 demo accounts): a run with several pages, so a rate can be measured while it moves.
  await page.getByTestId('node-accounts').click();
  await page.getByLabel('Records per page').fill('50');
  await page.getByTestId('save').click();
  await page.getByTestId('publish').click();
  await page.getByTestId('publish-confirm').click();
  await expect(page.getByText(/Published version 1/)).toBeVisible();

  await test.step('Run twice; records per second show on the nodes while the first run is active', async () => {
    await creatioLatency(page, 700);
    await page.getByTestId('run').click();
    // Records per second over the last seconds, not zero once pages flow.
    await expect(page.getByTestId('node-accounts-rate')).toHaveText(/^[1-9]\d*(\.\d)? rec\/s$/, { timeout: 60_000 });
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
    await page.screenshot({ path: `${SHOTS}/run-history-throughput.png` });
    await creatioLatency(page, 0);
    await expect
      .poll(async () => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 120_000 })
      .toMatch(/^(succeeded|completed-with-errors)$/);
    await expect(page.getByTestId('node-accounts-rate')).toHaveCount(0);
    await runAndWait(page);
  });

  let firstRead = '';
  await test.step('History: two runs, the chart, the log filtered by node', async () => {
    await page.getByTestId('open-history').click();
    await expect(page).toHaveURL(/\/runs$/);
    const rows = page.getByTestId('history-table').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId('run-chart').locator('.chart-run')).toHaveCount(2);
    // The older run (the first) read every account.
    await rows.nth(1).click();
    firstRead = (await rows.nth(1).locator('td').nth(2).textContent()) ?? '';
    expect(Number(firstRead)).toBeGreaterThan(0);
    await expect(page.getByTestId('log-line').first()).toContainText('Run started with');
    await page.getByTestId('log-node').selectOption('accounts');
    const nodesShown = async () =>
      [
        ...new Set(
          await page.getByTestId('log-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-node'))),
        ),
      ].join(',');
    await expect.poll(nodesShown).toBe('accounts');
    await expect(page.getByTestId('log-line').filter({ hasText: 'Query Starts moved to' }).first()).toBeVisible();
    const pageLines = await page
      .getByTestId('log-line')
      .filter({ hasText: / in, \d+ out/ })
      .count();
    expect(pageLines).toBeGreaterThan(1); // one line per page of 50 read
    await page.getByTestId('log-search').fill('Query Starts moved');
    await expect(page.getByTestId('log-line')).toHaveCount(pageLines);
    await page.getByTestId('log-level').selectOption('error');
    await expect(page.getByTestId('log-empty')).toBeVisible();
    await page.getByTestId('log-level').selectOption('info');
    await page.getByTestId('log-search').fill('');
    await expect.poll(() => page.getByTestId('log-line').count()).toBeGreaterThan(pageLines);
    await page.screenshot({ path: `${SHOTS}/run-history.png` });
  });

  await test.step('A past run on the canvas, with its counters', async () => {
    await page.getByTestId('show-on-canvas').click();
    await expect(page.getByTestId('past-run-bar')).toContainText('Accounts with history');
    await expect(page.getByTestId('node-accounts-in')).toHaveText(firstRead);
    await page.screenshot({ path: `${SHOTS}/run-history-past-run.png` });
    await page.getByTestId('back-to-history').click();
    await expect(page.getByTestId('history-table')).toBeVisible();
  });

  await test.step('Query Starts: a future date is refused, a valid one is saved and audited', async () => {
    await page.goto(`/#/flows/${encodeURIComponent(flowId)}`);
    await page.getByTestId('node-accounts').click();
    const qs = page.getByTestId('query-starts-accounts');
    const future = new Date(Date.now() + 2 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await qs.getByTestId('query-start-input').fill(future);
    await expect(qs.getByTestId('query-start-problem')).toContainText('is in the future');
    await expect(qs.getByTestId('query-start-save')).toBeDisabled();
    const old = new Date(Date.now() - 3 * 86_400_000 - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await qs.getByTestId('query-start-input').fill(old);
    await expect(qs.getByTestId('query-start-problem')).toHaveCount(0);
    await expect(qs.getByTestId('query-start-warning')).toContainText('This flow has not run for 3 days');
    await qs.getByTestId('query-start-save').click();
    await expect(page.getByText(`Query Starts of accounts set to ${old}`)).toBeVisible();
    await expect(qs.getByTestId('query-start-warning')).toContainText('This flow has not run for 3 days');
    await expect(page.getByTestId('node-accounts-watermark')).toContainText(old.slice(0, 10));
    await page.screenshot({ path: `${SHOTS}/run-history-query-starts.png` });
    await page.goto('/#/audit');
    await expect(page.getByTestId('audit-entry').filter({ hasText: 'watermark.set' }).first()).toContainText(old);
  });

  await test.step('Catch up: a bulk load by date range shows slices and records to completion', async () => {
    await page.goto('/#/monitor');
    const row = page.getByTestId(`monitor-row-${flowId}`);
    await row.getByTestId('catch-up').click();
    const dialog = page.getByTestId('catch-up-dialog');
    await expect(dialog.getByTestId('catch-up-why')).toContainText('stopped for 3 days');
    await expect(dialog.getByTestId('catch-up-bulk')).toBeChecked();
    await dialog.getByTestId('catch-up-from').fill('2020-01-01T00:00:00Z');
    await dialog.getByTestId('catch-up-batch').fill('50');
    await dialog.getByTestId('catch-up-slices').fill('3');
    await creatioLatency(page, 700);
    await dialog.getByTestId('catch-up-start').click();
    const progress = dialog.getByTestId('catch-up-progress');
    await expect(progress).toHaveAttribute('data-status', 'running');
    await expect(progress.getByTestId('catch-up-records')).toContainText(/read [1-9]\d*/, { timeout: 60_000 });
    await expect(progress.getByTestId('catch-up-slices-done')).toContainText(/^[0-2] of 3 done/);
    await page.screenshot({ path: `${SHOTS}/run-history-catch-up-progress.png` });
    await creatioLatency(page, 0);
    await expect(progress).toHaveAttribute('data-status', /^(succeeded|completed-with-errors)$/, { timeout: 120_000 });
    await expect(progress.getByTestId('catch-up-slices-done')).toHaveText('3 of 3 done');
    await expect(progress.getByTestId('catch-up-done')).toHaveText('100 %');
    await expect(progress.getByTestId('catch-up-records')).toContainText(/read [1-9]\d*/);
    await page.screenshot({ path: `${SHOTS}/run-history-catch-up.png` });
  });
});
