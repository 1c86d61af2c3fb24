// Issue 13 in real Chromium: an admin manages the workspace's members (invite with an
// initial password, change the role, remove) and makes a new workspace; the new
// person joins by signing in with that password (issue 18: an invitation until then);
// the audit log records each change.
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

test('an admin adds a person, changes their role, removes them, and creates a workspace; the audit log has each', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const dana = `dana-${Date.now().toString(36)}@acme.example`;
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await page.getByTestId('current-user').click();
  await page.getByTestId('open-members').click();
  await expect(page.getByRole('heading', { name: /Members of/ })).toBeVisible();

  await test.step('invite a person with an initial password; they join by signing in with it', async () => {
    await page.getByTestId('add-member-email').fill(dana);
    await page.getByTestId('add-member-name').fill('Dana Scully');
    await page.getByTestId('add-member-role').selectOption('analyst');
    const password = await page.getByTestId('add-member-password').inputValue();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await page.getByTestId('add-member-submit').click();
    // Issue 18: nobody joins without accepting. Until then they are an invitation, not a member.
    await expect(page.getByText(`${dana} is invited as analyst.`, { exact: false })).toBeVisible();
    await expect(page.getByTestId(`invitation-${dana}`)).toContainText('analyst');
    await expect(page.getByTestId(`member-${dana}`)).toHaveCount(0);

    // The person signs in with the password the admin passed on: that accepts, with the role given.
    const theirs = await browser.newContext({ baseURL });
    const theirPage = await theirs.newPage();
    await signIn(theirPage, { email: dana, password });
    await expect(theirPage.getByTestId('current-role')).toHaveText('analyst');
    // Not an admin: no members screen in their menu, and the server refuses the list.
    await theirPage.getByTestId('current-user').click();
    await expect(theirPage.getByTestId('open-members')).toHaveCount(0);
    expect((await theirPage.request.get('/trpc/workspace.members')).status()).toBe(403);
    await theirs.close();

    await page.reload();
    await expect(page.getByTestId(`member-${dana}`)).toContainText('Dana Scully');
    await expect(page.getByTestId(`invitation-${dana}`)).toHaveCount(0);
  });

  await test.step('change their role; it stays after a reload', async () => {
    await page.getByTestId(`member-role-${dana}`).selectOption('operator');
    await expect(page.getByText(`${dana} is now operator.`)).toBeVisible();
    await page.reload();
    await expect(page.getByTestId(`member-role-${dana}`)).toHaveValue('operator');
    const shot = testInfo.outputPath('members-admin.png');
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('members-admin', { path: shot, contentType: 'image/png' });
  });

  await test.step('remove them, after a confirmation', async () => {
    await page.getByTestId(`member-remove-${dana}`).click();
    await page.getByTestId(`member-remove-confirm-${dana}`).click();
    await expect(page.getByTestId(`member-${dana}`)).toHaveCount(0);
  });

  await test.step('the audit log has each change, newest first', async () => {
    await page.goto('/#/audit');
    // (Their sign-in is in it too, as account.sign-in.)
    const rows = page
      .getByTestId('audit-entry')
      .filter({ hasText: dana })
      .filter({ hasText: /member\./ });
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(0)).toContainText('member.remove');
    await expect(rows.nth(1)).toContainText('member.role');
    await expect(rows.nth(2)).toContainText('member.accept');
    await expect(rows.nth(3)).toContainText('member.invite');
  });

  await test.step('a new workspace for another company opens at once, with its creator as its only admin', async () => {
    // Sorted after "Demo company": a fresh sign-in opens the first workspace by name, and the other specs expect the demo one.
    const name = `Northwind ${Date.now().toString(36)}`;
    await page.goto('/#/members');
    await page.getByTestId('new-workspace-name').fill(name);
    await page.getByTestId('new-workspace-submit').click();
    await expect(page.getByTestId('current-workspace')).toHaveText(name);
    await expect(page.getByTestId('current-role')).toHaveText('admin');
    await page.goto('/#/members');
    await expect(page.getByRole('heading', { name: `Members of ${name}` })).toBeVisible();
    await expect(page.getByTestId('members-table').locator('tbody tr')).toHaveCount(1);
    // Back to the demo workspace, so the other specs find it as they left it.
    await page.getByTestId('workspace-switcher').selectOption({ label: 'Demo company' });
    await expect(page.getByTestId('current-workspace')).toHaveText('Demo company');
  });
});
