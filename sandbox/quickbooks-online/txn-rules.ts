/* eslint-disable max-lines -- 422 lines: to be split by object family (issue 13); left whole while the QuickBooks Online fidelity work changes it. */
// Business rules of transactions (reference B4, B11): line models and totals,
// references, currency, sales-form custom fields and document numbers. One
// rule per entity, built from a few line models, so adding a transaction is a
// row in entities.ts plus a line in TXN_RULES.
import { companyDate } from './company-time';
import { ENTITIES } from './entities';
import type { EntityDef } from './entity-types';
import { CURRENCIES, currencyPrefs, customFieldDefs, prefsOf } from './preferences';
import {
  business,
  money,
  refId,
  required,
  resolveAccount,
  resolveRef,
  REQUIRED,
  type Body,
  type RuleCtx,
} from './rule-helpers';
import type { StoredRow } from './store';
import { fault } from './wire-errors';

const lines = (body: Body) => (Array.isArray(body.Line) ? body.Line : []) as Body[];
const unsupported = (what: string, value: unknown, element: string) =>
  fault(
    '2010',
    'Request has invalid or unsupported property',
    `Property Name:${what} specified is unsupported or invalid: ${String(value)}`,
    element,
  );

function amountOf(line: Body, i: number): number {
  if (line.Amount === undefined || line.Amount === null || line.Amount === '')
    throw fault('2020', REQUIRED, `Required parameter Line.Amount is missing in the request (line ${i + 1})`, 'Amount');
  const n = Number(line.Amount);
  if (!Number.isFinite(n)) throw unsupported('Amount', line.Amount, 'Amount');
  return n;
}

function checkQtyPrice(d: Body, amount: number, i: number): void {
  if (
    d.Qty !== undefined &&
    d.UnitPrice !== undefined &&
    money(Number(d.Qty) * Number(d.UnitPrice)) !== money(amount)
  ) {
    throw fault(
      '6070',
      'Business Validation Error',
      `Amount is not equal to UnitPrice * Qty. Supplied value:${amount} (line ${i + 1})`,
      'Amount',
    );
  }
}

function numbered(input: Body[]): Body[] {
  return input.map((line, i) => ({ ...line, Id: String(i + 1), LineNum: i + 1 }));
}

/** Sales lines (Invoice, SalesReceipt, Estimate, CreditMemo): items with Qty × UnitPrice, description lines, a SubTotal line added. */
function salesLines(body: Body, ctx: RuleCtx): number {
  const input = lines(body).filter((l) => l?.DetailType !== 'SubTotalLineDetail');
  if (!input.length) required({}, 'Line');
  let total = 0;
  const out = numbered(input).map((line, i) => {
    if (line.DetailType === 'SalesItemLineDetail') {
      const d = { ...((line.SalesItemLineDetail ?? {}) as Body) };
      const item = resolveRef(ctx, d, 'ItemRef', 'Item', `Line.SalesItemLineDetail.ItemRef (line ${i + 1})`);
      if (item.body.Type === 'Category')
        throw business(`Item "${String(item.body.Name)}" is a category and cannot be sold (line ${i + 1}).`, 'ItemRef');
      const amount = amountOf(line, i);
      checkQtyPrice(d, amount, i);
      total += amount;
      return { ...line, SalesItemLineDetail: d };
    }
    if (line.DetailType === 'GroupLineDetail') {
      // A bundle: QuickBooks expands the group into its items (quantity × each item's price).
      const d = { ...((line.GroupLineDetail ?? {}) as Body) };
      const group = resolveRef(ctx, d, 'GroupItemRef', 'Item', `Line.GroupLineDetail.GroupItemRef (line ${i + 1})`);
      if (group.body.Type !== 'Group')
        throw business(
          `Item "${String(group.body.Name)}" is not a group; use a SalesItemLineDetail line (line ${i + 1}).`,
          'GroupItemRef',
        );
      const qty = Number(d.Quantity ?? 1);
      const parts = (((group.body.ItemGroupDetail as Body)?.ItemGroupLine ?? []) as Body[]).map((g, j) => {
        const item = ctx.store.get(ctx.realm.id, 'Item', String(refId(g.ItemRef)))!;
        const q = money(Number(g.Qty ?? 1) * qty);
        const price = Number(item.body.UnitPrice ?? 0);
        return {
          Id: `${i + 1}.${j + 1}`,
          DetailType: 'SalesItemLineDetail',
          Amount: money(q * price),
          Description: item.body.Description,
          SalesItemLineDetail: { ItemRef: { value: item.id, name: item.body.Name }, Qty: q, UnitPrice: price },
        };
      });
      const amount = money(parts.reduce((s, p) => s + p.Amount, 0));
      total += amount;
      return { ...line, Amount: amount, GroupLineDetail: { ...d, Quantity: qty, Line: parts } };
    }
    if (line.DetailType !== 'DescriptionOnly') throw unsupported('DetailType', line.DetailType, 'DetailType');
    return line;
  });
  total = money(total);
  // The response always carries a SubTotalLineDetail line (reference B4).
  body.Line = [...out, { Amount: total, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }];
  return total;
}

