// Signing in the way a person does, for every spec (issue 7).
import { expect, type Page } from '@playwright/test';
import { E2E_ADMIN } from './e2e-admin';

export async function signIn(page: Page, who: { email: string; password: string } = E2E_ADMIN): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('current-user')).toHaveText(who.email);
}
