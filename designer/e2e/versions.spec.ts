// Issue 14 as an analyst meets it: publish with a note, edit, publish again, compare
// the two versions on the canvas and as a list, roll back; a broken flow file refused
// naming node and field; a second tab's stale save refused with who changed the flow.
import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from './e2e-admin';
import { signIn } from './sign-in';

const SHOTS = process.env.WEFT_E2E_SHOTS;
test.use({ viewport: { width: 1440, height: 900 } });

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function publish(page: Page, notes: string, version: number) {
  await page.getByTestId('publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog).toContainText(`Publish version ${version}`);
  await dialog.getByLabel('What changed (release notes)').fill(notes);
  await dialog.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('toast')).toContainText(`Published version ${version}.`);
  await expect(page.locator('#start-hint')).toHaveText(`Runs v${version}`);
}

async function retitle(page: Page, nodeId: string, title: string) {
  await page.getByTestId(`node-${nodeId}`).click();
  await page.getByTestId('node-title-input').fill(title);
  await expect(page.getByTestId(`node-${nodeId}`)).toContainText(title);
}

test('versions: publish, compare, roll back, import, two tabs', async ({ page, context }) => {
  let flowUrl = '';

  await test.step('publish with a note, edit, publish again', async () => {
    await signIn(page);
    await page.getByTestId('use-template-creatio-accounts-to-qbo-customers').click();
    await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
    flowUrl = page.url();
    await publish(page, 'First version from the template', 1);

    await retitle(page, 'map-customer', 'Customer fields');
    // Moved by hand, as an analyst tidies the canvas.
    const sink = (await page.getByTestId('node-customers').boundingBox())!;
    await page.mouse.move(sink.x + sink.width / 2, sink.y + 8);
    await page.mouse.down();
    await page.mouse.move(sink.x + sink.width / 2, sink.y + 140, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('node-active').click();
    await page.getByTestId('inspector').getByLabel('Value, row 1').fill('Y');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('toast')).toContainText('Saved');
    await publish(page, 'Renamed the mapping; active is Y', 2);
  });

  await test.step('the history lists who published what, and the diff shows on the canvas and as a list', async () => {
    await page.getByTestId('versions-open').click();
    const history = page.getByTestId('history');
    await expect(history.getByTestId('version-2')).toContainText('Renamed the mapping; active is Y');
    await expect(history.getByTestId('version-2')).toContainText(`Published by ${E2E_ADMIN.email}`);
    await expect(history.getByTestId('version-1')).toContainText('First version from the template');
    await history.getByTestId('compare-from').selectOption('1');
    await history.getByTestId('compare-to').selectOption('2');
    const changes = history.getByTestId('change');
    await expect(changes).toContainText([
      "Filter 'Active only' — Rule 1 (UsrActive.Name): Yes → Y",
      "Mapping 'Customer fields' — Title: Account → Customer → Customer fields",
    ]);
    await expect(changes).toContainText([/'QuickBooks customers' moved$/]);
    await expect(history.locator('[data-testid="diff-node"][data-status="changed"]')).toHaveCount(2);
    await expect(history.locator('[data-testid="diff-node"][data-status="moved"]')).toHaveCount(1);
    await expect(history.locator('[data-testid="diff-node"][data-status="was"]')).toHaveCount(1);
    // The source, the binding and the contact and address options step are as they were.
    await expect(history.locator('[data-testid="diff-node"][data-status="same"]')).toHaveCount(3);
    await shot(page, 'versions-diff-v1-v2');
  });

  await test.step('roll back to version 1: a new draft, the versions stay', async () => {
    const history = page.getByTestId('history');
    await history.getByTestId('rollback-1').click();
    await history.getByTestId('rollback-confirm').click();
    await expect(page.getByTestId('history')).toHaveCount(0);
    await expect(page.getByTestId('toast')).toContainText('The draft is now a copy of version 1.');
    await expect(page.getByTestId('node-map-customer')).toContainText('Account → Customer');
    await expect(page.getByTestId('unsaved')).toHaveCount(0);
    await expect(page.locator('#start-hint')).toHaveText('Runs v2');
    await shot(page, 'versions-after-rollback');
    await page.getByTestId('versions-open').click();
    await expect(page.getByTestId('version-2')).toBeVisible();
    // It opens on the latest version against the draft: the roll back undid version 2's changes.
    await expect(page.getByTestId('change-list')).toContainText('3 differences');
    await page.getByTestId('compare-from').selectOption('1');
    await expect(page.getByTestId('change-list')).toContainText('No differences');
    await page.getByTestId('history-close').click();
    // The rolled-back draft is published as a new version: history only grows.
    await publish(page, 'Back to the template', 3);
  });

  await test.step("a second tab's save is refused when this one saved first, naming who", async () => {
    const other = await context.newPage();
    await other.goto(flowUrl);
    await expect(other.getByTestId('node-accounts')).toBeVisible();
    await retitle(page, 'accounts', 'Accounts (first tab)');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('toast')).toContainText('Saved');

    await retitle(other, 'customers', 'Customers (second tab)');
    await other.getByTestId('save').click();
    const stale = other.getByTestId('stale-save');
    await expect(stale).toContainText(`This flow was changed by ${E2E_ADMIN.email} at`);
    await expect(stale).toContainText('Your changes are not saved');
    await shot(other, 'versions-stale-save');
    await stale.getByTestId('stale-diff').click();
    await expect(other.getByTestId('change')).toContainText(
      [
        '— Title: Accounts (first tab) → Creatio accounts',
        '— Title: QuickBooks customers → Customers (second tab)',
      ].map((t) => new RegExp(t.replace(/[()→]/g, '.'))),
    );
    await shot(other, 'versions-stale-differences');
    await other.getByTestId('history-close').click();
    await other.getByTestId('save').click();
    await other.getByTestId('stale-reload').click();
    await expect(other.getByTestId('node-accounts')).toContainText('Accounts (first tab)');
    await expect(other.getByTestId('node-customers')).not.toContainText('second tab');
    await other.close();
  });

  await test.step('a broken flow file is refused naming node and field; nothing is imported', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('versions-open').click();
    await page.getByTestId('download').click();
    const file = JSON.parse(
      await (await (await download).createReadStream()).toArray().then((b) => Buffer.concat(b).toString()),
    );
    expect(file.nodes.map((n: { id: string }) => n.id)).toEqual([
      'accounts',
      'active',
      'bind-customers',
      'customers',
      'map-customer',
      'options',
    ]);
    file.nodes.find((n: { id: string }) => n.id === 'map-customer').config.mappings[0].target = 42;

    await page.goto('/');
    const rows = page.getByTestId('flow-list').locator('tbody tr');
    await expect(
      page.getByTestId(`open-flow-${decodeURIComponent(flowUrl.replace(/^.*#\/flows\//, ''))}`),
    ).toBeVisible();
    const before = await rows.count();
    await page.getByTestId('import-flow-input').setInputFiles({
      name: 'broken.weft.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file, null, 2)),
    });
    const refused = page.getByTestId('import-refused');
    await expect(refused).toContainText('broken.weft.json was not imported');
    await expect(refused).toContainText('Node "map-customer" (Mapping)');
    await expect(refused).toContainText('config.mappings.0.target');
    await shot(page, 'versions-import-refused');
    await expect(rows).toHaveCount(before);
  });

  await test.step('the same file, fixed, imports as a new flow; deleting it asks by name', async () => {
    const download = page.waitForEvent('download');
    await page.goto(flowUrl);
    await page.getByTestId('versions-open').click();
    await page.getByTestId('download').click();
    const text = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString();
    await page.goto('/');
    await page.getByTestId('import-flow-input').setInputFiles({
      name: 'good.weft.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
    const imported = decodeURIComponent(page.url().replace(/^.*#\/flows\//, ''));
    await expect(page.getByTestId('node-accounts')).toContainText('Accounts (first tab)');
    await page.goto('/');
    await page.getByTestId(`delete-flow-${imported}`).click();
    const dialog = page.getByTestId('delete-flow');
    // The file's own name (a template's name can change with its versions: another spec publishes one).
    const { name } = JSON.parse(text) as { name: string };
    await expect(dialog).toContainText(`Delete the flow “${name}”?`);
    await shot(page, 'versions-delete-confirm');
    await dialog.getByTestId('delete-flow-confirm').click();
    await expect(page.getByTestId('toast')).toContainText('Deleted the flow');
    await expect(page.getByTestId(`open-flow-${imported}`)).toHaveCount(0);
  });
});
