// Issue 14, the analyst's mapping editor: from the accounts → customers
// template, drag Phone onto PrimaryPhone.FreeFormNumber, map Web with the
// keyboard, write a JSONata expression for DisplayName with completion, watch
// the preview of 20 sandbox records change (and one record fail), save. Then the
// filter's preview, and a 500-step flow's first render (figure printed).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './sign-in';

const TEMPLATE = 'creatio-accounts-to-qbo-customers';

test.use({ viewport: { width: 1440, height: 900 } });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
  if (process.env.WEFT_SHOTS_DIR) await page.screenshot({ path: `${process.env.WEFT_SHOTS_DIR}/${name}.png` });
}

/** The preview's answer count: it moves each time the server answers a changed mapping. */
async function generation(page: Page): Promise<number> {
  return Number(await page.getByTestId('preview-status').getAttribute('data-generation'));
}

async function previewSettled(page: Page, after: number) {
  await expect.poll(() => generation(page), { timeout: 30_000 }).toBeGreaterThan(after);
  await expect(page.getByTestId('preview-status')).not.toHaveText('Updating…');
}

/** Monaco's completion list shows this item; Enter takes it. */
async function complete(page: Page, typed: string, item: string, shotName?: string) {
  await page.keyboard.type(typed, { delay: 40 });
  const widget = page.locator('.suggest-widget');
  await expect(widget.getByRole('option', { name: item }).first()).toBeVisible();
  await expect(widget.locator('.monaco-list-row.focused')).toContainText(item);
  if (shotName) await shot(page, shotName);
  await page.keyboard.press('Enter');
}

