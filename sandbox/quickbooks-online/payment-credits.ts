// What a Payment applies, as QuickBooks Online keeps it (issue 15). Intuit's API reference, Payment
// (developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/payment), Line.LinkedTxn: a payment
// line links the transactions it settles — Invoice, and CreditMemo for a credit taken from a credit memo.
// A credit memo is applied to an invoice by a payment with a line linking the invoice and a line linking the
// credit memo (a zero-dollar payment when only the credit settles it); the credit memo's RemainingCredit and
// Balance ("the total credit amount still available", CreditMemo reference, all-entities/creditmemo) then drop
// by the credit line's Amount, and the invoice's Balance by the invoice line's Amount.
// A line that links both an invoice and a credit memo applies its Amount of that credit to that invoice.
import { business, money, refId, type Body, type RuleCtx } from './rule-helpers';
import type { QboStore } from './store';
import { lines } from './txn-lines';
import { fault } from './wire-errors';

export interface Applied {
  /** Amount paid per invoice Id. */
  invoices: Map<string, number>;
  /** Credit taken per credit memo Id. */
  credits: Map<string, number>;
}

const add = (m: Map<string, number>, id: string, n: number) => m.set(id, (m.get(id) ?? 0) + n);

/** The invoices a payment pays and the credit memos whose credit it takes, from its lines' LinkedTxn. */
export function appliedBy(body: Body): Applied {
  const out: Applied = { invoices: new Map(), credits: new Map() };
  for (const line of lines(body))
    for (const link of (Array.isArray(line.LinkedTxn) ? line.LinkedTxn : []) as Body[]) {
      const amount = Number(line.Amount ?? 0);
      if (link.TxnType === 'CreditMemo') add(out.credits, String(link.TxnId), amount);
      else if (link.TxnType === 'Invoice') add(out.invoices, String(link.TxnId), amount);
    }
  return out;
}

/** Every payment of a realm summed, but the one being rewritten (its old lines no longer count). */
export function appliedByAll(store: QboStore, realm: string, except?: string): Applied {
  const all: Applied = { invoices: new Map(), credits: new Map() };
  for (const p of store.all(realm, 'Payment')) {
    if (p.id === except) continue;
    const a = appliedBy(p.body);
    for (const [id, n] of a.invoices) add(all.invoices, id, n);
    for (const [id, n] of a.credits) add(all.credits, id, n);
  }
  return all;
}

/**
 * Checks a payment's links and answers the amount it applies net of credits (what its TotalAmt must cover).
 * An unknown transaction: 2500 Invalid Reference Id; another customer's: 6000; more credit than a credit memo
 * has left, or more than an invoice still owes: 6000 Business Validation Error (Intuit documents the refusal,
 * not its wording: the detail text is ours [?]).
 */
export function checkApplied(body: Body, ctx: RuleCtx, customerId: string): number {
  const mine = appliedBy(body);
  const others = appliedByAll(ctx.store, ctx.realm.id, ctx.existing?.id);
  for (const line of lines(body))
    for (const link of (Array.isArray(line.LinkedTxn) ? line.LinkedTxn : []) as Body[]) {
      const type = link.TxnType === 'CreditMemo' ? 'CreditMemo' : 'Invoice';
      const row = ctx.store.get(ctx.realm.id, type, String(link.TxnId));
      if (!row || row.deleted || link.TxnType !== type)
        throw fault(
          '2500',
          'Invalid Reference Id',
          `Invalid Reference Id : ${type} ${String(link.TxnId)} not found`,
          'LinkedTxn',
        );
      if (refId(row.body.CustomerRef) !== customerId)
        throw business(`${type} ${String(row.body.DocNumber ?? row.id)} belongs to another customer.`, 'LinkedTxn');
    }
  for (const [id, used] of mine.credits) {
    const memo = ctx.store.get(ctx.realm.id, 'CreditMemo', id)!;
    const left = money(Number(memo.body.TotalAmt ?? 0) - (others.credits.get(id) ?? 0));
    if (money(used) > left)
      throw business(
        `Credit memo ${String(memo.body.DocNumber ?? id)} has ${left.toFixed(2)} of credit remaining; ` +
          `the payment applies ${money(used).toFixed(2)} of it.`,
        'LinkedTxn',
      );
  }
  for (const [id, paid] of mine.invoices) {
    const inv = ctx.store.get(ctx.realm.id, 'Invoice', id)!;
    const owed = money(Number(inv.body.TotalAmt ?? 0) - (others.invoices.get(id) ?? 0));
    if (money(paid) > owed)
      throw business(
        `Invoice ${String(inv.body.DocNumber ?? id)} has a balance of ${owed.toFixed(2)}; ` +
          `the payment applies ${money(paid).toFixed(2)} to it.`,
        'LinkedTxn',
      );
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);
  return money(sum(mine.invoices) - sum(mine.credits));
}
