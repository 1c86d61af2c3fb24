// Issue 14 in real Chromium at 1440x900: a dry run shows on the canvas what each step would
// do while the QuickBooks Online sandbox serves no write (its own counter), and the real run
// then creates exactly what the dry run foretold, and a message never covers the problems panel.
// (Every shipped template on the canvas at 1440x900: screens.spec.ts.)
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

const SHOTS = process.env.WEFT_E2E_SHOTS ?? 'test-results/screenshots';

/** Write requests the QuickBooks Online sandbox has served (sandbox/quickbooks-online: /__sandbox/stats). */
async function qboWrites(page: Page): Promise<number> {
  const list = await page.evaluate(async () => {
    const r = await fetch('/trpc/connections.list');
    return ((await r.json()) as { result: { data: { id: string; details: Record<string, string> }[] } }).result.data;
  });
  const baseUrl = list.find((c) => c.id === 'qbo-sandbox')!.details.baseUrl;
  const stats = await (await page.request.get(`${baseUrl}/__sandbox/stats`)).json();
  return (stats as { writes: number }).writes;
}

async function finished(page: Page): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /succeeded|completed-with-errors/, {
    timeout: 150_000,
  });
}

function overlaps(a: DOMRect | null, b: DOMRect | null): boolean {
  if (!a || !b) return false;
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  mkdirSync(SHOTS, { recursive: true });
  await signIn(page);
});

test('a dry run shows would-create and would-update on the canvas and writes nothing', async ({ page }) => {
  await page.getByTestId('use-template-creatio-accounts-to-qbo-customers').click();
  await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
  await page.getByTestId('flow-name').fill('Accounts, dry run first');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('toast')).toContainText('Saved');
  const before = await qboWrites(page);

  await page.getByTestId('dry-run').click();
  const toast = page.getByTestId('toast');
  await expect(toast).toContainText('Dry run started: nothing is written');
  // The message sits under the toolbar, never over the problems panel.
  const [t, panel] = await Promise.all([toast.boundingBox(), page.getByTestId('problems-panel').boundingBox()]);
  expect(overlaps(t as DOMRect, panel as DOMRect)).toBe(false);

  await finished(page);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-dry-run', 'true');
  await expect(page.getByTestId('run-status')).toContainText('Last dry run: ');
  await expect(page.getByTestId('dry-run-banner')).toBeVisible();
  await expect(toast).toBeHidden(); // the run's message went with its run
  const sink = page.getByTestId('node-customers-writes');
  await expect(sink).toContainText('would create');
  await expect(page.getByTestId('node-customers-dry')).toHaveText('DRY RUN');
  const wouldCreate = Number(await page.getByTestId('node-customers-created').textContent());
  const wouldUpdate = Number(await page.getByTestId('node-customers-updated').textContent());
  // Every record reaching the sink would be written: created where no customer is bound or matched
  // (all of them on a fresh sandbox), updated where one is (after another spec's run, all of them).
  const reaching = Number(await page.getByTestId('node-customers-in').textContent());
  expect(reaching).toBeGreaterThan(200);
  expect(wouldCreate + wouldUpdate).toBe(reaching);
  expect(await qboWrites(page)).toBe(before);
  // No Query Start moved: the next real run reads the same accounts.
  await expect(page.getByTestId('node-accounts-watermark')).toContainText('from the beginning');
  await page.screenshot({ path: `${SHOTS}/dry-run.png` });
  // The flows list names it a dry run too.
  const flowId = decodeURIComponent(page.url().split('/flows/')[1]);
  await page.goto('/#/');
  await expect(page.getByTestId(`flow-dry-run-${flowId}`)).toHaveText('dry run');
  await page.screenshot({ path: `${SHOTS}/flows-list-after-dry-run.png` });
  await page.getByTestId(`open-flow-${flowId}`).click();
  await expect(page.getByTestId('node-customers-dry')).toBeVisible();

  const dryRunId = await page.getByTestId('run-status').getAttribute('data-run-id');
  await page.getByTestId('run').click();
  // The real run takes the status line (it may be over before a poll sees it running), then ends.
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-run-id', dryRunId!, { timeout: 30_000 });
  await finished(page);
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-dry-run', 'true');
  await expect(page.getByTestId('dry-run-banner')).toBeHidden();
  await expect(sink).toContainText('created');
  await expect(page.getByTestId('node-customers-created')).toHaveText(String(wouldCreate));
  await expect(page.getByTestId('node-customers-updated')).toHaveText(String(wouldUpdate));
  expect(await qboWrites(page)).toBeGreaterThan(before);
  await page.screenshot({ path: `${SHOTS}/real-run-after-dry-run.png` });

  // Run history tells the dry run from the real one, in the table and in the chart.
  await page.goto(`/#/flows/${encodeURIComponent(flowId)}/runs`);
  const rows = page.getByTestId('history-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).not.toContainText('Dry run');
  await expect(rows.nth(1)).toContainText('Dry run');
  await expect(rows.nth(1)).toContainText(`would ${wouldCreate + wouldUpdate}`);
  await expect(page.locator('[data-testid^="chart-run-"].dry')).toHaveCount(1);
  await rows.nth(1).click();
  await expect(page.getByTestId('history-dry-note')).toContainText('wrote nothing');
  await page.screenshot({ path: `${SHOTS}/history-dry-run.png` });
});
