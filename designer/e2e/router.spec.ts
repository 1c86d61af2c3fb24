// The router on the canvas, as an analyst meets it at 1440x900 (issue 15): the template "Creatio opportunities →
// QuickBooks Online invoices, sales receipts or estimates by type" opens without problems, its router shows one
// labelled output per branch; a branch added in the inspector appears on the node, and the flow check names it
// until it is connected.
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

const SHOTS = process.env.WEFT_E2E_SHOTS ?? 'test-results/screenshots';
const TEMPLATE = 'creatio-opportunities-to-qbo-sales-forms-by-type';

test('a router shows its branches, and the flow check names a branch connected to nothing', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await page.goto('/#/');
  await page.getByTestId(`use-template-${TEMPLATE}`).click();
  await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
  await expect(page.getByTestId('node-by-type')).toBeVisible();
  await expect(page.getByTestId('problem')).toHaveCount(0);
  for (const [port, label] of [
    ['invoice', 'Invoice'],
    ['sales-receipt', 'Sales Receipt'],
    ['estimate', 'Estimate'],
    ['other', 'Empty or any other value (invoice)'],
  ])
    await expect(page.getByTestId(`handle-by-type-out-${port}`)).toHaveAttribute('aria-label', `Output ${label}`);
  await page.getByTestId('node-by-type').click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('Field that picks the branch');
  await page.screenshot({ path: `${SHOTS}/router-template.png` });

  await inspector.getByRole('button', { name: '+ Add branch value' }).click();
  await inspector.getByLabel('Value, row 4', { exact: true }).fill('Bill');
  await inspector.getByLabel('Value, row 4', { exact: true }).press('Tab');
  await expect(page.getByTestId('handle-by-type-out-bill')).toHaveAttribute('aria-label', 'Output Bill');
  await expect(page.getByTestId('problem')).toContainText([
    'its branch "Bill" is connected to nothing, so its records would go nowhere',
  ]);
  await page.screenshot({ path: `${SHOTS}/router-branch-unconnected.png` });
});
