// Business rules per entity: derived fields and the checks QuickBooks makes
// before saving. Each returns nothing and throws a QboFault with the code the
// real service uses (reference B4, B9).
import { companyDate } from './company-time';
import type { RealmInfo, QboStore, StoredRow } from './store';
import { fault } from './wire-errors';

export interface RuleCtx { store: QboStore; realm: RealmInfo; now: number; existing?: StoredRow }
type Body = Record<string, unknown>;
type Ref = { value?: unknown; name?: unknown };

const money = (n: number) => Math.round(n * 100) / 100;

export function refId(v: unknown): string | undefined {
  const r = v as Ref | undefined;
  return r && r.value !== undefined && r.value !== null && r.value !== '' ? String(r.value) : undefined;
}

function required(body: Body, field: string): void {
  const v = body[field];
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
    throw fault('2020', 'Required param missing, need to supply the required value for the API', `Required parameter ${field} is missing in the request`, field);
  }
}

/** A reference must point at an existing, active row (2500 Invalid Reference Id; 610 for inactive names). */
function resolveRef(ctx: RuleCtx, body: Body, field: string, entity: string): StoredRow {
  const id = refId(body[field]);
  const row = id ? ctx.store.get(ctx.realm.id, entity, id) : undefined;
  if (!row || row.deleted) throw fault('2500', 'Invalid Reference Id', `Invalid Reference Id : ${entity} element id ${id ?? ''} not found`, field);
  if (row.body.Active === false) {
    throw fault('610', 'Object Not Found', `Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (${entity} ${id})`, field);
  }
  const nameField = entity === 'Customer' || entity === 'Vendor' || entity === 'Employee' ? 'DisplayName' : 'Name';
  body[field] = { value: row.id, name: row.body[nameField] };
  return row;
}