/** Expense lines (Bill, VendorCredit, Purchase, PurchaseOrder): to an account, or an item with Qty × UnitPrice. */
function expenseLines(body: Body, ctx: RuleCtx): number {
  const input = lines(body);
  if (!input.length) required({}, 'Line');
  let total = 0;
  body.Line = numbered(input).map((line, i) => {
    const amount = amountOf(line, i);
    total += amount;
    if (line.DetailType === 'AccountBasedExpenseLineDetail') {
      const d = { ...((line.AccountBasedExpenseLineDetail ?? {}) as Body) };
      resolveAccount(ctx, d, 'AccountRef', undefined, `Line.AccountBasedExpenseLineDetail.AccountRef (line ${i + 1})`);
      if (d.CustomerRef) resolveRef(ctx, d, 'CustomerRef', 'Customer');
      d.BillableStatus = d.BillableStatus ?? 'NotBillable';
      return { ...line, AccountBasedExpenseLineDetail: d };
    }
    if (line.DetailType === 'ItemBasedExpenseLineDetail') {
      const d = { ...((line.ItemBasedExpenseLineDetail ?? {}) as Body) };
      resolveRef(ctx, d, 'ItemRef', 'Item', `Line.ItemBasedExpenseLineDetail.ItemRef (line ${i + 1})`);
      if (d.CustomerRef) resolveRef(ctx, d, 'CustomerRef', 'Customer');
      checkQtyPrice(d, amount, i);
      d.BillableStatus = d.BillableStatus ?? 'NotBillable';
      return { ...line, ItemBasedExpenseLineDetail: d };
    }
    throw unsupported('DetailType', line.DetailType, 'DetailType');
  });
  return money(total);
}

/** Deposit lines: money from an account (DepositLineDetail) or a linked payment / sales receipt. */
function depositLines(body: Body, ctx: RuleCtx): number {
  const input = lines(body);
  if (!input.length) required({}, 'Line');
  let total = 0;
  body.Line = numbered(input).map((line, i) => {
    total += amountOf(line, i);
    const links = (Array.isArray(line.LinkedTxn) ? line.LinkedTxn : []) as Body[];
    for (const link of links) {
      const type = String(link.TxnType);
      if (!['Payment', 'SalesReceipt'].includes(type) || !ctx.store.get(ctx.realm.id, type, String(link.TxnId))) {
        throw fault(
          '2500',
          'Invalid Reference Id',
          `Invalid Reference Id : ${type} ${String(link.TxnId)} not found (line ${i + 1})`,
          'LinkedTxn',
        );
      }
    }
    if (links.length) return line;
    if (line.DetailType !== 'DepositLineDetail') throw unsupported('DetailType', line.DetailType, 'DetailType');
    const d = { ...((line.DepositLineDetail ?? {}) as Body) };
    resolveAccount(ctx, d, 'AccountRef', undefined, `Line.DepositLineDetail.AccountRef (line ${i + 1})`);
    return { ...line, DepositLineDetail: d };
  });
  return money(total);
}

