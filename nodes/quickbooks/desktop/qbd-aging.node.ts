// Aging: adds to each QuickBooks Desktop customer the 30/60/90-day aging of its open
// invoices (core/aging.ts), for the Account fields of seed §3.1. One InvoiceQuery per
// customer of the page, all in one outbox submission, asks for the open invoices only:
// EntityFilter ListID and PaidStatus NotPaidOnly, without their lines (qbXML OSR,
// InvoiceQueryRq); each answers BalanceRemaining and DueDate. A query QuickBooks
// refuses fails that customer alone, with its words.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../../define-node';
import { ageInvoices, agingFields, agingSettings, agingSummary, dateIn, type OpenInvoice } from '../../core/aging';
import { asText, fieldPath, readPath, recordLabel, writePath } from '../../core/field-path';
import { hashText, type QbdClient } from './qbd-client';
import { openQbdClient } from './qbd-connection';
import { hresultFailure, statusFailure } from './qbd-status';

const config = z.strictObject({
  connection: z.string().min(1, 'Choose the QuickBooks Desktop company file (add one under Connections).'),
  /** The customer's ListID on each record (a Customer read from QuickBooks: ListID). */
  customerField: fieldPath(z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field path such as ListID')).default('ListID'),
  ...agingSettings,
});

const invoicesOf = (rets: Record<string, unknown>[]): OpenInvoice[] =>
  rets.map((r) => ({
    dueDate: asText(r.DueDate) || asText(r.TxnDate),
    balance: Number(r.BalanceRemaining ?? 0),
  }));

export const qbdAgingNode = defineNode<typeof config, { client: QbdClient }>({
  type: 'quickbooks-desktop.aging',
  version: 1,
  title: 'QuickBooks Desktop 30/60/90-day aging',
  category: 'binding',
  description:
    "Adds each customer's open invoice balances by days past due (current, over 30, over 60, over 90), as of today in the company's time zone.",
  inputs: [{ name: 'in', label: 'Customers' }],
  outputs: [{ name: 'out', label: 'Customers with their aging', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: '', customerField: 'ListID', timeZone: 'America/New_York', into: 'Aging' },
  ui: {
    icon: 'Σ',
    color: '#2ca01c',
    fields: {
      connection: { label: 'Company file', widget: 'connection', connectionKind: 'quickbooks-desktop' },
      customerField: { label: 'Customer id field', help: "The QuickBooks customer's ListID on each record." },
      ...agingFields,
    },
    summary: agingSummary,
  },
  open: async (ctx, c) => ({ client: await openQbdClient(ctx, c.connection) }),
  process: async (ctx, c, state, batch): Promise<RecordResult[]> => {
    const today = dateIn(c.timeZone, ctx.now());
    const ids = [...new Set(batch.map((r) => asText(readPath(r.data, c.customerField))).filter(Boolean))];
    const keyBase = `aging|${ctx.runId}|${ctx.nodeId}|${today}|${await hashText(ids.join('\u001f'))}`;
    const answers = await state.client.send(
      ids.map((id) => ({
        key: `${keyBase}|${id}`,
        request: {
          type: 'Query' as const,
          object: 'Invoice',
          entity: { ListID: id },
          paidStatus: 'NotPaidOnly' as const,
          includeLineItems: false,
        },
      })),
    );
    const byId = new Map(ids.map((id, i) => [id, answers[i]]));
    return batch.map((r): RecordResult => {
      const id = asText(readPath(r.data, c.customerField));
      const a = byId.get(id);
      if (a?.error) return { record: r, outcome: 'failed', failure: hresultFailure(a.error.hresult, a.error.message) };
      // 1: no invoice matched (no open invoice); anything else not OK is QuickBooks refusing the query.
      if (a?.rs && a.rs.statusSeverity === 'Error' && a.rs.statusCode !== 1)
        return { record: r, outcome: 'failed', failure: statusFailure(a.rs, `the open invoices of ${recordLabel(r)}`) };
      const rets = (a?.rs?.rets ?? []).filter((x) => x['#kind'] === 'InvoiceRet');
      const record: FlowRecord = { ...r, data: { ...r.data } };
      writePath(record.data, c.into, ageInvoices(id ? invoicesOf(rets) : [], today));
      return { record, outcome: 'passed', port: 'out' };
    });
  },
});
