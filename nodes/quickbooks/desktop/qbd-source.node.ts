// Source: reads QuickBooks Desktop records of any catalogue object (invoices,
// customers, vendors, items through ItemQuery…) changed since the last run, through the Web Connector, with a qbXML iterator (MaxReturned per page,
// `Continue` until iteratorRemainingCount is 0; reference C3). Transactions filter
// by ModifiedDateRangeFilter, lists by FromModifiedDate. Iterators live only
// within one Web Connector session: when a session ends mid-way, the query starts
// again and the records already read in this run are skipped.
// Watermark: `<TimeModified>|<ids at that time>` — FromModifiedDate is inclusive
// and to the second, so the ids say which records at the boundary were read.
import { z } from 'zod';
import { defineNode, type FlowRecord } from '../../define-node';
import type { QbdClient } from './qbd-client';
import { openQbdClient } from './qbd-connection';
import { hresultFailure, statusFailure } from './qbd-status';
import type { QbdRequest, Iterator } from './qbxml-request';
import { editionHas, entityDef, ENTITY_NAMES, idField, type EntityDef } from './qbd-catalogue';
import { retsOf } from './qbd-lookup';

const config = z.object({
  connection: z.string().min(1, 'Choose the QuickBooks Desktop company file (add one under Connections).'),
  entity: z.enum(ENTITY_NAMES).default('Invoice'),
  pageSize: z.number().int().min(1).max(1000).default(100),
  includeLineItems: z.boolean().default(true),
});
type Config = z.infer<typeof config>;

const NUMBERS = new Set(['Subtotal', 'SalesTaxTotal', 'SalesTaxPercentage', 'AppliedAmount', 'BalanceRemaining', 'Quantity', 'Rate', 'Amount', 'Balance', 'TotalBalance', 'TxnNumber', 'Sublevel',
  'TotalAmount', 'AmountDue', 'OpenAmount', 'CreditAmount', 'CreditRemaining', 'DepositTotal', 'UnusedPayment', 'UnusedCredits', 'PaymentAmount', 'BalanceDue', 'Cost', 'Price', 'SalesPrice', 'PurchaseCost',
  'QuantityOnHand', 'QuantityOnOrder', 'QuantityOnSalesOrder', 'AverageCost', 'ReorderPoint', 'CreditLimit', 'OpenBalance']);
const BOOLEANS = new Set(['IsPaid', 'IsPending', 'IsActive', 'IsToBePrinted', 'IsToBeEmailed', 'IsFinanceCharge', 'IsTaxIncluded', 'IsAdjustment', 'IsManuallyClosed', 'IsFullyReceived', 'IsTaxable', 'IsBillable', 'IsVendorEligibleFor1099']);

/** qbXML text → JSON values a mapping can use: amounts as numbers, flags as booleans, the rest as text; lines under their alias (`Lines`). */
export function typedRet(v: unknown, name = '', d?: EntityDef): unknown {
  if (Array.isArray(v)) return v.map((x) => typedRet(x, name));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '#kind') continue;
      const alias = k === 'InvoiceLineRet' ? 'Lines' : d?.lines?.find((l) => l.ret === k)?.alias ?? k;
      out[alias] = typedRet(x, k);
    }
    return out;
  }
  if (typeof v === 'string' && NUMBERS.has(name) && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (typeof v === 'string' && BOOLEANS.has(name)) return v === 'true';
  return v;
}

function parseMark(w: string | null): { from: string | null; seen: Set<string> } {
  if (!w) return { from: null, seen: new Set() };
  const [from, ids = ''] = w.split('|');
  return { from, seen: new Set(ids.split(',').filter(Boolean)) };
}

function request(c: Config, d: EntityDef, from: string | null, it: Iterator): QbdRequest {
  return {
    type: 'Query', object: d.name, iterator: it, maxReturned: c.pageSize, ...(d.kind === 'list' ? { activeStatus: 'All' as const } : {}), ...(from ? { fromModifiedDate: from } : {}),
    ...(d.kind === 'txn' && d.lineItems ? { includeLineItems: c.includeLineItems } : {}), ownerId: '0',
  };
}

const time = (s: string) => Date.parse(s);

