// Issue 14, "binding the way the seed's customers choose it": an analyst sets the accounts →
// customers flow's binding to Name + Phone; two Creatio accounts look like QuickBooks customers
// ("Quasar Optics, Inc." / "QUASAR OPTICS Inc" share a phone; "Nimbus Freight Corp" has another
// phone) and go to the review queue instead of failing; support resolves them — one picked, one
// "create new" — and each record goes on through the flow, written once.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { LOOK_ALIKE_FILTER, seedLookAlikes } from '../../sandbox/look-alikes';
import { QboStore } from '../../sandbox/quickbooks-online/store';
import { signIn } from './sign-in';

const SHOTS = process.env.WEFT_SHOTS_DIR ?? 'test-results/screenshots';
const sandboxFile = (name: string) => join(process.env.WEFT_E2E_DATA_DIR!, 'sandbox', name);

/** The QuickBooks customers whose name contains `like`, read from the running sandbox's file. */
function customersNamed(like: string): string[] {
  const qbo = new QboStore(sandboxFile('quickbooks-online.sqlite'));
  try {
    return qbo
      .all(qbo.realms()[0].id, 'Customer')
      .map((r) => String(r.body.DisplayName))
      .filter((n) => n.toLowerCase().includes(like));
  } finally {
    qbo.close();
  }
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

test('a Name+Phone binding parks two look-alikes for review and support resolves them', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const qbo = new QboStore(sandboxFile('quickbooks-online.sqlite'));
  const creatio = new Database(sandboxFile('creatio.sqlite'));
  try {
    seedLookAlikes(qbo, creatio);
  } finally {
    qbo.close();
    creatio.close();
  }
  await signIn(page);

  await test.step('the analyst chooses Name + Phone on the binding and runs the flow', async () => {
    await page.getByTestId('use-template-creatio-accounts-to-qbo-customers').click();
    await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
    await page.getByTestId('flow-name').fill('Accounts with look-alikes');
    const inspector = page.getByTestId('inspector');
    await page.getByTestId('node-accounts').click();
    await inspector.getByLabel('Only records where').fill(LOOK_ALIKE_FILTER);
    await page.getByTestId('node-bind-customers').click();
    await inspector.getByLabel('Match rule').selectOption('name-phone');
    await expect(page.getByTestId('node-bind-customers')).toContainText('Name + Phone');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('toast')).toContainText('Saved');
    await page.getByTestId('run').click();
    await expect
      .poll(async () => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 120_000 })
      .toBe('succeeded');
    // Parked, not failed and not written: counted on the node, linked to the queue.
    await expect(page.getByTestId('node-bind-customers-review')).toHaveText('in review 2');
    await expect(page.getByTestId('node-bind-customers-failed')).toHaveText('0');
    await expect(page.getByTestId('node-customers-in')).toHaveText('0');
    await shot(page, 'review-binding-node');
  });

  await test.step('support sees each record beside its candidates', async () => {
    await page.getByTestId('node-bind-customers-review').click();
    await expect(page).toHaveURL(/#\/review$/);
    await expect(page.getByTestId('review-count')).toContainText('2 waiting');
    const cases = page.getByTestId('review-case');
    await expect(cases).toHaveCount(2);
    await expect(page.getByText("2 QuickBooks customers look like Creatio account 'Quasar Optics Inc'")).toBeVisible();
    await expect(
      page.getByText("1 QuickBooks customer has the name of Creatio account 'NIMBUS FREIGHT, Corp.', but the phone"),
    ).toBeVisible();
    await shot(page, 'review-queue');
  });

  await test.step('one is matched to the customer whose name it keeps, the other created new', async () => {
    const quasar = page.getByTestId('review-case').filter({ hasText: 'Quasar Optics Inc' });
    const pickColumn = quasar.locator('thead th').filter({ hasText: /customer \d/ });
    await expect(pickColumn).toHaveCount(2);
    // The candidate named "QUASAR OPTICS Inc": its "This one" button is in the same column.
    const names = await quasar.locator('tbody tr').first().locator('td').allTextContents();
    const column = names.indexOf('QUASAR OPTICS Inc');
    expect(column).toBeGreaterThan(0);
    await quasar.locator('tbody tr').last().locator('td').nth(column).getByRole('button', { name: 'This one' }).click();
    await expect(page.getByTestId('toast')).toContainText('matched to "QUASAR OPTICS Inc"');
    await expect(page.getByTestId('review-case')).toHaveCount(1);
    await page.getByTestId('review-case').getByTestId('create-new').click();
    await expect(page.getByTestId('review-count')).toHaveText('Nothing waits for a decision.');
  });

  await test.step('each record went on through the flow, written once', async () => {
    await expect
      .poll(() => customersNamed('nimbus').sort(), { timeout: 60_000 })
      .toEqual(['NIMBUS FREIGHT, Corp.', 'Nimbus Freight Corp']);
    await expect.poll(() => customersNamed('quasar').sort()).toEqual(['Quasar Optics Inc', 'Quasar Optics, Inc.']);
    await page.getByTestId('review-status').selectOption('decided');
    await expect(page.getByTestId('review-decision')).toHaveCount(2);
    await expect(page.getByTestId('review-case').filter({ hasText: 'Quasar' })).toContainText(
      'Matched to "QUASAR OPTICS Inc"',
    );
    await expect(page.getByTestId('review-case').filter({ hasText: 'NIMBUS' })).toContainText('"Create new" chosen');
    await shot(page, 'review-decided');
    // Still one customer each, a little later (the review runs have ended).
    await page.waitForTimeout(3000);
    expect(customersNamed('nimbus')).toHaveLength(2);
  });
});