async function openTemplateFlow(page: Page) {
  await signIn(page);
  await page.goto('/');
  await page.getByTestId(`use-template-${TEMPLATE}`).click();
  await expect(page).toHaveURL(/#\/flows\/[^/]+$/);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
}

test('an analyst maps accounts to customers with drag, keyboard and a JSONata expression', async ({ page }) => {
  const editor = page.getByTestId('mapping-editor');
  const rows = page.getByTestId('preview-row');
  const mappingOf = (target: string): Locator => page.getByTestId(`mapping-of-${target}`);
  let failingBefore = 0;
  // Monaco is bundled: nothing it loads (code, styles, its worker) may be refused by the server's CSP.
  const refused: string[] = [];
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      if (/Content Security Policy|worker|Could not create web worker/i.test(m.text())) refused.push(m.text());
    }
  });

  await test.step('the mapping editor opens from the mapping step with both systems’ fields', async () => {
    await openTemplateFlow(page);
    await page.getByTestId('node-map-customer').click();
    // The step's form: a row that does not say when it is written reads as what it means (issue 15), not "(not set)".
    const written = page
      .getByTestId('table-mappings')
      .locator('label.extra-field', { hasText: 'Written' })
      .first()
      .locator('select');
    await expect(written.locator('option:checked')).toHaveText('On every create and update');
    await expect(written.locator('option')).toHaveText(['On every create and update', 'Only when creating']);
    await page.getByTestId('open-node-tool').click();
    await expect(editor).toBeVisible();
    await expect(editor).toContainText('From Creatio Account');
    await expect(editor).toContainText('To QuickBooks Online Customer');
    await expect(page.getByTestId('target-field-DisplayName')).toContainText('*');
    await expect(page.getByTestId('source-field-Phone')).toBeVisible();
    await expect(rows).toHaveCount(20, { timeout: 60_000 });
    await shot(page, 'mapping-editor-open');
  });

  await test.step('Phone dragged onto PrimaryPhone.FreeFormNumber maps it', async () => {
    await page.getByTestId('target-field-PrimaryPhone.FreeFormNumber').click();
    await page.getByRole('button', { name: 'Remove mapping' }).click();
    await expect(mappingOf('PrimaryPhone.FreeFormNumber')).toHaveText('not mapped');
    const before = await generation(page);
    await page.getByTestId('source-field-Phone').dragTo(page.getByTestId('target-field-PrimaryPhone.FreeFormNumber'));
    await expect(mappingOf('PrimaryPhone.FreeFormNumber')).toHaveText('← Phone');
    await previewSettled(page, before);
    await expect(rows.first().locator('[data-field="PrimaryPhone.FreeFormNumber"]')).toContainText('+1 555');
  });

  await test.step('the keyboard way: pick Web, Enter on WebAddr.URI', async () => {
    await page.getByTestId('target-field-WebAddr.URI').click();
    await page.getByRole('button', { name: 'Remove mapping' }).click();
    await page.getByTestId('source-field-Web').focus();
    await page.keyboard.press('Enter');
    await expect(editor.getByRole('status')).toContainText('Picked Web');
    await page.getByTestId('target-field-WebAddr.URI').focus();
    await page.keyboard.press('Enter');
    await expect(mappingOf('WebAddr.URI')).toHaveText('← Web');
  });

  await test.step('a JSONata expression for DisplayName, written with completion', async () => {
    await page.getByTestId('target-field-DisplayName').click();
    await page.getByTestId('mode-expression').click();
    const monaco = page.getByTestId('expression-editor').locator('.monaco-editor');
    await expect(monaco).toBeVisible();
    await expect(monaco.locator('.view-lines')).toHaveText('Name');
    await monaco.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    const before = await generation(page);
    await complete(page, '$upp', '$uppercase');
    await complete(page, 'Na', 'Name', 'mapping-editor-completion');
    await page.keyboard.press('End');
    await page.keyboard.type(' & " · " & Phone', { delay: 30 });
    await page.keyboard.press('Escape');
    await expect(mappingOf('DisplayName')).toHaveText('ƒ $uppercase(Name) & " · " & Phone');
    await previewSettled(page, before);
    await expect(rows.first().locator('[data-field="DisplayName"]')).toContainText('SMITH & SONS · +1 555');
    // Records that fail before this step (or on another field) keep failing; none on DisplayName.
    await expect(page.getByTestId('preview-error').filter({ hasText: 'DisplayName' })).toHaveCount(0);
    failingBefore = await page.getByTestId('preview-error').count();
    await shot(page, 'mapping-editor-expression');
    // A worker Monaco starts (it needs none for this language so far) is a same-origin file.
    expect(workers.every((url) => url.startsWith(new URL(page.url()).origin))).toBe(true);
    expect(refused).toEqual([]);
  });

  await test.step('hover shows a field’s type; a syntax error is underlined and named', async () => {
    const monaco = page.getByTestId('expression-editor').locator('.monaco-editor');
    await monaco.locator('.view-line span', { hasText: 'Phone' }).last().hover();
    await expect(page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Phone — text' })).toBeVisible();
    await page.keyboard.press('End');
    await page.keyboard.type(' &');
    await expect(monaco.locator('.squiggly-error')).toHaveCount(1);
    await expect(page.getByTestId('detail-problem')).toContainText('DisplayName:');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect(monaco.locator('.squiggly-error')).toHaveCount(0);
  });

  await test.step('a rule that breaks one record: the error stays on that record', async () => {
    const before = await generation(page);
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.type('$length(Name) > 41 ? $error("Name is longer than 41 characters") : ', { delay: 20 });
    await page.keyboard.press('Escape');
    await previewSettled(page, before);
    await expect(page.getByTestId('preview-error')).toHaveCount(failingBefore + 1);
    const broken = rows.filter({ has: page.getByTestId('preview-error').filter({ hasText: 'DisplayName' }) });
    await expect(broken).toHaveCount(1);
    await expect(broken).toContainText('The Extraordinarily Long Named Manufacturing Company');
    await expect(broken).toContainText('Name is longer than 41 characters');
    await expect(rows).toHaveCount(20);
    await broken.scrollIntoViewIfNeeded();
    await shot(page, 'mapping-editor-record-error');
  });

  await test.step('"Only when creating" is offered on a field, says what it does, and marks its row', async () => {
    await page.getByTestId('target-field-WebAddr.URI').click();
    const option = page.getByTestId('create-only');
    await expect(option).not.toBeChecked();
    const label = page.locator('label.create-only');
    await expect(label).toHaveAttribute(
      'title',
      /When Weft updates a record that is already there, this field is left as it is/,
    );
    await expect(label).toContainText('written when the record is created and at every update');
    await option.check();
    await expect(label).toContainText('updates leave this field as it is in the target');
    await expect(page.getByTestId('create-only-WebAddr.URI')).toHaveText('only when creating');
    await shot(page, 'mapping-editor-create-only');
  });

  await test.step('saved, the flow keeps the mapping', async () => {
    await page.getByTestId('mapping-save').click();
    await expect(editor).toHaveCount(0);
    await expect(page.getByTestId('toast')).toContainText('Saved');
    // The step's summary on the canvas names the field written only when creating.
    await expect(page.getByTestId('node-map-customer')).toContainText('WebAddr.URI only when creating');
    await shot(page, 'mapping-step-create-only');
    // Keys typed in the editor never reached the canvas beneath (Backspace deletes a selected step there).
    await expect(page.locator('.react-flow__node')).toHaveCount(6);
    await page.reload();
    await page.getByTestId('node-map-customer').click();
    await page.getByTestId('open-node-tool').click();
    await expect(mappingOf('DisplayName')).toContainText('ƒ $length(Name) > 41');
    await expect(mappingOf('PrimaryPhone.FreeFormNumber')).toHaveText('← Phone');
    await expect(page.getByTestId('create-only-WebAddr.URI')).toBeVisible();
    await page.getByTestId('target-field-WebAddr.URI').click();
    await expect(page.getByTestId('create-only')).toBeChecked();
  });

  await test.step('a field Creatio lacks, read by an expression, is named by the server before saving', async () => {
    await page.getByTestId('target-field-DisplayName').click();
    const monaco = page.getByTestId('expression-editor').locator('.monaco-editor');
    await monaco.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' & Phnoe', { delay: 30 });
    await page.keyboard.press('Escape');
    await page.getByTestId('mapping-save').click();
    await expect(page.getByTestId('mapping-problems')).toContainText(
      'Source field Phnoe does not exist on Creatio Account (read by the expression of DisplayName) — did you mean Phone?',
    );
    await expect(editor).toBeVisible();
    await shot(page, 'mapping-editor-server-check');
    await page.getByTestId('mapping-cancel').click();
    await page.getByTestId('node-map-customer').click();
    await page.getByTestId('open-node-tool').click();
  });

  await test.step('an unmapped required field is named before saving', async () => {
    await page.getByTestId('target-field-DisplayName').click();
    await page.getByRole('button', { name: 'Remove mapping' }).click();
    await page.getByTestId('mapping-save').click();
    await expect(page.getByTestId('mapping-problems')).toContainText(
      'DisplayName is required by QuickBooks Online Customer but is not mapped',
    );
    await expect(editor).toBeVisible();
    await shot(page, 'mapping-editor-required');
    await page.getByTestId('mapping-cancel').click();
  });

  await test.step('the filter’s preview shows which records pass', async () => {
    await page.getByTestId('node-active').click();
    await page.getByTestId('open-node-tool').click();
    const drawer = page.getByTestId('node-preview');
    await expect(drawer.getByTestId('preview-row')).toHaveCount(20, { timeout: 60_000 });
    await expect(drawer.locator('[data-state="filtered"]').first()).toContainText('Filtered out');
    await shot(page, 'filter-preview');
    await drawer.getByRole('button', { name: 'Close' }).click();
  });

  await test.step('the binding’s preview shows what each record would match, and how', async () => {
    await page.getByTestId('node-bind-customers').click();
    await page.getByTestId('open-node-tool').click();
    const drawer = page.getByTestId('node-preview');
    await expect(drawer.getByTestId('preview-row')).toHaveCount(20, { timeout: 60_000 });
    await expect(drawer.locator('[data-state="matched"], [data-state="new"]').first()).toBeVisible();
    await shot(page, 'binding-preview');
  });
});

