// Issue 14: what a Mapping produces is chosen from the record types the systems write, never typed.
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

test('"Produces" of a mapping is a list of record types', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await page.goto('/');
  await page.getByTestId('use-template-creatio-accounts-to-qbo-customers').click();
  await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
  await page.getByTestId('node-map-customer').click();
  const produces = page.getByTestId('inspector').getByLabel('Produces');
  await expect(produces).toHaveValue('quickbooks-online.Customer');
  await expect(produces.locator('option', { hasText: 'QuickBooks Desktop Customer' })).toHaveCount(1);
  await produces.selectOption('quickbooks-online.Vendor');
  await expect(page.getByTestId('node-map-customer')).toContainText('Vendor');
  if (process.env.WEFT_SHOTS) await page.screenshot({ path: `${process.env.WEFT_SHOTS}/produces-select.png` });
});
