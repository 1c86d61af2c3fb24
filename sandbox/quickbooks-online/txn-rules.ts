// Business rules of transactions (reference B4, B11): one rule per entity, built from
// the line models (txn-lines.ts) and the fields every transaction shares (txn-fields.ts:
// currency, sales-form custom fields, document numbers), so adding a transaction is a
// row in txn-entities.ts plus a line in TXN_RULES.
import { companyDate } from './company-time';
import { ENTITIES } from './entities';
import type { EntityDef } from './entity-types';
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

import {
  amountOf,
  depositLines,
  expenseLines,
  journalLines,
  lines,
  numbered,
  salesLines,
  unsupported,
} from './txn-lines';
import { currency, customFields, docNumber } from './txn-fields';
import { appliedByAll, checkApplied } from './payment-credits';

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
      // What payments already took of it stays taken (payment-credits.ts).
      const used = ctx.existing ? (appliedByAll(ctx.store, ctx.realm.id).credits.get(ctx.existing.id) ?? 0) : 0;
      body.RemainingCredit = money(total - used);
      body.Balance = body.RemainingCredit;
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

/** Payment: applied to invoices of its customer, credits of its credit memos taken (payment-credits.ts). */
function payment(body: Body, ctx: RuleCtx): void {
  required(body, 'CustomerRef');
  required(body, 'TotalAmt');
  const customer = resolveRef(ctx, body, 'CustomerRef', 'Customer');
  const applied = checkApplied(body, ctx, customer.id);
  if (applied < 0)
    throw business('The payment takes more credit from credit memos than it applies to invoices.', 'Line');
  if (applied > money(Number(body.TotalAmt)))
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
