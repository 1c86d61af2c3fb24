// Business rules per entity: derived fields and the checks QuickBooks makes
// before saving. Each returns nothing and throws a QboFault with the code the
// real service uses (reference B4, B9).
import { CURRENCIES, currencyPrefs, preferencesRule } from './preferences';
import { business, money, refId, required, resolveRef, type Body, type RuleCtx } from './rule-helpers';
import { hasTransactions, TXN_RULES } from './txn-rules';
import { appliedByAll } from './payment-credits';
import { fault } from './wire-errors';

export { refId, type RuleCtx } from './rule-helpers';

/** A customer's or vendor's currency: the home currency unless set; fixed once it has transactions (reference B11). */
function partyCurrency(body: Body, ctx: RuleCtx, entity: 'Customer' | 'Vendor'): void {
  const { multi, home } = currencyPrefs(ctx);
  const before = refId(ctx.existing?.body.CurrencyRef);
  const cur = refId(body.CurrencyRef) ?? before ?? home;
  if (!CURRENCIES[cur])
    throw business(`Unknown currency ${cur} in CurrencyRef; use an ISO 4217 code such as ${home}.`, 'CurrencyRef');
  if (!multi && cur !== home) {
    throw business(
      `Multicurrency is not turned on for this company, so a ${entity.toLowerCase()} can only use ` +
        `${home} (CurrencyRef ${cur} was supplied). Turn on multicurrency in QuickBooks first.`,
      'CurrencyRef',
    );
  }
  if (before && before !== cur && ctx.existing && hasTransactions(ctx, entity, ctx.existing.id)) {
    throw business(
      `The currency of ${entity.toLowerCase()} "${String(ctx.existing.body.DisplayName)}" is ${before} and cannot change: it already has transactions.`,
      'CurrencyRef',
    );
  }
  body.CurrencyRef = { value: cur, name: CURRENCIES[cur].name };
}

function party(body: Body, ctx: RuleCtx, entity: string): void {
  if (!body.DisplayName) {
    // QuickBooks builds DisplayName from the name parts when it is left out (reference B4).
    const parts = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix']
      .map((k) => body[k])
      .filter((v) => typeof v === 'string' && v.trim());
    if (!parts.length)
      throw fault(
        '6080',
        'Business Validation Error',
        `You must enter a name: DisplayName, or at least one of Title, GivenName, MiddleName, FamilyName, Suffix (${entity}).`,
        'DisplayName',
      );
    body.DisplayName = parts.join(' ');
  }
  body.Active = body.Active ?? true;
  body.PrintOnCheckName = body.PrintOnCheckName ?? body.DisplayName;
  body.Balance = ctx.existing?.body.Balance ?? 0;
  body.FullyQualifiedName = body.DisplayName;
  if (entity !== 'Employee') partyCurrency(body, ctx, entity as 'Customer' | 'Vendor');
  if (entity === 'Customer') {
    body.BalanceWithJobs = ctx.existing?.body.BalanceWithJobs ?? 0;
    body.Taxable = body.Taxable ?? false;
    const parentId = refId(body.ParentRef);
    if (parentId) {
      if (parentId === ctx.existing?.id)
        throw fault('6000', 'Business Validation Error', 'A customer cannot be its own parent.', 'ParentRef');
      const parent = resolveRef(ctx, body, 'ParentRef', 'Customer');
      const level = Number(parent.body.Level ?? 0) + 1;
      if (level > 4)
        throw fault(
          '6180',
          'Business Validation Error',
          'Sub-customers can be nested at most 5 levels deep.',
          'ParentRef',
        );
      body.Job = body.Job ?? true;
      body.Level = level;
      body.FullyQualifiedName = `${parent.body.FullyQualifiedName}:${body.DisplayName}`;
    } else {
      body.Job = false;
      body.Level = 0;
    }
  }
}