/** Journal lines: each a Debit or a Credit to an account; debits must equal credits. */
function journalLines(body: Body, ctx: RuleCtx): number {
  const input = lines(body);
  if (!input.length) required({}, 'Line');
  let debit = 0;
  let credit = 0;
  body.Line = numbered(input).map((line, i) => {
    if (line.DetailType !== 'JournalEntryLineDetail') throw unsupported('DetailType', line.DetailType, 'DetailType');
    const amount = amountOf(line, i);
    const d = { ...((line.JournalEntryLineDetail ?? {}) as Body) };
    if (d.PostingType === 'Debit') debit += amount;
    else if (d.PostingType === 'Credit') credit += amount;
    else if (d.PostingType === undefined)
      throw fault(
        '2020',
        REQUIRED,
        `Required parameter Line.JournalEntryLineDetail.PostingType is missing in the request (line ${i + 1})`,
        'PostingType',
      );
    else throw unsupported('PostingType', d.PostingType, 'PostingType');
    resolveAccount(ctx, d, 'AccountRef', undefined, `Line.JournalEntryLineDetail.AccountRef (line ${i + 1})`);
    const entity = d.Entity as Body | undefined;
    if (entity?.EntityRef) {
      const type = String(entity.Type ?? '');
      if (!['Customer', 'Vendor', 'Employee'].includes(type)) throw unsupported('Entity.Type', type, 'Entity');
      const e = { ...entity };
      resolveRef(ctx, e, 'EntityRef', type);
      d.Entity = e;
    }
    return { ...line, JournalEntryLineDetail: d };
  });
  debit = money(debit);
  credit = money(credit);
  if (debit !== credit) {
    // [?] Intuit answers an unbalanced entry with a 6000 business validation error; the exact wording is ours.
    throw business(
      `The transaction is not balanced: debits ${debit.toFixed(2)} must equal credits ${credit.toFixed(2)}. Check the amounts and posting types of the lines.`,
      'Line',
    );
  }
  return debit;
}

/** CurrencyRef, ExchangeRate and HomeTotalAmt (reference B11). */
function currency(
  def: EntityDef,
  body: Body,
  ctx: RuleCtx,
  party: StoredRow | undefined,
  total: number | undefined,
): void {
  const { multi, home } = currencyPrefs(ctx);
  const partyCur = party ? (refId(party.body.CurrencyRef) ?? home) : undefined;
  const cur = refId(body.CurrencyRef) ?? partyCur ?? home;
  if (!CURRENCIES[cur])
    throw business(
      `Unknown currency ${cur} in CurrencyRef; use an ISO 4217 code the company has, such as ${home}.`,
      'CurrencyRef',
    );
  if (!multi && cur !== home) {
    // [?] wording ours; the refusal (6000) is what Intuit does for a foreign currency without multicurrency.
    throw business(
      `Multicurrency is not turned on for this company, so ${def.name} can only be in ${home} (CurrencyRef ${cur} was supplied). Turn on multicurrency in QuickBooks first.`,
      'CurrencyRef',
    );
  }
  if (party && partyCur !== cur) {
    throw business(
      `The ${def.name} is in ${cur}, but ${party.entity.toLowerCase()} "${String(party.body.DisplayName)}" uses ${partyCur}; a transaction must be in its ${party.entity.toLowerCase()}'s currency.`,
      'CurrencyRef',
    );
  }
  body.CurrencyRef = { value: cur, name: CURRENCIES[cur].name };
  if (!multi) {
    delete body.ExchangeRate;
    delete body.HomeTotalAmt;
    return;
  }
  let rate = 1;
  if (cur !== home) {
    rate =
      body.ExchangeRate === undefined || body.ExchangeRate === null
        ? CURRENCIES[cur].usd / CURRENCIES[home].usd
        : Number(body.ExchangeRate);
    if (!Number.isFinite(rate) || rate <= 0)
      throw business(
        `ExchangeRate must be a positive number (home currency units per 1 ${cur}); got ${String(body.ExchangeRate)}.`,
        'ExchangeRate',
      );
  }
  body.ExchangeRate = rate;
  if (total !== undefined) body.HomeTotalAmt = money(total * rate);
}

