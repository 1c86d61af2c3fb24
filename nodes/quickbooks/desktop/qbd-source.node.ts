// Source: reads QuickBooks Desktop records of any catalogue object (invoices,
// customers, vendors, items through ItemQuery…) changed since the last run, through the Web Connector, with a qbXML iterator (MaxReturned per page,
// `Continue` until iteratorRemainingCount is 0; reference C3). Transactions filter
// by ModifiedDateRangeFilter, lists by FromModifiedDate. Iterators live only
// within one Web Connector session: when a session ends mid-way, the query starts
// again and the records already read in this run are skipped.
// Times (reference C3; jsgoupil/quickbooks-sync #19, #28, #33): QuickBooks writes
// TimeModified as its machine's local wall-clock time, which follows daylight saving,
// with the zone's *standard* offset all year, and reads FromModifiedDate as local wall
// time. So Weft keeps QuickBooks' digits and drops the offset (wrong half the year):
// watermarks, FromModifiedDate and records' `modifiedOn` are zone-less wall-clock
// times of the company file's clock, never converted through UTC.
// When clocks fall back, an hour of wall-clock times comes twice, and a record saved in
// the second pass has an earlier TimeModified than one read in the first. So a query
// starts an hour before the watermark, and the watermark keeps `id@TimeModified#EditSequence`
// of the records read in its last hour: those are not read twice, anything else is new.
// TimeModified has whole seconds, so a record saved again within the second Weft read it in
// has the same TimeModified; its EditSequence, which QuickBooks changes on every save (OSR,
// CustomerRet › EditSequence: "Every time the object is changed, the server will change its
// EditSequence value"), tells the two saves apart.
// Watermark: `<wall time>|<id@wall time#EditSequence>,…`; older marks without `#EditSequence`
// (and the oldest, `<TimeModified>|<id>,…`) are read too, and match by time alone.
import { z } from 'zod';
import {
  CREATION_TRIGGER_DEFAULTS,
  CREATION_TRIGGER_FIELDS,
  CREATION_TRIGGER_UI,
  markCreationWaits,
} from '../../core/creation-triggers';
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
  /** Transactions: IncludeLinkedTxns, each record's LinkedTxn (the invoices a credit memo's credit went to). */
  includeLinkedTxns: z.boolean().default(false),
  /** Off: every record on every run (aging counts open invoices to today, whether or not a customer changed). */
  incremental: z.boolean().default(true),
  ...CREATION_TRIGGER_FIELDS,
  /** Lists only (seed §5.2 "upload inactive QB items"): also read inactive customers, vendors and items. */
  includeInactive: z.boolean().default(true),
});
type Config = z.infer<typeof config>;

const NUMBERS = new Set([
  'Subtotal',
  'SalesTaxTotal',
  'SalesTaxPercentage',
  'AppliedAmount',
  'BalanceRemaining',
  'Quantity',
  'Rate',
  'Amount',
  'Balance',
  'TotalBalance',
  'TxnNumber',
  'Sublevel',
  'TotalAmount',
  'AmountDue',
  'OpenAmount',
  'CreditAmount',
  'CreditRemaining',
  'DepositTotal',
  'UnusedPayment',
  'UnusedCredits',
  'PaymentAmount',
  'BalanceDue',
  'Cost',
  'Price',
  'SalesPrice',
  'PurchaseCost',
  'QuantityOnHand',
  'QuantityOnOrder',
  'QuantityOnSalesOrder',
  'AverageCost',
  'ReorderPoint',
  'CreditLimit',
  'OpenBalance',
]);
const BOOLEANS = new Set([
  'IsPaid',
  'IsPending',
  'IsActive',
  'IsToBePrinted',
  'IsToBeEmailed',
  'IsFinanceCharge',
  'IsTaxIncluded',
  'IsAdjustment',
  'IsManuallyClosed',
  'IsFullyReceived',
  'IsTaxable',
  'IsBillable',
  'IsVendorEligibleFor1099',
]);

/** qbXML text → JSON values a mapping can use: amounts as numbers, flags as booleans, the rest as text; lines under their alias (`Lines`). */
export function typedRet(v: unknown, name = '', d?: EntityDef): unknown {
  if (Array.isArray(v)) return v.map((x) => typedRet(x, name));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '#kind') continue;
      const alias = k === 'InvoiceLineRet' ? 'Lines' : (d?.lines?.find((l) => l.ret === k)?.alias ?? k);
      out[alias] = typedRet(x, k);
    }
    return out;
  }
  if (typeof v === 'string' && NUMBERS.has(name) && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (typeof v === 'string' && BOOLEANS.has(name)) return v === 'true';
  return v;
}

