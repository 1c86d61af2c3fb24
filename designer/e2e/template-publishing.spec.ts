// Issue 15 in real Chromium at 1440x900: an analyst's flow made from the shipped version (2) of a
// template, with a local mapping change; a specialist publishes version 3 of that
// template from the editor (the same mapping field changed differently: one conflict;
// another field: one clean change); the flow shows "Update available", the analyst
// reviews the three-way merge, keeps their change, and the draft holds the result.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

const SHOTS = process.env.WEFT_E2E_SHOTS ?? 'test-results/screenshots';
const TEMPLATE = 'creatio-accounts-to-qbo-customers';
const NOTE = 'Notes come from the address; the company name from the web site';
type Line = { target: string; source?: string };
/** The Notes row of the shipped mapping (version 2 put the contact and address rows before it). */
const NOTES_ROW = 19;

async function fromTemplate(page: Page, name: string): Promise<string> {
  await page.goto('/#/');
  await page.getByTestId(`use-template-${TEMPLATE}`).click();
  await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
  await page.getByTestId('flow-name').fill(name);
  return decodeURIComponent(page.url().split('/flows/')[1]);
}

/** Sets a mapping line's source field in the inspector (rows in the template's order). */
async function setSource(page: Page, row: number, value: string): Promise<void> {
  await page.getByTestId('node-map-customer').click();
  const input = page.getByLabel(`Source field, row ${row}`, { exact: true });
  await input.fill(value);
  await input.press('Tab');
}

/** A message left from an earlier step is closed before a screenshot, as a person would. */
async function dismissMessage(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: 'Dismiss message' });
  if (await close.isVisible()) await close.click();
}

async function save(page: Page): Promise<void> {
  await page.getByTestId('save').click();
  await expect(page.getByTestId('toast')).toContainText('Saved');
}

async function draftLines(page: Page, flowId: string): Promise<Line[]> {
  return page.evaluate(async (id) => {
    const r = await fetch(`/trpc/flows.get?input=${encodeURIComponent(JSON.stringify({ id }))}`);
    const flow = (await r.json()).result.data as {
      templateVersion: number;
      draft: { nodes: { id: string; config: { mappings?: Line[] } }[] };
    };
    return flow.draft.nodes.find((n) => n.id === 'map-customer')!.config.mappings!;
  }, flowId);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  mkdirSync(SHOTS, { recursive: true });
  await signIn(page);
});

test('a flow from version 2 takes version 3 by a three-way merge, its local change kept', async ({ page }) => {
  // The analyst's flow, with a local change: Notes from the web site.
  const ours = await fromTemplate(page, 'Accounts to customers, ours');
  await setSource(page, NOTES_ROW, 'Web');
  await save(page);

  // The specialist's working flow: Notes from the address (the conflict), company name from the web site.
  await fromTemplate(page, 'Accounts template, next version');
  await setSource(page, NOTES_ROW, 'Address');
  await setSource(page, 2, 'Web');
  await save(page);
  await page.getByTestId('publish-template').click();
  const dialog = page.getByTestId('publish-template-dialog');
  await expect(page.getByTestId('publish-template-target')).toHaveValue(TEMPLATE);
  await dialog.getByLabel('Title').fill('Creatio accounts → QuickBooks customers');
  await page.getByTestId('publish-template-note').fill(NOTE);
  await page.screenshot({ path: `${SHOTS}/template-publish-dialog.png` });
  await expect(page.getByTestId('publish-template-confirm')).toHaveText('Publish version 3');
  await page.getByTestId('publish-template-confirm').click();
  await expect(page.getByTestId('toast')).toContainText('as template version 3');

  // The gallery shows version 3 and what it needs; the analyst's flow shows the update.
  await page.goto('/#/');
  await expect(page.getByTestId(`template-version-${TEMPLATE}`)).toContainText(
    `Version 3 · built-in template · ${NOTE}`,
  );
  await expect(page.getByTestId(`template-${TEMPLATE}`)).toContainText('Needs connections: Creatio, QuickBooks Online');
  const update = page.getByTestId(`update-available-${ours}`);
  await expect(update).toHaveText(`Update available: version 3 — ${NOTE}`);
  await page.getByTestId('template-search').fill('invoice');
  await expect(page.getByTestId(`template-${TEMPLATE}`)).toBeHidden();
  await page.getByTestId('template-search').fill('');
  await page.getByTestId('template-direction').selectOption('Creatio → QuickBooks Online');
  await page.getByTestId('template-object').selectOption('Account');
  await expect(page.getByTestId(`template-${TEMPLATE}`)).toBeVisible();
  await expect(page.getByTestId('template-qbo-customers-to-creatio-accounts')).toBeHidden();
  await update.scrollIntoViewIfNeeded();
  await dismissMessage(page);
  await page.screenshot({ path: `${SHOTS}/template-update-available.png`, fullPage: true });

  // The editor says so too, and leads to the review screen.
  await page.getByTestId(`open-flow-${ours}`).click();
  await expect(page.getByTestId('update-banner')).toContainText(`Update available: version 3 — ${NOTE}`);
  await dismissMessage(page);
  await page.screenshot({ path: `${SHOTS}/template-update-banner.png` });
  await page.getByTestId('review-update').click();
  const review = page.getByTestId('template-update');
  await expect(review).toContainText('From version 2 to version 3');
  await expect(page.getByTestId('applied-changes')).toHaveText(/mapping to CompanyName/);
  await expect(page.getByTestId('applied-changes').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('conflict-1')).toHaveCount(0);
  const conflict = page.getByTestId('conflict-0');
  await expect(conflict).toContainText('mapping to Notes: source');
  await expect(conflict).toContainText('Version 2 had: Notes');
  await expect(conflict.locator('label', { hasText: 'Keep yours' })).toContainText('Web');
  await expect(conflict.locator('label', { hasText: 'Take version 3' })).toContainText('Address');
  await expect(page.getByTestId('apply-update')).toBeDisabled();
  await page.getByTestId('conflict-0-ours').check();
  await dismissMessage(page);
  await page.screenshot({ path: `${SHOTS}/template-update-review.png`, fullPage: true });
  await page.getByTestId('apply-update').click();

  // Back in the editor: a draft with the merged result, no update pending, nothing published.
  await expect(page).toHaveURL(new RegExp(`#/flows/${encodeURIComponent(ours)}$`));
  await expect(page.getByTestId('toast')).toContainText('Version 3 of the template is in your draft');
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  await page.getByTestId('node-map-customer').click();
  await expect(page.getByLabel(`Source field, row ${NOTES_ROW}`, { exact: true })).toHaveValue('Web');
  await expect(page.getByLabel('Source field, row 2', { exact: true })).toHaveValue('Web');
  await page.screenshot({ path: `${SHOTS}/template-update-merged.png` });
  const lines = await draftLines(page, ours);
  expect(lines.find((l) => l.target === 'Notes')!.source).toBe('Web');
  expect(lines.find((l) => l.target === 'CompanyName')!.source).toBe('Web');
  await page.goto('/#/');
  await expect(page.getByTestId(`update-available-${ours}`)).toHaveCount(0);
});