/** A flow of 500 steps: one source, then 499 filters in a chain, laid out in rows of 25. */
function bigFlow(): unknown {
  const nodes: unknown[] = [
    {
      id: 'accounts',
      type: 'creatio.source',
      version: 1,
      title: 'Creatio accounts',
      position: { x: 0, y: 0 },
      config: { connection: '@creatio', entity: 'Account', select: ['Id', 'Name'], pageSize: 1000 },
    },
  ];
  const edges: unknown[] = [];
  for (let i = 1; i < 500; i++) {
    nodes.push({
      id: `f-${i}`,
      type: 'core.filter',
      version: 1,
      title: `Filter ${i}`,
      position: { x: (i % 25) * 280, y: Math.floor(i / 25) * 160 },
      config: { match: 'all', rules: [{ field: 'Name', op: 'is-not-empty', value: '' }] },
    });
    edges.push({ from: `${i === 1 ? 'accounts' : `f-${i - 1}`}:out`, to: `f-${i}:in` });
  }
  return { schema: 'weft.flow/1', name: 'Five hundred steps', nodes, edges };
}

/**
 * Frames while the canvas is dragged across, timed in the page. One long frame can be the machine
 * (other processes) rather than the page: the 90th percentile is what a person feels while dragging.
 */
async function panFrames(page: Page): Promise<{ frames: number; p90: number; longest: number }> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  await page.evaluate(() => {
    const w = window as unknown as { frames_: number[] };
    w.frames_ = [];
    const tick = (t: number) => (w.frames_.push(t), w.frames_.length < 100_000 && requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  });
  await page.mouse.move(canvas.x + canvas.width * 0.8, canvas.y + canvas.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width * 0.1, canvas.y + canvas.height * 0.3, { steps: 60 });
  await page.mouse.up();
  const gaps = await page.evaluate(() => {
    const f = (window as unknown as { frames_: number[] }).frames_;
    return f.slice(1).map((t, i) => t - f[i]);
  });
  const sorted = [...gaps].sort((a, b) => a - b);
  return {
    frames: gaps.length,
    p90: Math.round(sorted[Math.floor(sorted.length * 0.9)]),
    longest: Math.round(sorted.at(-1)!),
  };
}

