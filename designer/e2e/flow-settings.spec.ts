// Flow settings (issue 6): a cron schedule typed into the schedule field is
// checked by the scheduler itself, and its next runs are shown under the field
// in the flow's time zone before the analyst applies it.
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

test('a cron schedule is checked and its next runs previewed', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  await page.getByTestId('use-template-creatio-accounts-to-qbo-customers').click();
  await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
  await page.getByTestId('settings').click();
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();

  const field = dialog.getByLabel('Custom schedule');
  await field.fill('61 * * * *');
  await expect(dialog.getByTestId('next-runs-problem')).toHaveText(
    'Schedule "61 * * * *": minute 61 is out of range 0–59. Correct it in the flow settings.',
  );
  await expect(dialog.getByTestId('settings-apply')).toBeDisabled();

  await field.fill('0 9 * * 1-5');
  const next = dialog.getByTestId('next-runs');
  await expect(next).toContainText('Next runs after Start:');
  // The template's time zone is America/New_York: nine o'clock there, on weekdays only.
  await expect(next).toHaveText(/^Next runs after Start: (?:(?:Mon|Tue|Wed|Thu|Fri) \d{1,2} \w{3}, 09:00(?: · )?){3}$/);
  await dialog.getByTestId('settings-apply').click();
  await expect(page.getByTestId('settings-dialog')).toHaveCount(0);
  await expect(page.getByText('Cron 0 9 * * 1-5')).toBeVisible();
});
