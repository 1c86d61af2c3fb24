// A business analyst's first session: template → canvas edits → save →
// reload → run, watching the live counters. `npm run test:browser`.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in';

const TEMPLATE = 'creatio-accounts-to-qbo-customers';

/** Drag from one port handle to another the way a person does. */
async function connect(page: Page, from: string, to: string) {
  const a = await page.getByTestId(from).boundingBox();
  const b = await page.getByTestId(to).boundingBox();
  if (!a || !b) throw new Error(`handle ${from} or ${to} is not on screen`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 30, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

test('from a template to a live run', async ({ page }) => {
  const nodes = page.locator('.react-flow__node');
  const edges = page.locator('.react-flow__edge');

  await test.step('sign in', async () => {
    await signIn(page);
  });

  await test.step('the gallery offers the template; using it opens the flow', async () => {
    await page.goto('/');
    // The card sits under its direction's heading (the gallery is grouped by direction).
    await expect(
      page.getByTestId('gallery-group-creatio-quickbooks-online').getByTestId(`template-${TEMPLATE}`),
    ).toBeVisible();
    await page.getByTestId(`use-template-${TEMPLATE}`).click();
    await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
    await expect(nodes).toHaveCount(6);
    await expect(edges).toHaveCount(5);
    await expect(page.getByTestId('node-accounts')).toContainText('Creatio accounts');
  });

  await test.step('a Filter dragged from the palette lands on the canvas', async () => {
    const canvas = page.getByTestId('canvas');
    const box = (await canvas.boundingBox())!;
    await page
      .getByTestId('palette-core.filter')
      .dragTo(canvas, { targetPosition: { x: box.width * 0.45, y: box.height * 0.78 } });
    await expect(page.getByTestId('node-filter-2')).toBeVisible();
    await expect(nodes).toHaveCount(7);
    await expect(page.getByTestId('unsaved')).toBeVisible();
  });

  await test.step('a wrong connection is refused with the reason', async () => {
    await connect(page, 'handle-accounts-out-out', 'handle-customers-in-in');
    const toast = page.getByTestId('toast');
    await expect(toast).toContainText('Not connected');
    await expect(toast).toContainText(
      'takes QuickBooks Online Customer records, but "accounts" sends Creatio Account records',
    );
    await expect(edges).toHaveCount(5);
    await toast.getByRole('button', { name: 'Dismiss message' }).click();
  });

  await test.step('a right connection is drawn', async () => {
    await connect(page, 'handle-active-out-out', 'handle-filter-2-in-in');
    await expect(edges).toHaveCount(6);
  });

  await test.step('the inspector edits the new filter', async () => {
    await page.getByTestId('node-filter-2').click();
    const inspector = page.getByTestId('inspector');
    await page.getByTestId('node-title-input').fill('Has a name');
    await inspector.getByLabel('Records must match').selectOption('any');
    await inspector.getByLabel('Test, row 1').selectOption('contains');
    await inspector.getByLabel('Value, row 1').fill('a');
    await expect(page.getByTestId('node-filter-2')).toContainText('Has a name');
    await expect(page.getByTestId('node-filter-2')).toContainText('Name contains a');
  });

  await test.step('saved, then reloaded, the graph is as saved', async () => {
    await page.getByTestId('save').click();
    await expect(page.getByTestId('toast')).toContainText('Saved');
    await expect(page.getByTestId('unsaved')).toHaveCount(0);
    await page.reload();
    await expect(nodes).toHaveCount(7);
    await expect(edges).toHaveCount(6);
    await expect(page.getByTestId('node-filter-2')).toContainText('Has a name');
    await expect(page.getByTestId('node-filter-2')).toContainText('Name contains a');
    await expect(page.getByTestId('unsaved')).toHaveCount(0);
  });

  await test.step('Run: the counters move and the run finishes', async () => {
    await page.getByTestId('run').click();
    await expect
      .poll(async () => Number(await page.getByTestId('node-customers-out').textContent()), {
        timeout: 120_000,
        intervals: [500, 1000],
      })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => page.getByTestId('run-status').getAttribute('data-status'), {
        timeout: 120_000,
        intervals: [500, 1000],
      })
      .toMatch(/^(succeeded|completed-with-errors)$/);
    await expect(page.getByTestId('node-accounts-in')).not.toHaveText('0');
    await expect(page.getByTestId('node-customers-state')).toHaveText('done');
  });
});