/** Up to three string custom fields on sales forms, defined in Preferences.SalesFormsPrefs. */
function customFields(body: Body, ctx: RuleCtx): void {
  if (body.CustomField === undefined) return;
  const defs = customFieldDefs(prefsOf(ctx));
  if (!Array.isArray(body.CustomField)) throw unsupported('CustomField', 'not a list', 'CustomField');
  const byId = new Map<string, Body>();
  for (const cf of body.CustomField as Body[]) {
    const id = cf?.DefinitionId === undefined || cf.DefinitionId === null ? '' : String(cf.DefinitionId);
    if (!id)
      throw fault(
        '2020',
        REQUIRED,
        'Required parameter CustomField.DefinitionId is missing in the request',
        'CustomField',
      );
    const name = defs.get(id);
    // [?] codes for these two are ours (2010 unknown definition, 2050 too long); Intuit's limit of 31 characters is documented.
    if (!name) {
      throw fault(
        '2010',
        'Request has invalid or unsupported property',
        `Property Name:CustomField DefinitionId ${id} is not a custom field of this company's sales forms (defined: ${[...defs].map(([i, n]) => `${i} "${n}"`).join(', ') || 'none'})`,
        'CustomField',
      );
    }
    if (cf.Type !== undefined && cf.Type !== 'StringType')
      throw unsupported(`CustomField.Type of "${name}"`, cf.Type, 'CustomField');
    const value = cf.StringValue === undefined || cf.StringValue === null ? undefined : String(cf.StringValue);
    if (value !== undefined && value.length > 31) {
      throw fault(
        '2050',
        'String length is either shorter or longer than supported by specification',
        `String length specified does not match the supported length for custom field "${name}" (CustomField ${id}). Min:0 Max:31 supplied:${value.length}`,
        `CustomField.${name}`,
      );
    }
    byId.set(id, {
      DefinitionId: id,
      Name: name,
      Type: 'StringType',
      ...(value !== undefined ? { StringValue: value } : {}),
    });
  }
  body.CustomField = [...byId.values()].sort((a, b) => String(a.DefinitionId).localeCompare(String(b.DefinitionId)));
}