function item(body: Body, ctx: RuleCtx): void {
  required(body, 'Name');
  body.Type = body.Type ?? 'Service';
  if (!['Service', 'NonInventory', 'Inventory', 'Category', 'Group'].includes(String(body.Type))) {
    throw fault(
      '2010',
      'Request has invalid or unsupported property',
      `Property Name:Type specified is unsupported or invalid: ${String(body.Type)}`,
      'Type',
    );
  }
  // Intuit, "Item bundles using groups" (developer.intuit.com/app/developer/qbo/docs/workflows/manage-inventory/
  // item-bundles-using-groups): bundles are created, updated and deactivated in the QuickBooks Online UI only; the
  // API reads and queries them ("Creating them via the QuickBooks Online API is not supported"). A bundle made
  // as the UI would is put straight into the store (tests: store.insert).
  if (body.Type === 'Group' || ctx.existing?.body.Type === 'Group')
    throw fault(
      '2010',
      'Request has invalid or unsupported property',
      'Property Name:Type specified is unsupported or invalid: Group. Item bundles are created and changed in ' +
        'QuickBooks Online only, not through the API.',
      'Type',
    );
  if (body.Type !== 'Category') {
    required(body, 'IncomeAccountRef');
    resolveRef(ctx, body, 'IncomeAccountRef', 'Account');
  }
  if (body.Type === 'Inventory') {
    for (const f of ['AssetAccountRef', 'ExpenseAccountRef', 'QtyOnHand', 'InvStartDate']) required(body, f);
    resolveRef(ctx, body, 'AssetAccountRef', 'Account');
    body.TrackQtyOnHand = true;
  }
  if (body.ExpenseAccountRef) resolveRef(ctx, body, 'ExpenseAccountRef', 'Account');
  body.Active = body.Active ?? true;
  body.Taxable = body.Taxable ?? false;
  body.UnitPrice = body.UnitPrice ?? 0;
  body.FullyQualifiedName = body.Name;
}

const CLASSIFICATION: Record<string, string> = {
  Bank: 'Asset',
  'Other Current Asset': 'Asset',
  'Fixed Asset': 'Asset',
  'Other Asset': 'Asset',
  'Accounts Receivable': 'Asset',
  Equity: 'Equity',
  Expense: 'Expense',
  'Other Expense': 'Expense',
  'Cost of Goods Sold': 'Expense',
  'Accounts Payable': 'Liability',
  'Credit Card': 'Liability',
  'Long Term Liability': 'Liability',
  'Other Current Liability': 'Liability',
  Income: 'Revenue',
  'Other Income': 'Revenue',
};

function account(body: Body, ctx: RuleCtx): void {
  required(body, 'Name');
  required(body, 'AccountType');
  const cls = CLASSIFICATION[String(body.AccountType)];
  if (!cls)
    throw fault(
      '6010',
      'Business Validation Error',
      `Invalid account type: ${String(body.AccountType)}. Use one of ${Object.keys(CLASSIFICATION).join(', ')}.`,
      'AccountType',
    );
  body.Classification = cls;
  body.Active = body.Active ?? true;
  // A sub-account (ParentRef) is named after its parents: FullyQualifiedName "Utilities:Telephone",
  // SubAccount true (Intuit, Account entity: "FullyQualifiedName … derived from Name and ParentRef").
  const parent = body.ParentRef ? resolveRef(ctx, body, 'ParentRef', 'Account') : undefined;
  body.SubAccount = !!parent;
  body.CurrentBalance = ctx.existing?.body.CurrentBalance ?? 0;
  body.CurrentBalanceWithSubAccounts = body.CurrentBalance;
  body.FullyQualifiedName = parent ? `${String(parent.body.FullyQualifiedName)}:${String(body.Name)}` : body.Name;
  body.CurrencyRef = body.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' };
}

export const RULES: Record<string, (body: Body, ctx: RuleCtx) => void> = {
  Customer: (b, c) => party(b, c, 'Customer'),
  Vendor: (b, c) => party(b, c, 'Vendor'),
  Employee: (b, c) => party(b, c, 'Employee'),
  Item: item,
  Account: account,
  Preferences: preferencesRule,
  ...TXN_RULES,
};

