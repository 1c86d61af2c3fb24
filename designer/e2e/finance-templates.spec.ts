// The templates that bring QuickBooks money back into Creatio (issue 15), as an analyst opens them at 1440x900:
// each opens on the canvas with all its nodes and links, and the flow check finds nothing to fix.
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

const SHOTS = process.env.WEFT_E2E_SHOTS ?? 'test-results/screenshots';
const TEMPLATES: [id: string, nodes: number][] = [
  ['qbo-payments-to-creatio-payments', 5],
  ['qbd-payments-to-creatio-payments', 5],
  ['qbo-credit-memos-to-creatio-credit-memos', 7],
  ['qbd-credit-memos-to-creatio-credit-memos', 6],
  ['qbo-payments-to-creatio-transactions', 8],
  ['qbd-payments-to-creatio-transactions', 8],
  ['qbo-aging-to-creatio-accounts', 5],
  ['qbd-aging-to-creatio-accounts', 5],
];

test('each money template opens on the canvas whole, with no problem to fix', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  for (const [id, count] of TEMPLATES) {
    await page.goto('/#/');
    await page.getByTestId(`use-template-${id}`).click();
    await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
    await expect(page.locator('.react-flow__node')).toHaveCount(count);
    await expect(page.locator('.react-flow__edge')).toHaveCount(count - 1);
    await expect(page.getByTestId('problems-panel').getByTestId('problem')).toHaveCount(0);
    if (id.endsWith('transactions') || id.startsWith('qbo-aging'))
      await page.screenshot({ path: `${SHOTS}/${id}.png` });
  }
});
