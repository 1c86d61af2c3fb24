// Echo suppression for bi-directional pairs (issue 6): when flow A writes a
// QuickBooks customer and flow B syncs QuickBooks customers back to Creatio, B
// must not send A's own write back. A sink's write is remembered as the target
// record's id and a digest of the fields Weft wrote; a record read later is an
// echo if every one of those fields still holds what Weft wrote. A person who
// changes one of them afterwards makes the record a real change again. The fields
// include those Weft owns but did not send (left empty by the mapping, or left out of an
// update as written only when creating): a value a person puts there later is a change
// too, not an echo (a phone added in QuickBooks to a customer made without one reaches Creatio).
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

/** Where a list of lines ends in a field path (`Line[].Amount` → `Line`), or null outside lists. */
function listOf(path: string): string | null {
  const at = path.indexOf('[].');
  return at < 0 ? null : path.slice(0, at);
}

/**
 * What a sink's write is remembered as: the fields it wrote, and those Weft owns but did not send (`unsent`,
 * nodes/core/kept-answer.ts), with the digest of their values as the target holds them (`saved`: the target's
 * answer, or the part of it the sink kept). An unsent field counts only when the sink kept the answer: without
 * it, Weft does not know what the field holds (a target fills some fields itself when they are not sent,
 * QuickBooks' PrintOnCheckName or Creatio's numbers at 0, and a sparse update keeps the older value), and
 * claiming it empty would make every write come back as a change, bouncing between the two sides. A field of a list of lines
 * counts when the answer holds the list: each line is then compared with the target's own lines.
 */
export function echoOfWrite(
  data: Record<string, unknown>,
  unsent: readonly string[] | undefined,
  saved: Record<string, unknown> | undefined,
): { fields: string[]; digest: string } | null {
  const written = writtenFields(data);
  // A write that set no field of the record (only its lines, elsewhere) says nothing about it.
  if (written.length === 0) return null;
  const known = saved
    ? (unsent ?? []).filter((p) => {
        const list = listOf(p);
        return list === null || Array.isArray(valueAt(saved, list));
      })
    : [];
  const fields = known.length ? [...new Set([...written, ...known])].sort() : written;
  // The digest is of what the target holds after the write (QuickBooks' answer: the numbers it assigned,
  // the ids and subtotal of the lines), as a reader will see it; the fields are still the ones Weft owns.
  const held = saved ? { ...data, ...saved } : data;
  return { fields, digest: digestOf(held, fields) };
}

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Targets trim and store numbers as text, hold an empty text as '' and an empty lookup as the zero GUID,
 * and keep a time in their own zone and precision (QuickBooks Online's "2026-01-05T03:29:00-08:00" reads back from Creatio as
 * "2026-01-05T11:29:00.0000000Z"): compare what a reader would see, the same instant.
 */
function normalise(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') return String(v);
  const t = v.trim();
  // Creatio reads an empty lookup back as the zero GUID: as empty as a field Weft left out.
  if (t === '' || t === ZERO_GUID) return null;
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