export const qbdSourceNode = defineNode<typeof config, QbdClient>({
  type: 'quickbooks-desktop.source',
  version: 1,
  title: 'Read from QuickBooks Desktop',
  category: 'source',
  description: 'Reads QuickBooks Desktop records (invoices, customers, vendors, items, payments…) changed since the last run, through the Web Connector; the node shows "waiting for Web Connector" until it polls.',
  inputs: [],
  outputs: [{ name: 'out', label: 'Records', recordType: (c: Config) => `quickbooks-desktop.${c.entity}` }],
  config,
  defaults: { connection: '', entity: 'Invoice', pageSize: 100, includeLineItems: true },
  ui: {
    icon: 'qb', color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company file', widget: 'connection', connectionKind: 'quickbooks-desktop' },
      entity: { label: 'QuickBooks object', widget: 'select' },
      pageSize: { label: 'Records per page', widget: 'number', help: 'MaxReturned of each iterator page (1–1000). Large pages make slow company files slower to answer.' },
      includeLineItems: { label: 'Include line items', widget: 'checkbox' },
    },
    summary: (c) => `${c.entity} changed since last run, ${c.pageSize} per page`,
  },
  open: (ctx, c) => openQbdClient(ctx, c.connection),
  async *read(ctx, c, client, watermark) {
    const start = parseMark(watermark);
    const d = entityDef(c.entity);
    // A country edition without this object: say so plainly instead of a parse error (HRESULT 0x80040400).
    if (d.editions) {
      const country = await client.country();
      if (country && !editionHas(d, country)) throw new Error(`QuickBooks Desktop (${country} edition) has no ${d.name} records. Choose another object for this company file.`);
    }
    // Queries are never replayed from an earlier read: each read has its own keys.
    const runKey = `src|${ctx.runId}|${ctx.nodeId}|${crypto.randomUUID()}`;
    const yielded = new Set<string>();
    let maxTime = start.from;
    let atMax = new Set(start.seen);
    let restarts = 0;
    let it: Iterator = { iterator: 'Start' };
    for (let page = 0; ; page++) {
      const r = await client.one(`${runKey}|${restarts}|${page}`, request(c, d, start.from, it));
      if (r.error) throw Object.assign(new Error(hresultFailure(r.error.hresult, r.error.message).message), { connection: true });
      const rs = r.rs!;
      // The iterator died with its session (3120 "object … cannot be found"): start the query again.
      if (it.iterator === 'Continue' && rs.statusSeverity === 'Error' && restarts < 5) { restarts++; it = { iterator: 'Start' }; continue; }
      if (rs.statusSeverity === 'Error' && rs.statusCode !== 1) {
        const f = statusFailure(rs, `the ${c.entity} query`);
        throw Object.assign(new Error(`${f.message} ${f.action ?? ''}`.trim()), { connection: !!f.connection });
      }
      const records: FlowRecord[] = [];
      for (const ret of retsOf(d, rs)) {
        const id = String(ret[idField(d)]);
        const modified = String(ret.TimeModified ?? '');
        if (yielded.has(id)) continue;
        if (start.from && modified && time(modified) === time(start.from) && start.seen.has(id)) continue;
        yielded.add(id);
        if (!maxTime || time(modified) > time(maxTime)) { maxTime = modified; atMax = new Set([id]); }
        else if (time(modified) === time(maxTime)) atMax.add(id);
        records.push({ key: id, data: { ...(typedRet(ret, '', d) as Record<string, unknown>), ...(d.name === 'Item' ? { Type: String(ret['#kind']).replace(/Ret$/, '') } : {}) }, meta: { source: { node: ctx.nodeId, system: 'quickbooks-desktop', entity: c.entity, modifiedOn: modified, connection: c.connection } } });
      }
      const last = !rs.iteratorID || (rs.iteratorRemainingCount ?? 0) <= 0;
      // Iterator order is QuickBooks' own, not by time: the watermark moves only once the whole query is read.
      yield { records, watermark: last && maxTime ? `${maxTime}|${[...atMax].slice(0, 200).join(',')}` : null };
      if (last) return;
      it = { iterator: 'Continue', iteratorID: rs.iteratorID! };
    }
  },
});
