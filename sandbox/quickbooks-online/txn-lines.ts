// Line models of transactions (reference B4): sales, expense, deposit and journal lines,
// each checked and totalled as QuickBooks Online does. Used by txn-rules.ts.
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
import { fault } from './wire-errors';

export const lines = (body: Body) => (Array.isArray(body.Line) ? body.Line : []) as Body[];
export const unsupported = (what: string, value: unknown, element: string) =>
  fault(
    '2010',
    'Request has invalid or unsupported property',
    `Property Name:${what} specified is unsupported or invalid: ${String(value)}`,
    element,
  );

export function amountOf(line: Body, i: number): number {
  if (line.Amount === undefined || line.Amount === null || line.Amount === '')
    throw fault('2020', REQUIRED, `Required parameter Line.Amount is missing in the request (line ${i + 1})`, 'Amount');
  const n = Number(line.Amount);
  if (!Number.isFinite(n)) throw unsupported('Amount', line.Amount, 'Amount');
  return n;
}

export function checkQtyPrice(d: Body, amount: number, i: number): void {
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

/**
 * Line ids. On an update a line sent with the Id of one of the stored lines keeps it (edited in place);
 * any other line is new and gets a free Id. Intuit, Invoice › Line.Id: "Required for update … If Id is
 * greater than zero and exists for this object, the line is updated; if it is not supplied, a new line
 * is created" (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice).
 * Without ids every line is numbered 1, 2, … as before.
 */
export function numbered(input: Body[], existing?: Body): Body[] {
  const stored = new Set(lines(existing ?? {}).map((l) => String(l?.Id ?? '')));
  const kept = new Set(input.map((l) => String(l?.Id ?? '')).filter((id) => id !== '' && stored.has(id)));
  let next = 0;
  const free = () => {
    do next++;
    while (kept.has(String(next)));
    return String(next);
  };
  const used = new Set<string>();
  return input.map((line, i) => {
    const id = String(line?.Id ?? '');
    const mine = kept.has(id) && !used.has(id); // the same Id twice: the second line is a new one
    used.add(id);
    return { ...line, Id: mine ? id : free(), LineNum: i + 1 };
  });
}

/** Sales lines (Invoice, SalesReceipt, Estimate, CreditMemo): items with Qty × UnitPrice, description lines, a SubTotal line added. */
export function salesLines(body: Body, ctx: RuleCtx): number {
  const input = lines(body).filter((l) => l?.DetailType !== 'SubTotalLineDetail');
  if (!input.length) required({}, 'Line');
  let total = 0;
  const out = numbered(input, ctx.existing?.body).map((line, i) => {
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

/**
 * Expense lines (Bill, VendorCredit, Purchase, PurchaseOrder): to an account, or an item with Qty × UnitPrice.
 * A line sent with a stored line's Id keeps it, as on sales forms: Intuit, Bill › Line.Id "Required for update"
 * (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/bill; likewise PurchaseOrder, Purchase).
 */
export function expenseLines(body: Body, ctx: RuleCtx): number {
  const input = lines(body);
  if (!input.length) required({}, 'Line');
  let total = 0;
  body.Line = numbered(input, ctx.existing?.body).map((line, i) => {
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
export function depositLines(body: Body, ctx: RuleCtx): number {
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
export function journalLines(body: Body, ctx: RuleCtx): number {
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
