// The operators' monitor (issue 16): a published flow is started from the monitor,
// goes RUNNING → STARTED live with its counters, and a company file's scheduled
// flows are stopped and started again in one click each.
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

test('an operator starts a flow and watches it run, then stops and restarts a company file', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await page.getByTestId('use-template-creatio-accounts-to-qbo-customers').click();
  await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
  const flowId = decodeURIComponent(page.url().split('/flows/')[1]);
  await page.getByTestId('flow-name').fill('Monitored accounts');
  await page.getByTestId('save').click();
  await page.getByTestId('publish').click();
  await page.getByTestId('publish-confirm').click();
  await expect(page.getByText(/Published version 1/)).toBeVisible();

  await page.goto('/#/monitor');
  await expect(page.getByTestId('monitor-connection')).toHaveText('Live');
  const row = page.getByTestId(`monitor-row-${flowId}`);
  await expect(row.getByTestId('monitor-state')).toHaveText('STOPPED');
  await row.getByRole('button', { name: 'Start' }).click();
  // Starting runs it at once: RUNNING, then STARTED (waiting for its next run), pushed live without a reload.
  await expect(row.getByTestId('monitor-state')).toHaveText(/RUNNING|STARTED/);
  await expect(row.getByTestId('monitor-last-run')).toContainText(/Completed with errors|Succeeded/, {
    timeout: 120_000,
  });
  await expect(row.getByTestId('monitor-state')).toHaveText('STARTED');
  await expect(row.getByTestId('monitor-last-run')).toContainText(/read \d+ · created \d+ · updated \d+/);
  await page.screenshot({ path: 'test-results/screenshots/monitor.png' });

  // Seed §6, single-user mode: stop every scheduled flow of the QuickBooks company, then start them again.
  await page.getByTestId('stop-file-qbo-sandbox').click();
  await expect(row.getByTestId('monitor-state')).toHaveText('STOPPED');
  await page.getByTestId('company-file-qbo-sandbox').getByRole('button', { name: 'Start them again' }).click();
  await expect(row.getByTestId('monitor-state')).toHaveText(/RUNNING|STARTED/);

  await page.getByTestId('filter-state').selectOption('STOPPED');
  await expect(row).toHaveCount(0);
});
