// The template gallery as an operator of the old service meets it at 1440x900: each card under the title they
// recognise, with the old flow's name and what the template needs, and the plain word that QuickBooks Online has
// no sales orders (the Desktop template has them).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

const SHOTS = process.env.WEFT_E2E_SHOTS ?? 'test-results/screenshots';
const manifest = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../templates/manifest.json', import.meta.url)), 'utf8'),
) as { templates: { id: string; title?: string; formerly?: string; description?: string }[] };

test('the gallery shows every template by its operator title, its former name and what it needs', async ({ page }) => {
  await signIn(page);
  await page.goto('/#/');
  await expect(page.getByTestId('no-qbo-sales-order')).toContainText('QuickBooks Online has no sales orders');
  for (const t of manifest.templates) {
    const card = page.getByTestId(`template-${t.id}`);
    await expect(card.locator('h4')).toHaveText(t.title!);
    if (t.formerly) await expect(card).toContainText(`Formerly ${t.formerly}`);
    await expect(card).toContainText(t.description!.slice(0, 60));
  }
  // The card sits under its direction's heading (issue 15: the gallery grouped by direction).
  await expect(
    page
      .getByTestId('gallery-group-creatio-quickbooks-desktop')
      .getByTestId('template-creatio-opportunities-to-qbd-sales-orders'),
  ).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/template-gallery.png`, fullPage: true });
});

test('a bi-directional pair shows as two flows, each card naming the other, with the utility runs it offers', async ({
  page,
}) => {
  await signIn(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/#/');
  const reverse = page.getByTestId('template-pair-qbd-customers-to-creatio-accounts');
  await expect(reverse).toContainText('Bi-directional (two flows)');
  await expect(reverse).toContainText('“Creatio accounts → QuickBooks Desktop customers”');
  await expect(page.getByTestId('template-pair-creatio-accounts-to-qbd-customers')).toContainText(
    '“QuickBooks Desktop customers → Creatio accounts”',
  );
  await expect(page.getByTestId('template-pair-qbo-vendors-to-creatio-accounts')).toContainText(
    'Bi-directional (two flows)',
  );
  await expect(page.getByTestId('template-pair-qbo-invoices-to-creatio-opportunities')).toContainText(
    '“Creatio opportunities → QuickBooks Online invoices”',
  );
  await expect(page.getByTestId('template-pair-qbo-estimates-to-creatio-opportunities')).toContainText(
    '“Creatio opportunities → QuickBooks Online estimates”',
  );
  // A template not shown free of echoes with one going the other way is no pair: its card says nothing of one.
  await expect(page.getByTestId('template-pair-creatio-opportunities-to-qbo-sales-forms-by-type')).toHaveCount(0);
  // The Desktop transactions are pairs too, each card naming the flow the other way.
  await expect(page.getByTestId('template-pair-qbd-bills-to-creatio-opportunities')).toContainText(
    '“Creatio opportunities → QuickBooks Desktop bills”',
  );
  await expect(page.getByTestId('template-pair-creatio-opportunities-to-qbd-estimates')).toContainText(
    '“QuickBooks Desktop estimates → Creatio opportunities”',
  );
  await expect(page.getByTestId('template-utilities-qbd-customers-to-creatio-accounts')).toHaveText(
    'Utility runs: binding (link records, write nothing), bulk load of a date range, single record',
  );
  await page.getByTestId('template-search').fill('Desktop customers');
  await page.screenshot({ path: `${SHOTS}/template-gallery-pair.png`, fullPage: false });
});

test('an operator looking for QuickBooks Online sales orders is pointed to the estimate and invoice templates', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/#/');
  await page.getByTestId('template-search').fill('sales order');
  await page.getByTestId('template-system').selectOption('QuickBooks Online');
  const card = page.getByTestId('no-qbo-sales-order');
  await expect(card).toContainText('Not available in QuickBooks Online');
  await expect(card).toContainText('an estimate (a quote the customer accepts) or an invoice instead');
  await page.screenshot({ path: `${SHOTS}/template-gallery-no-qbo-sales-order.png` });
  // Desktop has sales orders: there the real card shows, and the note does not.
  await page.getByTestId('template-system').selectOption('QuickBooks Desktop');
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('template-creatio-opportunities-to-qbd-sales-orders')).toBeVisible();
  await page.getByTestId('template-system').selectOption('QuickBooks Online');
  await card.getByRole('button', { name: 'Use the invoice template' }).click();
  await expect(page).toHaveURL(/#\/flows?\//);
  await expect(page.getByLabel('Flow name')).toHaveValue('Creatio opportunities → QuickBooks invoices');
});