/** A clock going back this far at most (a DST fall-back repeats one hour) is looked back over. */
const LOOK_BACK_MS = 3_600_000;
/** Records remembered in a watermark; past this, the oldest of the last hour may be read again (sinks are idempotent). */
const MAX_REMEMBERED = 500;

/** QuickBooks' wall-clock digits of a time, on a zone-less line (ms); a zone written after them is dropped. */
const wallMs = (t: string) => Date.parse(`${/^[\d-]+T[\d:]+(\.\d+)?/.exec(t)?.[0] ?? 'invalid'}Z`);
const wallText = (ms: number) => new Date(ms).toISOString().slice(0, 19);

interface Mark {
  /** First wall-clock second to ask QuickBooks for. */
  from: number | null;
  /** Records already read, as `id@wall time#EditSequence` or, from older marks, `id@wall time` (keyed marks only). */
  seen: Map<string, number>;
  /** A bare time (a date range's start, or moved by the flow's overlap): read strictly after it, no look-back. */
  after: number | null;
}

function parseMark(w: string | null): Mark {
  if (!w) return { from: null, seen: new Map(), after: null };
  const [time, list] = w.split('|');
  if (list === undefined) {
    const after = wallMs(time);
    return { from: Math.floor(after / 1000) * 1000, seen: new Map(), after };
  }
  const at = wallMs(time);
  const seen = new Map<string, number>();
  for (const e of list.split(',').filter(Boolean)) {
    const [id, rest] = e.split('@');
    const [t, seq] = (rest ?? '').split('#');
    const ms = t ? wallMs(t) : at;
    seen.set(versionOf(id, ms, seq), ms);
  }
  return { from: at - LOOK_BACK_MS, seen, after: null };
}

/** A record's version as the watermark keeps it: without an EditSequence (older marks), its time alone. */
function versionOf(id: string, ms: number, editSequence: string | undefined): string {
  return editSequence ? `${id}@${ms}#${editSequence}` : `${id}@${ms}`;
}

/** The next watermark: the latest wall time read, and every record of the hour before it. */
function nextMark(seen: Map<string, number>): string | null {
  if (seen.size === 0) return null;
  const max = Math.max(...seen.values());
  const recent = [...seen]
    .filter(([, t]) => t >= max - LOOK_BACK_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_REMEMBERED);
  const entry = ([k, t]: [string, number]) => {
    const at = k.lastIndexOf('@');
    const seq = k.indexOf('#', at);
    return `${k.slice(0, at)}@${wallText(t)}${seq < 0 ? '' : k.slice(seq)}`;
  };
  return `${wallText(max)}|${recent.map(entry).join(',')}`;
}

/**
 * Custom fields (DataExtRet) also by name, `DataExt: { AccountID: "…" }`: the shape the sink
 * writes them in, so a mapping or rule reads `DataExt.AccountID`, and Weft's own writes are
 * recognised when they come back (echo suppression compares the fields it wrote).
 */
function customFieldsByName(ext: unknown): { DataExt?: Record<string, string> } {
  const list = Array.isArray(ext) ? ext : ext && typeof ext === 'object' ? [ext] : [];
  const named = (list as Record<string, unknown>[]).filter((x) => typeof x.DataExtName === 'string');
  if (!named.length) return {};
  return { DataExt: Object.fromEntries(named.map((x) => [String(x.DataExtName), String(x.DataExtValue ?? '')])) };
}

function request(c: Config, d: EntityDef, from: number | null, it: Iterator): QbdRequest {
  return {
    type: 'Query',
    object: d.name,
    iterator: it,
    maxReturned: c.pageSize,
    ...(d.kind === 'list' ? { activeStatus: c.includeInactive ? ('All' as const) : ('ActiveOnly' as const) } : {}),
    // Zone-less: QuickBooks reads it as its own local wall-clock time (reference C3).
    ...(from !== null ? { fromModifiedDate: wallText(from) } : {}),
    ...(d.kind === 'txn' && d.lineItems ? { includeLineItems: c.includeLineItems } : {}),
    ...(d.kind === 'txn' && c.includeLinkedTxns ? { includeLinkedTxns: true } : {}),
    ownerId: '0',
  };
}

