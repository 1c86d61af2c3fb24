// Aging: adds to each QuickBooks Online customer the 30/60/90-day aging of its open
// invoices (core/aging.ts), for the Account fields of seed §3.1. The invoices of a
// page of customers are read in one query: open ones only (Balance > 0), with their
// DueDate and Balance (Intuit, Invoice entity: "Balance — the balance reflecting any
// payments made against the transaction"; DueDate defaults to the terms' date,
// https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice).
// A sub-customer's invoices count for the sub-customer, as QuickBooks' Balance does.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../../define-node';
import { ageInvoices, agingFields, agingSettings, agingSummary, dateIn, type OpenInvoice } from '../../core/aging';
import { asText, fieldPath, readPath, writePath } from '../../core/field-path';
import { addTo } from '../../core/add-to';
import type { QboClient } from './qbo-client';
import { openQboClient } from './qbo-connection';
import { qboIn } from './qbo-query';

const config = z.strictObject({
  connection: z.string().min(1, 'Choose the QuickBooks Online company (add one under Connections).'),
  /** The customer's QuickBooks Id on each record (a Customer read from QuickBooks: Id). */
  customerField: fieldPath(z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field path such as Id')).default('Id'),
  ...agingSettings,
});

/** At most this many customers per query (IN lists are kept short, as the item look-up does). */
const CHUNK = 100;

async function openInvoices(client: QboClient, ids: string[]): Promise<Map<string, OpenInvoice[]>> {
  const out = new Map<string, OpenInvoice[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const where = `${qboIn('CustomerRef', ids.slice(i, i + CHUNK))} and Balance > '0'`;
    for await (const page of client.queryPages('Invoice', { where })) {
      for (const inv of page) {
        const customer = asText((inv.CustomerRef as { value?: unknown } | undefined)?.value);
        addTo(out, customer, {
          dueDate: asText(inv.DueDate) || asText(inv.TxnDate),
          balance: Number(inv.Balance ?? 0),
        });
      }
    }
  }
  return out;
}

export const qboAgingNode = defineNode<typeof config, { client: QboClient }>({
  type: 'quickbooks-online.aging',
  version: 1,
  title: 'QuickBooks 30/60/90-day aging',
  category: 'binding',
  description:
    "Adds each customer's open invoice balances by days past due (current, over 30, over 60, over 90), as of today in the company's time zone.",
  inputs: [{ name: 'in', label: 'Customers' }],
  outputs: [{ name: 'out', label: 'Customers with their aging', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: '', customerField: 'Id', timeZone: 'America/New_York', into: 'Aging' },
  ui: {
    icon: 'Σ',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company', widget: 'connection', connectionKind: 'quickbooks-online' },
      customerField: { label: 'Customer id field', help: "The QuickBooks customer's Id on each record, e.g. Id." },
      ...agingFields,
    },
    summary: agingSummary,
  },
  open: async (ctx, c) => ({ client: (await openQboClient(ctx, c.connection)).client }),
  process: async (ctx, c, state, batch): Promise<RecordResult[]> => {
    const today = dateIn(c.timeZone, ctx.now());
    const ids = [...new Set(batch.map((r) => asText(readPath(r.data, c.customerField))).filter(Boolean))];
    const invoices = await openInvoices(state.client, ids);
    return batch.map((r): RecordResult => {
      const record: FlowRecord = { ...r, data: { ...r.data } };
      writePath(record.data, c.into, ageInvoices(invoices.get(asText(readPath(r.data, c.customerField))) ?? [], today));
      return { record, outcome: 'passed', port: 'out' };
    });
  },
});