test('a 500-step flow opens and pans smoothly', async ({ page }) => {
  await openTemplateFlow(page);
  const small = await panFrames(page);
  const csrf = (await page.context().cookies()).find((c) => c.name === 'weft_csrf')!.value;
  const r = await page.request.post('/trpc/flows.importDocument', {
    data: { id: 'five-hundred', document: bigFlow() },
    headers: { 'x-weft-csrf': csrf, 'content-type': 'application/json' },
  });
  expect(r.status()).toBe(200);
  const id = (await r.json()).result.data.id as string;

  // From navigation to every step in view drawn (the canvas draws only what is in view).
  // Timed in the page, from navigation start (a full load) to the frame after which the number of
  // drawn steps stops changing: Playwright's own polling would slow the page it measures.
  await page.addInitScript(() => {
    const w = window as unknown as { drawnAt_?: number; drawn_?: number };
    let last = -1;
    let still = 0;
    let changedAt = 0;
    const tick = () => {
      const n = document.querySelectorAll('.react-flow__node').length;
      if (n !== last) changedAt = performance.now();
      still = n > 0 && n === last ? still + 1 : 0;
      last = n;
      if (still === 10) {
        w.drawnAt_ = changedAt;
        w.drawn_ = n;
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.goto('about:blank');
  const loaded = page.waitForResponse((res) => res.url().includes('flows.get'));
  await page.goto(`/#/flows/${encodeURIComponent(id)}`);
  await loaded;
  await page.waitForFunction(() => (window as unknown as { drawnAt_?: number }).drawnAt_ !== undefined, null, {
    timeout: 60_000,
    polling: 1000,
  });
  const { drawnAt, drawn, flowRead } = await page.evaluate(() => {
    const w = window as unknown as { drawnAt_: number; drawn_: number };
    const get = performance
      .getEntriesByType('resource')
      .find((e): e is PerformanceResourceTiming => e.name.includes('flows.get'));
    return { drawnAt: w.drawnAt_, drawn: w.drawn_, flowRead: get ? get.responseEnd : NaN };
  });
  const firstRender = Math.round(drawnAt);
  const dataAt = Math.round(flowRead);
  const nodes = page.locator('.react-flow__node');
  expect(drawn).toBeGreaterThan(50);
  expect(await nodes.count()).toBe(drawn);

  const big = await panFrames(page);
  await shot(page, 'canvas-500');
  console.log(
    `500-step flow: first render ${firstRender} ms (flow read at ${dataAt} ms; ${drawn} steps in view drawn); ` +
      `pan: ${big.frames} frames, 90% within ${big.p90} ms, longest ${big.longest} ms; ` +
      `the 5-step template on this machine now: 90% within ${small.p90} ms, longest ${small.longest} ms`,
  );
  expect(firstRender).toBeLessThan(15_000);
  // The machine is shared, so the 5-step template's figure is printed beside it. On a loaded machine
  // (load average 20 on 2 cores) the 500-step pan kept 90% of frames within ~100 ms against 17 ms for
  // 5 steps: usable, not yet as smooth; this bound catches a regression, not that gap.
  expect(big.p90).toBeLessThan(250);
});