export const qbdSourceNode = defineNode<typeof config, QbdClient>({
  type: 'quickbooks-desktop.source',
  version: 1,
  title: 'Read from QuickBooks Desktop',
  category: 'source',
  description:
    'Reads QuickBooks Desktop records (invoices, customers, vendors, items, payments…) changed ' +
    'since the last run, through the Web Connector; the node shows "waiting for Web Connector" ' +
    'until it polls.',
  inputs: [],
  outputs: [{ name: 'out', label: 'Records', recordType: (c: Config) => `quickbooks-desktop.${c.entity}` }],
  config,
  defaults: {
    connection: '',
    entity: 'Invoice',
    pageSize: 100,
    includeLineItems: true,
    incremental: true,
    includeInactive: true,
    ...CREATION_TRIGGER_DEFAULTS,
  },
  ui: {
    icon: 'qb',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company file', widget: 'connection', connectionKind: 'quickbooks-desktop' },
      entity: { label: 'QuickBooks object', widget: 'select' },
      pageSize: {
        label: 'Records per page',
        widget: 'number',
        help: 'MaxReturned of each iterator page (1–1000). Large pages make slow company files slower to answer.',
      },
      includeLineItems: { label: 'Include line items', widget: 'checkbox' },
      includeLinkedTxns: {
        label: 'Include linked transactions',
        widget: 'checkbox',
        help: 'Transactions only: each record gets LinkedTxn, e.g. the invoices a credit memo was applied to.',
      },
      incremental: {
        label: 'Only records changed since the last run',
        widget: 'checkbox',
        help: 'Untick to read every record on every run.',
      },
      ...CREATION_TRIGGER_UI,
      includeInactive: {
        label: 'Include inactive records',
        widget: 'checkbox',
        help: 'Customers, vendors and items marked inactive in QuickBooks are read too (their IsActive is false).',
      },
    },
    summary: (c) => `${c.entity} ${c.incremental ? 'changed since last run' : 'all records'}, ${c.pageSize} per page`,
  },
  open: (ctx, c) => openQbdClient(ctx, c.connection),
  async *read(ctx, c, client, watermark) {
    const start = parseMark(c.incremental ? watermark : null);
    const d = entityDef(c.entity);
    // A country edition without this object: say so plainly instead of a parse error (HRESULT 0x80040400).
    if (d.editions) {
      const country = await client.country();
      if (country && !editionHas(d, country))
        throw new Error(
          `QuickBooks Desktop (${country} edition) has no ${d.name} records. Choose another object for this company file.`,
        );
    }
    // Queries are never replayed from an earlier read: each read has its own keys.
    const runKey = `src|${ctx.runId}|${ctx.nodeId}|${crypto.randomUUID()}`;
    const yielded = new Set<string>();
    const seen = new Map(start.seen);
    let restarts = 0;
    let it: Iterator = { iterator: 'Start' };
    for (let page = 0; ; page++) {
      const r = await client.one(`${runKey}|${restarts}|${page}`, request(c, d, start.from, it));
      if (r.error)
        throw Object.assign(new Error(hresultFailure(r.error.hresult, r.error.message).message), { connection: true });
      const rs = r.rs!;
      // The iterator died with its session (3120 "object … cannot be found"): start the query again.
      if (it.iterator === 'Continue' && rs.statusSeverity === 'Error' && restarts < 5) {
        restarts++;
        it = { iterator: 'Start' };
        continue;
      }
      if (rs.statusSeverity === 'Error' && rs.statusCode !== 1) {
        const f = statusFailure(rs, `the ${c.entity} query`);
        throw Object.assign(new Error(`${f.message} ${f.action ?? ''}`.trim()), { connection: !!f.connection });
      }
      const records: FlowRecord[] = [];
      for (const ret of retsOf(d, rs)) {
        const id = String(ret[idField(d)]);
        const modified = wallMs(String(ret.TimeModified ?? ''));
        const editSequence = ret.EditSequence === undefined ? undefined : String(ret.EditSequence);
        const version = versionOf(id, modified, editSequence);
        // `id@time` alone: this save was read under a mark written before EditSequences were kept.
        const read = seen.has(version) || (editSequence !== undefined && seen.has(versionOf(id, modified, undefined)));
        if (yielded.has(id) || read || (start.after !== null && modified <= start.after)) continue;
        yielded.add(id);
        if (Number.isFinite(modified)) seen.set(version, modified);
        const data = {
          ...(typedRet(ret, '', d) as Record<string, unknown>),
          ...(d.name === 'Item' ? { Type: String(ret['#kind']).replace(/Ret$/, '') } : {}),
          ...customFieldsByName(ret.DataExtRet),
        };
        const modifiedOn = Number.isFinite(modified) ? wallText(modified) : undefined;
        records.push({
          key: id,
          data,
          meta: {
            source: {
              node: ctx.nodeId,
              system: 'quickbooks-desktop',
              entity: c.entity,
              modifiedOn,
              connection: c.connection,
            },
          },
        });
      }
      const last = !rs.iteratorID || (rs.iteratorRemainingCount ?? 0) <= 0;
      // Iterator order is QuickBooks' own, not by time: the watermark moves only once the whole query is read.
      // A record that does not meet the creation trigger is marked: the node that would create it skips it.
      yield { records: markCreationWaits(c, records), watermark: last ? nextMark(seen) : null, unordered: true };
      if (last) return;
      it = { iterator: 'Continue', iteratorID: rs.iteratorID! };
    }
  },
});