function party(body: Body, ctx: RuleCtx, entity: string): void {
  if (!body.DisplayName) {
    // QuickBooks builds DisplayName from the name parts when it is left out (reference B4).
    const parts = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'].map((k) => body[k]).filter((v) => typeof v === 'string' && v.trim());
    if (!parts.length) throw fault('6080', 'Business Validation Error', `You must enter a name: DisplayName, or at least one of Title, GivenName, MiddleName, FamilyName, Suffix (${entity}).`, 'DisplayName');
    body.DisplayName = parts.join(' ');
  }
  body.Active = body.Active ?? true;
  body.PrintOnCheckName = body.PrintOnCheckName ?? body.DisplayName;
  body.Balance = ctx.existing?.body.Balance ?? 0;
  body.FullyQualifiedName = body.DisplayName;
  if (entity === 'Customer') {
    body.BalanceWithJobs = ctx.existing?.body.BalanceWithJobs ?? 0;
    body.Taxable = body.Taxable ?? false;
    const parentId = refId(body.ParentRef);
    if (parentId) {
      if (parentId === ctx.existing?.id) throw fault('6000', 'Business Validation Error', 'A customer cannot be its own parent.', 'ParentRef');
      const parent = resolveRef(ctx, body, 'ParentRef', 'Customer');
      const level = Number(parent.body.Level ?? 0) + 1;
      if (level > 4) throw fault('6180', 'Business Validation Error', 'Sub-customers can be nested at most 5 levels deep.', 'ParentRef');
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
    throw fault('2010', 'Request has invalid or unsupported property', `Property Name:Type specified is unsupported or invalid: ${String(body.Type)}`, 'Type');
  }
  if (body.Type !== 'Category' && body.Type !== 'Group') {
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
  Bank: 'Asset', 'Other Current Asset': 'Asset', 'Fixed Asset': 'Asset', 'Other Asset': 'Asset', 'Accounts Receivable': 'Asset',
  Equity: 'Equity', Expense: 'Expense', 'Other Expense': 'Expense', 'Cost of Goods Sold': 'Expense', 'Accounts Payable': 'Liability',
  'Credit Card': 'Liability', 'Long Term Liability': 'Liability', 'Other Current Liability': 'Liability', Income: 'Revenue', 'Other Income': 'Revenue',
};

function account(body: Body, ctx: RuleCtx): void {
  required(body, 'Name');
  required(body, 'AccountType');
  const cls = CLASSIFICATION[String(body.AccountType)];
  if (!cls) throw fault('6010', 'Business Validation Error', `Invalid account type: ${String(body.AccountType)}. Use one of ${Object.keys(CLASSIFICATION).join(', ')}.`, 'AccountType');
  body.Classification = cls;
  body.Active = body.Active ?? true;
  body.SubAccount = body.SubAccount ?? false;
  body.CurrentBalance = ctx.existing?.body.CurrentBalance ?? 0;
  body.CurrentBalanceWithSubAccounts = body.CurrentBalance;
  body.FullyQualifiedName = body.Name;
  body.CurrencyRef = body.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' };
}

function invoice(body: Body, ctx: RuleCtx): void {
  required(body, 'CustomerRef');
  resolveRef(ctx, body, 'CustomerRef', 'Customer');
  const input = (Array.isArray(body.Line) ? body.Line : []).filter((l: Body) => l?.DetailType !== 'SubTotalLineDetail') as Body[];
  if (!input.length) required({}, 'Line');
  let total = 0;
  const lines = input.map((line, i) => {
    if (line.DetailType === 'SalesItemLineDetail') {
      const d = (line.SalesItemLineDetail ?? {}) as Body;
      if (!refId(d.ItemRef)) throw fault('2020', 'Required param missing, need to supply the required value for the API', `Required parameter Line.SalesItemLineDetail.ItemRef is missing in the request (line ${i + 1})`, 'ItemRef');
      resolveRef(ctx, d, 'ItemRef', 'Item');
      if (line.Amount === undefined) required({}, 'Line.Amount');
      const amount = Number(line.Amount);
      if (d.Qty !== undefined && d.UnitPrice !== undefined && money(Number(d.Qty) * Number(d.UnitPrice)) !== money(amount)) {
        throw fault('6070', 'Business Validation Error', `Amount is not equal to UnitPrice * Qty. Supplied value:${amount} (line ${i + 1})`, 'Amount');
      }
      total += amount;
    } else if (line.DetailType !== 'DescriptionOnly') {
      throw fault('2010', 'Request has invalid or unsupported property', `Property Name:DetailType specified is unsupported or invalid: ${String(line.DetailType)}`, 'DetailType');
    }
    return { ...line, Id: String(i + 1), LineNum: i + 1 };
  });
  total = money(total);
  // The response always carries a SubTotalLineDetail line (reference B4).
  body.Line = [...lines, { Amount: total, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }];
  body.TotalAmt = total;
  body.Balance = total; // payments are applied afterwards by recomputeBalances
  body.TxnDate = body.TxnDate ?? companyDate(ctx.now, ctx.realm.timeZone);
  body.DueDate = body.DueDate ?? body.TxnDate;
  if (!body.DocNumber) {
    const numbers = ctx.store.all(ctx.realm.id, 'Invoice', true).map((r) => Number(r.body.DocNumber)).filter(Number.isFinite);
    body.DocNumber = String(Math.max(1000, ...numbers) + 1);
  }
}

function payment(body: Body, ctx: RuleCtx): void {
  required(body, 'CustomerRef');
  required(body, 'TotalAmt');
  const customer = resolveRef(ctx, body, 'CustomerRef', 'Customer');
  let applied = 0;
  for (const line of (Array.isArray(body.Line) ? body.Line : []) as Body[]) {
    for (const link of (Array.isArray(line.LinkedTxn) ? line.LinkedTxn : []) as Body[]) {
      const inv = ctx.store.get(ctx.realm.id, 'Invoice', String(link.TxnId));
      if (!inv || inv.deleted || link.TxnType !== 'Invoice') throw fault('2500', 'Invalid Reference Id', `Invalid Reference Id : Invoice ${String(link.TxnId)} not found`, 'LinkedTxn');
      if (refId(inv.body.CustomerRef) !== customer.id) throw fault('6000', 'Business Validation Error', `Invoice ${String(inv.body.DocNumber)} belongs to another customer.`, 'LinkedTxn');
    }
    applied += Number(line.Amount ?? 0);
  }
  if (money(applied) > money(Number(body.TotalAmt))) throw fault('6000', 'Business Validation Error', 'The payment applies more than its total amount.', 'Line');
  body.UnappliedAmt = money(Number(body.TotalAmt) - applied);
  body.TxnDate = body.TxnDate ?? companyDate(ctx.now, ctx.realm.timeZone);
}

export const RULES: Record<string, (body: Body, ctx: RuleCtx) => void> = {
  Customer: (b, c) => party(b, c, 'Customer'),
  Vendor: (b, c) => party(b, c, 'Vendor'),
  Employee: (b, c) => party(b, c, 'Employee'),
  Item: item,
  Account: account,
  Invoice: invoice,
  Payment: payment,
};

/** Invoice Balance = TotalAmt − payments linked to it; Customer Balance = open invoices − unapplied payments. */
export function recomputeBalances(ctx: RuleCtx, customerId: string | undefined): void {
  if (!customerId) return;
  const { store, realm } = ctx;
  const payments = store.all(realm.id, 'Payment').filter((p) => refId(p.body.CustomerRef) === customerId);
  const paid = new Map<string, number>();
  for (const p of payments) for (const line of (p.body.Line ?? []) as Body[]) {
    for (const link of (line.LinkedTxn ?? []) as Body[]) paid.set(String(link.TxnId), (paid.get(String(link.TxnId)) ?? 0) + Number(line.Amount ?? 0));
  }
  let open = 0;
  for (const inv of store.all(realm.id, 'Invoice').filter((i) => refId(i.body.CustomerRef) === customerId)) {
    const balance = money(Number(inv.body.TotalAmt ?? 0) - (paid.get(inv.id) ?? 0));
    open += balance;
    if (balance !== inv.body.Balance) store.setBody(realm.id, inv, { ...inv.body, Balance: balance });
  }
  const unapplied = payments.reduce((s, p) => s + Number(p.body.UnappliedAmt ?? 0), 0);
  const customer = store.get(realm.id, 'Customer', customerId);
  if (customer) {
    const balance = money(open - unapplied);
    store.setBody(realm.id, customer, { ...customer.body, Balance: balance, BalanceWithJobs: balance });
  }
}
