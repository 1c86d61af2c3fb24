// Issue 14, the lines of an invoice in the mapping editor: after the accounts flow has
// made the customers, an analyst opens the opportunities → invoices mapping, sees the
// opportunity's products beside the invoice's Line fields, drags Quantity onto the
// line quantity and watches the preview's lines change.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

test.use({ viewport: { width: 1440, height: 900 } });

const PRODUCTS = 'OpportunityProductCollectionByOpportunity';
const QTY = 'Line.SalesItemLineDetail.Qty';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
  if (process.env.WEFT_SHOTS_DIR) await page.screenshot({ path: `${process.env.WEFT_SHOTS_DIR}/${name}.png` });
}

async function generation(page: Page): Promise<number> {
  return Number(await page.getByTestId('preview-status').getAttribute('data-generation'));
}

async function previewSettled(page: Page, after: number) {
  await expect.poll(() => generation(page), { timeout: 30_000 }).toBeGreaterThan(after);
  await expect(page.getByTestId('preview-status')).not.toHaveText('Updating…');
}

test('an analyst maps the invoice lines from the opportunity products by drag', async ({ page }) => {
  test.setTimeout(420_000);
  await signIn(page);

  await test.step('the customers are made first (the invoices name them)', async () => {
    await page.getByTestId('use-template-creatio-accounts-to-qbo-customers').click();
    await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
    await page.getByTestId('run').click();
    await expect
      .poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 240_000 })
      .toMatch(/succeeded|completed-with-errors/);
  });

  const editor = page.getByTestId('mapping-editor');
  const mapped = page.getByTestId('preview-row').filter({ has: page.locator(`[data-field="Line[1].DetailType"]`) });
  await test.step('the editor shows the products beside the invoice lines', async () => {
    await page.goto('/');
    await page.getByTestId('use-template-creatio-opportunities-to-qbo-invoices').click();
    await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
    await page.getByTestId('node-map-invoice').click();
    await page.getByTestId('open-node-tool').click();
    await expect(editor).toBeVisible();
    await page.getByRole('button', { name: `Expand ${PRODUCTS}` }).click({ timeout: 60_000 });
    await expect(page.getByTestId(`source-field-${PRODUCTS}.Quantity`)).toBeVisible();
    await expect(page.getByTestId('target-list-Line')).toContainText(`one per element of ${PRODUCTS}`);
    await expect(page.getByTestId(`mapping-of-${QTY}`)).toHaveText('← Quantity');
    // Required line fields are marked; the template fills them all, so nothing blocks.
    await expect(page.getByTestId('target-field-Line.DetailType')).toContainText('*');
    await expect(page.getByTestId('mapping-problems')).toHaveCount(0);
    await expect(mapped.first()).toBeVisible({ timeout: 60_000 });
  });

  await test.step('without a quantity mapping the preview lines have none; dragging Quantity brings it', async () => {
    await page.getByTestId(`target-field-${QTY}`).click();
    await expect(page.getByTestId('detail-line-of')).toContainText(PRODUCTS);
    let before = await generation(page);
    await page.getByRole('button', { name: 'Remove mapping' }).click();
    await expect(page.getByTestId(`mapping-of-${QTY}`)).toHaveText('not mapped');
    await previewSettled(page, before);
    await expect(mapped.first()).toBeVisible();
    await expect(page.locator('[data-field="Line[1].SalesItemLineDetail.Qty"]')).toHaveCount(0);

    // A field of the opportunity itself is not one of a line: refused, saying what to drag.
    await page.getByTestId('source-field-Title').dragTo(page.getByTestId(`target-field-${QTY}`));
    await expect(page.getByTestId('mapping-refused')).toContainText(`drag a field of that list (${PRODUCTS}`);
    await expect(page.getByTestId(`mapping-of-${QTY}`)).toHaveText('not mapped');

    before = await generation(page);
    await page.getByTestId(`source-field-${PRODUCTS}.Quantity`).dragTo(page.getByTestId(`target-field-${QTY}`));
    await expect(page.getByTestId(`mapping-of-${QTY}`)).toHaveText('← Quantity');
    await expect(page.getByTestId('mapping-refused')).toHaveCount(0);
    await previewSettled(page, before);
    const first = mapped.first();
    const qty = first.locator('[data-field="Line[1].SalesItemLineDetail.Qty"]');
    await expect(qty).toHaveClass('focus');
    const input = JSON.parse((await first.locator('.preview-input').textContent()) ?? '{}') as Record<
      string,
      { Quantity: number }[]
    >;
    await expect(qty.locator('dd')).toHaveText(String(input[PRODUCTS][0].Quantity));
    await qty.scrollIntoViewIfNeeded();
    await shot(page, 'mapping-lines');
  });

  await test.step('a required line field left unmapped is named before saving', async () => {
    await page.getByTestId('target-field-Line.DetailType').click();
    await page.getByRole('button', { name: 'Remove mapping' }).click();
    await page.getByTestId('mapping-save').click();
    await expect(page.getByTestId('mapping-problems')).toContainText(
      'Line.DetailType is required by QuickBooks Online Invoice but is not mapped',
    );
    await expect(editor).toBeVisible();
  });
});