/** DocNumber: next number when left out; unique per type when the company uses its own numbers (6140). */
function docNumber(def: EntityDef, body: Body, ctx: RuleCtx): void {
  const all = () => ctx.store.all(ctx.realm.id, def.name, true);
  if (!body.DocNumber && def.autoNumber) {
    const numbers = all()
      .map((r) => Number(r.body.DocNumber))
      .filter(Number.isFinite);
    body.DocNumber = String(Math.max(1000, ...numbers) + 1);
    return;
  }
  const sales = (prefsOf(ctx).SalesFormsPrefs ?? {}) as Body;
  if (!def.salesForm || sales.CustomTxnNumbers !== true || !body.DocNumber) return;
  const mine = String(body.DocNumber).trim().toLowerCase();
  const clash = all().find(
    (r) =>
      !r.deleted &&
      r.id !== ctx.existing?.id &&
      String(r.body.DocNumber ?? '')
        .trim()
        .toLowerCase() === mine,
  );
  if (clash) {
    throw fault(
      '6140',
      'Duplicate Document Number Error',
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${String(body.DocNumber)} is assigned to TxnType=${def.name} with TxnId=${clash.id}`,
      'DocNumber',
    );
  }
}

function party(def: EntityDef, body: Body, ctx: RuleCtx): StoredRow | undefined {
  if (!def.party) return undefined;
  required(body, def.party.field);
  return resolveRef(ctx, body, def.party.field, def.party.entity);
}

const today = (body: Body, ctx: RuleCtx) => {
  body.TxnDate = body.TxnDate ?? companyDate(ctx.now, ctx.realm.timeZone);
};

function salesForm(name: string) {
  return (body: Body, ctx: RuleCtx) => {
    const def = ENTITIES[name];
    const customer = party(def, body, ctx);
    const total = salesLines(body, ctx);
    body.TotalAmt = total;
    today(body, ctx);
    if (name === 'Invoice') {
      body.Balance = total; // payments are applied afterwards by recomputeBalances
      body.DueDate = body.DueDate ?? body.TxnDate;
    }
    if (name === 'SalesReceipt') {
      body.Balance = 0;
      if (body.DepositToAccountRef) resolveAccount(ctx, body, 'DepositToAccountRef', ['Bank', 'Other Current Asset']);
    }
    if (name === 'Estimate') {
      body.TxnStatus = body.TxnStatus ?? 'Pending';
      if (!['Pending', 'Accepted', 'Closed', 'Rejected'].includes(String(body.TxnStatus)))
        throw unsupported('TxnStatus', body.TxnStatus, 'TxnStatus');
    }
    if (name === 'CreditMemo') {
      body.RemainingCredit = total;
      body.Balance = total;
    }
    customFields(body, ctx);
    docNumber(def, body, ctx);
    currency(def, body, ctx, customer, total);
  };
}

function vendorTxn(name: string) {
  return (body: Body, ctx: RuleCtx) => {
    const def = ENTITIES[name];
    const vendor = party(def, body, ctx);
    const total = expenseLines(body, ctx);
    body.TotalAmt = total;
    today(body, ctx);
    if (body.APAccountRef) resolveAccount(ctx, body, 'APAccountRef', ['Accounts Payable']);
    if (name === 'Bill') {
      body.Balance = total;
      body.DueDate = body.DueDate ?? body.TxnDate;
    }
    if (name === 'VendorCredit') body.Balance = total;
    if (name === 'PurchaseOrder') {
      body.POStatus = body.POStatus ?? 'Open';
      if (!['Open', 'Closed'].includes(String(body.POStatus))) throw unsupported('POStatus', body.POStatus, 'POStatus');
    }
    docNumber(def, body, ctx);
    currency(def, body, ctx, vendor, total);
  };
}

/** BillPayment: pays bills of one vendor by check (bank account) or credit card (reference B4). */
function billPayment(body: Body, ctx: RuleCtx): void {
  const def = ENTITIES.BillPayment;
  const vendor = party(def, body, ctx)!;
  required(body, 'PayType');
  required(body, 'TotalAmt');
  required(body, 'Line');
  if (body.PayType === 'Check') {
    const p = { ...((body.CheckPayment ?? {}) as Body) };
    resolveAccount(ctx, p, 'BankAccountRef', ['Bank'], 'CheckPayment.BankAccountRef');
    p.PrintStatus = p.PrintStatus ?? 'NeedToPrint';
    body.CheckPayment = p;
    delete body.CreditCardPayment;
  } else if (body.PayType === 'CreditCard') {
    const p = { ...((body.CreditCardPayment ?? {}) as Body) };
    resolveAccount(ctx, p, 'CCAccountRef', ['Credit Card'], 'CreditCardPayment.CCAccountRef');
    body.CreditCardPayment = p;
    delete body.CheckPayment;
  } else throw unsupported('PayType', body.PayType, 'PayType');
  let applied = 0;
  body.Line = numbered(lines(body)).map((line, i) => {
    const amount = amountOf(line, i);
    for (const link of (Array.isArray(line.LinkedTxn) ? line.LinkedTxn : []) as Body[]) {
      const bill =
        link.TxnType === 'Bill' || link.TxnType === 'VendorCredit'
          ? ctx.store.get(ctx.realm.id, String(link.TxnType), String(link.TxnId))
          : undefined;
      if (!bill || bill.deleted)
        throw fault(
          '2500',
          'Invalid Reference Id',
          `Invalid Reference Id : ${String(link.TxnType)} ${String(link.TxnId)} not found (line ${i + 1})`,
          'LinkedTxn',
        );
      if (refId(bill.body.VendorRef) !== vendor.id)
        throw business(`${String(link.TxnType)} ${bill.id} belongs to another vendor (line ${i + 1}).`, 'LinkedTxn');
    }
    applied += amount;
    return line;
  });
  const total = Number(body.TotalAmt);
  if (!Number.isFinite(total) || total < 0) throw unsupported('TotalAmt', body.TotalAmt, 'TotalAmt');
  if (money(applied) !== money(total))
    throw business(`The bill payment's lines add up to ${money(applied)}, not its TotalAmt ${money(total)}.`, 'Line');
  today(body, ctx);
  if (body.APAccountRef) resolveAccount(ctx, body, 'APAccountRef', ['Accounts Payable']);
  currency(def, body, ctx, vendor, total);
}

const PURCHASE_ACCOUNT: Record<string, string[]> = { Cash: ['Bank'], Check: ['Bank'], CreditCard: ['Credit Card'] };

/** Purchase: an expense paid at once — cash, check or credit card — from the matching account. */
function purchase(body: Body, ctx: RuleCtx): void {
  required(body, 'PaymentType');
  const types = PURCHASE_ACCOUNT[String(body.PaymentType)];
  if (!types) throw unsupported('PaymentType', body.PaymentType, 'PaymentType');
  resolveAccount(ctx, body, 'AccountRef', types);
  let payee: StoredRow | undefined;
  if (body.EntityRef) {
    const ref = { ...(body.EntityRef as Body) };
    const type = String(ref.type ?? 'Vendor');
    if (!['Vendor', 'Customer', 'Employee'].includes(type)) throw unsupported('EntityRef.type', type, 'EntityRef');
    const holder: Body = { EntityRef: ref };
    payee = resolveRef(ctx, holder, 'EntityRef', type);
    body.EntityRef = { ...(holder.EntityRef as Body), type };
  }
  const total = expenseLines(body, ctx);
  body.TotalAmt = total;
  body.Credit = body.PaymentType === 'CreditCard' ? (body.Credit ?? false) : undefined;
  today(body, ctx);
  docNumber(ENTITIES.Purchase, body, ctx);
  currency(ENTITIES.Purchase, body, ctx, payee, total);
}

function deposit(body: Body, ctx: RuleCtx): void {
  resolveAccount(ctx, body, 'DepositToAccountRef', ['Bank', 'Other Current Asset']);
  const total = depositLines(body, ctx);
  body.TotalAmt = total;
  today(body, ctx);
  currency(ENTITIES.Deposit, body, ctx, undefined, total);
}

function journalEntry(body: Body, ctx: RuleCtx): void {
  const total = journalLines(body, ctx);
  body.TotalAmt = total;
  body.Adjustment = body.Adjustment ?? false;
  today(body, ctx);
  currency(ENTITIES.JournalEntry, body, ctx, undefined, total);
}

/** TimeActivity: hours of an employee or vendor, optionally billable to a customer. */
function timeActivity(body: Body, ctx: RuleCtx): void {
  required(body, 'NameOf');
  if (body.NameOf === 'Employee') {
    resolveRef(ctx, body, 'EmployeeRef', 'Employee');
    delete body.VendorRef;
  } else if (body.NameOf === 'Vendor') {
    resolveRef(ctx, body, 'VendorRef', 'Vendor');
    delete body.EmployeeRef;
  } else throw unsupported('NameOf', body.NameOf, 'NameOf');
  if (body.CustomerRef) resolveRef(ctx, body, 'CustomerRef', 'Customer');
  if (body.ItemRef) resolveRef(ctx, body, 'ItemRef', 'Item');
  const hasDuration = body.Hours !== undefined || body.Minutes !== undefined;
  const hasSpan = body.StartTime !== undefined && body.EndTime !== undefined;
  if (!hasDuration && !hasSpan)
    throw fault(
      '2020',
      REQUIRED,
      'Required parameter Hours/Minutes or StartTime/EndTime is missing in the request',
      'Hours',
    );
  if (hasSpan && Date.parse(String(body.EndTime)) <= Date.parse(String(body.StartTime)))
    throw business('EndTime must be after StartTime.', 'EndTime');
  for (const f of ['Hours', 'Minutes', 'BreakHours', 'BreakMinutes']) {
    if (body[f] !== undefined && !(Number.isInteger(Number(body[f])) && Number(body[f]) >= 0))
      throw unsupported(f, body[f], f);
  }
  body.BillableStatus = body.BillableStatus ?? 'NotBillable';
  if (!['Billable', 'NotBillable', 'HasBeenBilled'].includes(String(body.BillableStatus)))
    throw unsupported('BillableStatus', body.BillableStatus, 'BillableStatus');
  if (body.BillableStatus === 'Billable' && !body.CustomerRef)
    throw business('A billable time activity needs a CustomerRef (who is billed).', 'CustomerRef');
  today(body, ctx);
}

/** Payment: applied to invoices of its customer, never more than its total. */
function payment(body: Body, ctx: RuleCtx): void {
  required(body, 'CustomerRef');
  required(body, 'TotalAmt');
  const customer = resolveRef(ctx, body, 'CustomerRef', 'Customer');
  let applied = 0;
  for (const line of lines(body)) {
    for (const link of (Array.isArray(line.LinkedTxn) ? line.LinkedTxn : []) as Body[]) {
      const inv = ctx.store.get(ctx.realm.id, 'Invoice', String(link.TxnId));
      if (!inv || inv.deleted || link.TxnType !== 'Invoice')
        throw fault(
          '2500',
          'Invalid Reference Id',
          `Invalid Reference Id : Invoice ${String(link.TxnId)} not found`,
          'LinkedTxn',
        );
      if (refId(inv.body.CustomerRef) !== customer.id)
        throw fault(
          '6000',
          'Business Validation Error',
          `Invoice ${String(inv.body.DocNumber)} belongs to another customer.`,
          'LinkedTxn',
        );
    }
    applied += Number(line.Amount ?? 0);
  }
  if (money(applied) > money(Number(body.TotalAmt)))
    throw fault('6000', 'Business Validation Error', 'The payment applies more than its total amount.', 'Line');
  body.UnappliedAmt = money(Number(body.TotalAmt) - applied);
  today(body, ctx);
  currency(ENTITIES.Payment, body, ctx, customer, Number(body.TotalAmt));
}

export const TXN_RULES: Record<string, (body: Body, ctx: RuleCtx) => void> = {
  Invoice: salesForm('Invoice'),
  SalesReceipt: salesForm('SalesReceipt'),
  Estimate: salesForm('Estimate'),
  CreditMemo: salesForm('CreditMemo'),
  Payment: payment,
  Bill: vendorTxn('Bill'),
  VendorCredit: vendorTxn('VendorCredit'),
  PurchaseOrder: vendorTxn('PurchaseOrder'),
  BillPayment: billPayment,
  Purchase: purchase,
  Deposit: deposit,
  JournalEntry: journalEntry,
  TimeActivity: timeActivity,
};

/** The transactions that refer to a customer or vendor (its currency is fixed once there is one). */
export function hasTransactions(ctx: RuleCtx, entity: 'Customer' | 'Vendor', id: string): boolean {
  return Object.values(ENTITIES).some(
    (d) =>
      d.party?.entity === entity &&
      ctx.store.all(ctx.realm.id, d.name).some((r) => refId(r.body[d.party!.field]) === id),
  );
}
