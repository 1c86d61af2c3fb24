// Where each credit memo's credit went (issue 15). QuickBooks Online keeps that link on the Payment that applied
// the credit — a line linking the invoice beside a line linking the credit memo, or one line linking both
// (Intuit's API reference, Payment Line.LinkedTxn) — and not on the credit memo: "to get the complete details of
// the linked transaction, you must traverse the link" (Intuit, "Manage linked transactions"). This node reads the
// payments of the batch's customers (one query per 40 customers) and gives each credit memo `AppliedTo`: the
// invoices its credit was set against, in the order the payments list them ([{ InvoiceId, Amount }]), for a
// reference lookup to find each invoice's opportunity. A credit memo applied to nothing gets an empty list.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../../define-node';
import type { QboClient, QboObject } from './qbo-client';
import { openQboClient } from './qbo-connection';
import { QboError } from './qbo-error';
import { qboFailure, unexpectedFailure } from './qbo-failure';
import { qboIn } from './qbo-query';

const config = z.strictObject({
  connection: z.string().min(1, 'Choose the QuickBooks Online company (add one under Connections).'),
  /** The field each credit memo gets: its invoices, e.g. AppliedTo. */
  into: z
    .string()
    .regex(/^[A-Za-z_]\w*$/, 'a field name such as AppliedTo')
    .default('AppliedTo'),
});

interface Applied {
  InvoiceId: string;
  Amount: number;
}
type Line = { Amount?: number; LinkedTxn?: { TxnId?: string; TxnType?: string }[] };

const idsOf = (l: Line, type: string) =>
  (l.LinkedTxn ?? []).filter((x) => x.TxnType === type).map((x) => String(x.TxnId));

/**
 * What one payment applied of each credit memo, per invoice. A line linking both applies its Amount of that credit
 * to that invoice; credit lines apart from invoice lines are spread over the payment's invoice lines in order.
 */
export function creditsOfPayment(payment: QboObject): Map<string, Applied[]> {
  const lines = ((payment.Line ?? []) as Line[]).filter((l) => Array.isArray(l.LinkedTxn));
  const out = new Map<string, Applied[]>();
  const add = (memo: string, a: Applied) => out.set(memo, [...(out.get(memo) ?? []), a]);
  const invoiceLines = lines
    .filter((l) => idsOf(l, 'Invoice').length && !idsOf(l, 'CreditMemo').length)
    .map((l) => ({ id: idsOf(l, 'Invoice')[0], left: Number(l.Amount ?? 0) }));
  for (const l of lines) {
    const memos = idsOf(l, 'CreditMemo');
    const invoices = idsOf(l, 'Invoice');
    if (!memos.length) continue;
    if (invoices.length) {
      add(memos[0], { InvoiceId: invoices[0], Amount: Number(l.Amount ?? 0) });
      continue;
    }
    let credit = Number(l.Amount ?? 0);
    for (const inv of invoiceLines) {
      const take = Math.min(credit, inv.left);
      if (take <= 0) continue;
      add(memos[0], { InvoiceId: inv.id, Amount: Math.round(take * 100) / 100 });
      inv.left -= take;
      credit -= take;
    }
  }
  return out;
}

async function paymentsOf(client: QboClient, customers: string[]): Promise<QboObject[]> {
  const out: QboObject[] = [];
  for (let i = 0; i < customers.length; i += 40)
    for await (const rows of client.queryPages('Payment', { where: qboIn('CustomerRef', customers.slice(i, i + 40)) }))
      out.push(...rows);
  return out;
}

export const qboCreditAppliedNode = defineNode<typeof config, QboClient>({
  type: 'quickbooks-online.credit-applied',
  version: 1,
  title: 'Invoices a credit memo was applied to',
  category: 'binding',
  description:
    'Finds, through the payments that applied it, the invoices each QuickBooks Online credit memo was applied to, ' +
    'so a lookup can tie the credit memo to the opportunity of its invoice.',
  inputs: [{ name: 'in', label: 'Credit memos', recordType: 'quickbooks-online.CreditMemo' }],
  outputs: [{ name: 'out', label: 'With their invoices', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: '', into: 'AppliedTo' },
  ui: {
    icon: '⇄',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company', widget: 'connection', connectionKind: 'quickbooks-online' },
      into: { label: 'Put the invoices in', help: 'A list of { InvoiceId, Amount } on each credit memo.' },
    },
    summary: (c) => `invoices → ${c.into}`,
  },
  open: async (ctx, c) => (await openQboClient(ctx, c.connection)).client,
  async process(_ctx, c, client, batch) {
    const customers = [
      ...new Set(batch.map((r) => (r.data.CustomerRef as { value?: string } | undefined)?.value).filter(Boolean)),
    ] as string[];
    let payments: QboObject[];
    try {
      payments = await paymentsOf(client, customers);
    } catch (e) {
      const failure = e instanceof QboError ? qboFailure(e, 'Payment') : unexpectedFailure(e);
      return batch.map((record): RecordResult => ({ record, outcome: 'failed', failure }));
    }
    const byMemo = new Map<string, Applied[]>();
    for (const p of payments)
      for (const [memo, applied] of creditsOfPayment(p)) byMemo.set(memo, [...(byMemo.get(memo) ?? []), ...applied]);
    return batch.map((r): RecordResult => {
      const record: FlowRecord = { ...r, data: { ...r.data, [c.into]: byMemo.get(String(r.data.Id ?? r.key)) ?? [] } };
      return { record, outcome: 'passed', port: 'out' };
    });
  },
});
