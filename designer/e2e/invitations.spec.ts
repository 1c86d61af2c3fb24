// Issue 18 in the browser: an admin adding a person who already has an account to
// another workspace only invites them; the person sees the invitation in the header,
// and joins by accepting it.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

const PERSON = { email: 'e2e-invited@weft.local', password: 'invited person 12345' };

async function mutate(page: Page, path: string, input: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'weft_csrf')!.value;
  const r = await page.request.post(`/trpc/${path}`, {
    data: input,
    headers: { 'x-weft-csrf': csrf, 'content-type': 'application/json' },
  });
  expect(r.status(), await r.text()).toBe(200);
  return ((await r.json()) as { result: { data: unknown } }).result.data;
}

test('a person with an account joins another workspace only by accepting its invitation', async ({
  page,
  browser,
}, testInfo) => {
  await signIn(page);
  await mutate(page, 'workspace.addMember', { email: PERSON.email, role: 'support', password: PERSON.password });
  const person = await (await browser.newContext()).newPage();
  await signIn(person, PERSON); // a new person: their first sign-in accepts
  await expect(person.getByTestId('current-workspace')).toHaveText('Demo company');
  await expect(person.getByTestId('open-invitations')).toHaveCount(0);

  const { id } = (await mutate(page, 'workspace.create', { name: 'E2E second company' })) as { id: string };
  try {
    await mutate(page, 'auth.switchWorkspace', { workspaceId: id });
    await mutate(page, 'workspace.addMember', {
      email: PERSON.email,
      role: 'analyst',
      password: 'not used for an existing account',
    });
  } finally {
    await mutate(page, 'auth.switchWorkspace', { workspaceId: 'default' }); // other specs' admin lands in the demo company
  }

  await person.reload();
  await expect(person.getByTestId('current-workspace')).toHaveText('Demo company'); // nothing changed behind their back
  await person.getByTestId('open-invitations').click();
  await expect(person.getByTestId(`invitation-${id}`)).toContainText('E2E second company as analyst');
  const shot = testInfo.outputPath('invitations.png');
  await person.screenshot({ path: shot });
  await testInfo.attach('invitations', { path: shot, contentType: 'image/png' });
  await person.getByTestId(`accept-${id}`).click();
  await expect(person.getByTestId('workspace-switcher')).toHaveValue(id);
  await expect(person.getByTestId('current-role')).toHaveText('analyst');
  await expect(person.getByTestId('open-invitations')).toHaveCount(0);
});
