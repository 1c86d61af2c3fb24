// Issue 4 in real Chromium: Connections → Connect QuickBooks Online → the built-in
// sandbox's authorize page (another site: 127.0.0.1) → back to Weft's callback,
// whose SameSite=Strict session cookie only arrives after its same-site reload →
// the Connections screen with a success toast and the new connection's realm id.
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

test('an admin connects QuickBooks Online through the OAuth redirect', async ({ page }) => {
  await signIn(page);
  await page.goto('/#/connections');
  // Offered by the kind's consent hook in "Add connection…" (issue 13).
  await page.getByTestId('add-connection').selectOption('quickbooks-online');
  await page.getByTestId('qbo-connect-name').fill('Browser-connected company');
  await expect(page.getByTestId('qbo-connect-env')).toHaveValue('sandbox-local');
  await page.getByTestId('qbo-connect-go').click();
  await page.waitForURL(/\/#\/connections$/);
  await expect(
    page.getByText(/^QuickBooks Online connected: Browser-connected company \(company \d+\)\.$/),
  ).toBeVisible();
  const row = page.locator('tr', { hasText: 'Browser-connected company' });
  await expect(row).toContainText(/Company \(realm\) \d+/);
  await expect(row.getByRole('button', { name: 'Reconnect' })).toBeVisible();
});
