// "Configure solution" as a solutions specialist walks a customer through it at 1440x900: the
// template cards say what each needs on this workspace's systems, then the guided page turns
// "accounts ↔ customers both ways, opportunities → invoices, on QuickBooks Online" into drafts,
// in the order they run, and one of them opens on the canvas without problems.
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

const SHOTS = process.env.WEFT_E2E_SHOTS ?? 'test-results/screenshots';

test.use({ viewport: { width: 1440, height: 900 } });

test('the cards say what a template needs, checked against the connected systems', async ({ page }) => {
  await signIn(page);
  await page.goto('/#/');
  const desktopInvoices = page.getByTestId('needs-creatio-opportunities-to-qbd-invoices');
  // Other specs may already have run a Desktop customers flow in this workspace (that "run first" is then
  // met); no spec runs a Desktop products flow, so that one is always still to do.
  await expect(desktopInvoices).toContainText(/Before you use it \([12] to do\):/);
  await expect(desktopInvoices).toContainText(
    'Run first: a Creatio Product ↔ QuickBooks Item flow on QuickBooks Desktop, ' +
      'e.g. "Creatio products → QuickBooks Desktop service items", so its records are bound.',
  );
  await expect(desktopInvoices).toContainText(
    'Run first: a Creatio Account ↔ QuickBooks Customer/Job flow on QuickBooks Desktop',
  );
  const accounts = page.getByTestId('needs-creatio-accounts-to-qbd-customers');
  await expect(accounts).toContainText('Ready: what it needs is in place.');
  await accounts.getByText('checks pass').click();
  await expect(accounts).toContainText('Creatio has Account.UsrQBFullName (Text(210)).');
  await expect(accounts).toContainText('QuickBooks Desktop custom field AccountID on Customer');
  await page.getByTestId('template-creatio-opportunities-to-qbd-invoices').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/solution-card-needs.png` });
});

test('configures accounts ↔ customers and opportunities → invoices, and opens a created flow', async ({ page }) => {
  await signIn(page);
  await page.goto('/#/');
  await page.getByTestId('home-configure-solution').click();
  await expect(page.getByRole('heading', { name: 'Configure solution', level: 1 })).toBeVisible();
  // One company to start with; the Desktop company file stays out until ticked.
  await expect(page.getByTestId('company-qbo-sandbox')).toBeChecked();
  await expect(page.getByTestId('company-qbd-sandbox')).not.toBeChecked();
  // QuickBooks Online has no sales orders: the choice is there, disabled, with the reason.
  const salesOrders = page.getByTestId('pair-opportunities-sales-orders-direction');
  await expect(salesOrders.locator('option[value="c2q"]')).toBeDisabled();
  await expect(salesOrders.locator('option[value="c2q"]')).toHaveText(
    'Creatio → QuickBooks (no template for Creatio → QuickBooks yet)',
  );

  const accounts = page.getByTestId('pair-accounts-customers-direction');
  const both = (await accounts.locator('option[value="both"]').isEnabled()) ? 'both' : 'c2q';
  await accounts.selectOption(both);
  await page.getByTestId('pair-accounts-customers-rule').selectOption('name-phone');
  await page.getByTestId('pair-opportunities-invoices-direction').selectOption('c2q');
  await page.getByTestId('pair-opportunities-invoices-trigger').selectOption('won');
  await page.getByTestId('solution-price-book').fill('Partner prices');

  const plan = page.getByTestId('solution-plan');
  const names = [
    'Creatio accounts → QuickBooks Online customers',
    ...(both === 'both' ? ['QuickBooks Online customers → Creatio accounts'] : []),
    'Creatio opportunities → QuickBooks Online invoices',
  ];
  for (const [i, name] of names.entries()) await expect(plan.getByTestId(`plan-flow-${i + 1}`)).toContainText(name);
  await expect(plan.getByTestId('plan-flow-1')).toContainText('Match rule: Name + Phone');
  await expect(plan.getByTestId(`plan-flow-${names.length}`)).toContainText(
    'Create new records when the opportunity is won',
  );
  await page.screenshot({ path: `${SHOTS}/solution-configure.png`, fullPage: true });

  await page.getByTestId('solution-create').click();
  const created = page.getByTestId('solution-created');
  await expect(created).toContainText(`Created ${names.length} drafts.`);
  await page.screenshot({ path: `${SHOTS}/solution-created.png` });

  // The flow list has them, as drafts not yet published.
  const hrefs = await created.locator('ol a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(hrefs).toHaveLength(names.length);
  await created.getByRole('link', { name: 'your flows' }).click();
  for (const href of hrefs) {
    const id = decodeURIComponent(href.replace('#/flows/', ''));
    await expect(page.getByTestId(`open-flow-${id}`)).toHaveText(names[hrefs.indexOf(href)]);
  }
  await page.getByTestId(`open-flow-${decodeURIComponent(hrefs[names.length - 1].replace('#/flows/', ''))}`).click();
  await expect(page.getByTestId('problems-panel')).toContainText('No problems');
  await expect(page.locator('.react-flow__node')).toHaveCount(7); // the invoice template's seven steps, its write-back to Creatio last
  await page.screenshot({ path: `${SHOTS}/solution-flow-on-canvas.png` });
});

test('two company files make one set of flows each, and what a company cannot have is said', async ({ page }) => {
  await signIn(page);
  await page.goto('/#/solution');
  await page.getByTestId('company-qbd-sandbox').check();
  await page.getByTestId('pair-accounts-customers-direction').selectOption('c2q');
  // Sales orders: Desktop has a template, Online has none (QuickBooks Online has no sales orders).
  await page.getByTestId('pair-opportunities-sales-orders-direction').selectOption('c2q');
  const plan = page.getByTestId('solution-plan');
  await expect(plan.getByTestId('plan-flow-1')).toContainText(
    'Creatio accounts → QuickBooks Online customers (QuickBooks Online sandbox (demo company))',
  );
  await expect(plan.getByTestId('plan-flow-2')).toContainText(
    'Creatio accounts → QuickBooks Desktop customers (QuickBooks Desktop sandbox (demo company file))',
  );
  await expect(plan.getByTestId('plan-flow-3')).toContainText(
    'Creatio opportunities → QuickBooks Desktop sales orders',
  );
  await expect(page.getByTestId('solution-notes')).toHaveText(
    'No template for Creatio Opportunity ↔ QuickBooks Sales Order (Creatio → QuickBooks Online) yet: ' +
      'nothing is made for it on "QuickBooks Online sandbox (demo company)".',
  );
  await expect(page.getByTestId('solution-create')).toHaveText('Create 3 flows');
  await plan.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/solution-two-companies.png` });
});
