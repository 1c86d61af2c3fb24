// Echo suppression for bi-directional pairs (issue 6): when flow A writes a
// QuickBooks customer and flow B syncs QuickBooks customers back to Creatio, B
// must not send A's own write back. A sink's write is remembered as the target
// record's id and a digest of the fields Weft wrote; a record read later is an
// echo if every one of those fields still holds what Weft wrote. A person who
// changes one of them afterwards makes the record a real change again.
import type { FlowRecord } from '../../nodes/define-node';
import { listEntity } from '../../flow/flow-footprint';

export interface EchoWrite {
  /** Connection (company file / site) and entity of the target, and the target's id. */
  connection: string;
  entity: string;
  key: string;
  fields: string[];
  digest: string;
}

export interface EchoLedger {
  remember(writes: EchoWrite[]): Promise<void>;
  /** What Weft last wrote to these records of `connection`/`entity`, by key. */
  lookup(
    connection: string,
    entity: string,
    keys: string[],
  ): Promise<Map<string, { fields: string[]; digest: string }>>;
}

function valueAt(data: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], data);
}

/**
 * Leaf paths of a written body, sorted (`BillAddr.Line1`, `DisplayName`, …). A list of lines is one
 * field per leaf of its lines (`Line[].Amount`, `Line[].SalesItemLineDetail.Qty`, …), so each line is
 * compared, not just how many there are: a line a person changed or added makes the record a change.
 */
export function writtenFields(data: Record<string, unknown>, prefix = ''): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(data)) {
    if (Array.isArray(v) && v.length && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x)))
      for (const x of v) for (const f of writtenFields(x as Record<string, unknown>, `${prefix}${k}[].`)) out.add(f);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v))
      for (const f of writtenFields(v as Record<string, unknown>, `${prefix}${k}.`)) out.add(f);
    else out.add(`${prefix}${k}`);
  }
  return [...out].sort();
}

/**
 * The values at `fields`; the fields of one list of lines (`Line[].…`) become one value, each line's
 * values in a tuple, the tuples sorted: the target may hand the lines back in another order.
 */
function valuesAt(data: Record<string, unknown>, fields: string[]): unknown[] {
  const lists = new Map<string, string[]>();
  const out: unknown[] = [];
  for (const f of fields) {
    const at = f.indexOf('[].');
    if (at < 0) out.push(normalise(valueAt(data, f)));
    else lists.set(f.slice(0, at), [...(lists.get(f.slice(0, at)) ?? []), f.slice(at + 3)]);
  }
  for (const [list, inner] of lists) {
    const rows = valueAt(data, list);
    const lines = Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
    out.push(lines.map((l) => JSON.stringify(valuesAt(l ?? {}, inner))).sort());
  }
  return out;
}

/** A cheap, stable digest (FNV-1a, 2×32 bits) of the values at `fields`: not security, just equality. */
export function digestOf(data: Record<string, unknown>, fields: string[]): string {
  const text = JSON.stringify(valuesAt(data, fields));
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Targets trim and store numbers as text, and keep a time in their own zone and precision
 * (QuickBooks Online's "2026-01-05T03:29:00-08:00" reads back from Creatio as
 * "2026-01-05T11:29:00.0000000Z"): compare what a reader would see, the same instant.
 */
function normalise(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') return String(v);
  const t = v.trim();
  if (ZONED_TIME.test(t)) {
    const ms = Date.parse(t.replace(/(\.\d{3})\d+/, '$1'));
    if (Number.isFinite(ms)) return new Date(ms).toISOString();
  }
  return t;
}

/** Desktop item types are one list (flow-footprint.ts): a write to an ItemService is an Item's echo. */
export const echoEntity = listEntity;

/** Source records that are Weft's own earlier writes coming back. */
export async function findEchoes(ledger: EchoLedger, records: FlowRecord[]): Promise<Set<FlowRecord>> {
  const echoes = new Set<FlowRecord>();
  if (records.length === 0) return echoes;
  const src = records[0].meta.source;
  const known = await ledger.lookup(
    src.connection ?? src.system,
    echoEntity(src.entity),
    records.map((r) => r.key),
  );
  for (const r of records) {
    const w = known.get(r.key);
    if (w && digestOf(r.data, w.fields) === w.digest) echoes.add(r);
  }
  return echoes;
}

export class MemoryEchoLedger implements EchoLedger {
  readonly writes = new Map<string, { fields: string[]; digest: string }>();
  async remember(writes: EchoWrite[]) {
    for (const w of writes)
      this.writes.set(`${w.connection}|${w.entity}|${w.key}`, { fields: w.fields, digest: w.digest });
  }
  async lookup(connection: string, entity: string, keys: string[]) {
    const out = new Map<string, { fields: string[]; digest: string }>();
    for (const k of keys) {
      const w = this.writes.get(`${connection}|${entity}|${k}`);
      if (w) out.set(k, w);
    }
    return out;
  }
}
