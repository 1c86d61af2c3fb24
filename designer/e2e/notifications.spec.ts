// Notifications (issue 16): an admin chooses who gets Weft's mail, sees which mail
// server it goes through, and sends a test mail that a real SMTP server receives.
import { expect, test } from '@playwright/test';
import { startTestSmtp, type TestSmtp } from '../../server/notify/test-smtp';
import { E2E_SMTP_PORT } from './e2e-ports';
import { signIn } from './sign-in';

let smtp: TestSmtp;
test.beforeAll(async () => {
  smtp = await startTestSmtp(E2E_SMTP_PORT);
});
test.afterAll(() => smtp.close());

test('an admin sets the recipients and a test mail arrives', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await page.getByTestId('current-user').click();
  await page.getByTestId('open-notifications').click();
  await expect(page).toHaveURL(/#\/notifications$/);
  await expect(page.getByTestId('smtp-status')).toContainText(`Mail goes out through 127.0.0.1:${E2E_SMTP_PORT}`);
  await expect(page.getByTestId('smtp-status')).toContainText('weft@e2e.example');

  await page.getByTestId('notify-to').fill('not an address');
  await page.getByTestId('notify-save').click();
  await expect(page.getByText(/is not an e-mail address/)).toBeVisible();

  await page.getByTestId('notify-to').fill('it@acme.example');
  await page.getByTestId('notify-hosting').fill('ops@hoster.example');
  await page.getByTestId('notify-save').click();
  await expect(page.getByText('Saved. The next mail goes to these addresses.')).toBeVisible();

  await page.getByTestId('notify-send-test').click();
  await expect(page.getByText(/^Sent to .*it@acme\.example.*ops@hoster\.example/)).toBeVisible();
  const mail = smtp.mails.at(-1);
  expect(mail?.subject).toBe('Weft test mail');
  expect(mail?.to).toEqual(expect.arrayContaining(['it@acme.example', 'ops@hoster.example']));
  await page.screenshot({ path: 'test-results/screenshots/notifications.png' });

  // Saved for real: a reload shows the same recipients.
  await page.reload();
  await expect(page.getByTestId('notify-to')).toHaveValue('it@acme.example');
});