/**
 * Invoice Balance = TotalAmt − payments linked to it; CreditMemo RemainingCredit (and Balance) = TotalAmt − the
 * credit payments took from it (payment-credits.ts); Customer Balance = open invoices − unapplied payments − credit
 * remaining.
 */
export function recomputeBalances(ctx: RuleCtx, customerId: string | undefined): void {
  if (!customerId) return;
  const { store, realm } = ctx;
  const payments = store.all(realm.id, 'Payment').filter((p) => refId(p.body.CustomerRef) === customerId);
  const applied = appliedByAll(store, realm.id);
  let open = 0;
  for (const inv of store.all(realm.id, 'Invoice').filter((i) => refId(i.body.CustomerRef) === customerId)) {
    const balance = money(Number(inv.body.TotalAmt ?? 0) - (applied.invoices.get(inv.id) ?? 0));
    open += balance;
    if (balance !== inv.body.Balance) store.setBody(realm.id, inv, { ...inv.body, Balance: balance });
  }
  for (const memo of store.all(realm.id, 'CreditMemo').filter((m) => refId(m.body.CustomerRef) === customerId)) {
    const left = money(Number(memo.body.TotalAmt ?? 0) - (applied.credits.get(memo.id) ?? 0));
    // A credit taken or given back changes the credit memo itself: its SyncToken and LastUpdatedTime move, so
    // a reader of changes sees the new RemainingCredit [?: Intuit documents the field, not the change stamp].
    if (left !== memo.body.RemainingCredit || left !== memo.body.Balance)
      store.update(realm.id, memo, { ...memo.body, RemainingCredit: left, Balance: left }, undefined, ctx.now);
  }
  const unapplied =
    payments.reduce((s, p) => s + Number(p.body.UnappliedAmt ?? 0), 0) +
    store
      .all(realm.id, 'CreditMemo')
      .filter((m) => refId(m.body.CustomerRef) === customerId)
      .reduce((s, m) => s + Number(m.body.RemainingCredit ?? 0), 0);
  const customer = store.get(realm.id, 'Customer', customerId);
  if (customer) {
    const balance = money(open - unapplied);
    store.setBody(realm.id, customer, { ...customer.body, Balance: balance, BalanceWithJobs: balance });
  }
}

/** Bill Balance = TotalAmt − bill payments linked to it; Vendor Balance = open bills − vendor credits. */
export function recomputeVendorBalances(ctx: RuleCtx, vendorId: string | undefined): void {
  if (!vendorId) return;
  const { store, realm } = ctx;
  const paid = new Map<string, number>();
  for (const p of store.all(realm.id, 'BillPayment').filter((x) => refId(x.body.VendorRef) === vendorId)) {
    for (const line of (p.body.Line ?? []) as Body[]) {
      for (const link of (line.LinkedTxn ?? []) as Body[])
        if (link.TxnType === 'Bill')
          paid.set(String(link.TxnId), (paid.get(String(link.TxnId)) ?? 0) + Number(line.Amount ?? 0));
    }
  }
  let open = 0;
  for (const bill of store.all(realm.id, 'Bill').filter((b) => refId(b.body.VendorRef) === vendorId)) {
    const balance = money(Number(bill.body.TotalAmt ?? 0) - (paid.get(bill.id) ?? 0));
    open += balance;
    if (balance !== bill.body.Balance) store.setBody(realm.id, bill, { ...bill.body, Balance: balance });
  }
  const credits = store
    .all(realm.id, 'VendorCredit')
    .filter((c) => refId(c.body.VendorRef) === vendorId)
    .reduce((s, c) => s + Number(c.body.Balance ?? 0), 0);
  const vendor = store.get(realm.id, 'Vendor', vendorId);
  if (vendor) store.setBody(realm.id, vendor, { ...vendor.body, Balance: money(open - credits) });
}
