// Look-ups shared by the Desktop binding and sink, for any catalogue object:
// by name (list names are unique in QuickBooks regardless of case), by RefNumber
// (transactions; not unique), and by ListID/TxnID (a fresh EditSequence before
// a Mod, reference C3). 1 (no match) and 500 (some not found) are answers.
import type { FlowRecord, XrefTarget } from '../../define-node';
import type { QbdClient } from './qbd-client';
import type { QbdRs } from './qbxml-parse';
import { idField, limitOf, type EntityDef } from './qbd-catalogue';
import { addTo } from '../../core/add-to';

/** A `…Ret` as parsed: ids and EditSequence are always there. */
export type ObjectRet = Record<string, unknown> & {
  EditSequence: string;
  ListID?: string;
  TxnID?: string;
  FullName?: string;
  RefNumber?: string;
};

export const normName = (v: unknown) => String(v).trim().toLowerCase();
const CHUNK = 50;

export class QbdQueryError extends Error {
  constructor(
    readonly rs: QbdRs | null,
    readonly hresult: { hresult: string; message: string } | null,
    message: string,
  ) {
    super(message);
  }
}

/** The Ret kinds an object's query answers with (item types come back from ItemQuery mixed). */
export function retsOf(d: EntityDef, rs: QbdRs | null): ObjectRet[] {
  const kinds = d.name === 'Item' ? null : new Set([`${d.name}Ret`]);
  return (rs?.rets ?? []).filter((r) =>
    kinds ? kinds.has(String(r['#kind'])) : String(r['#kind']).startsWith('Item'),
  ) as ObjectRet[];
}

export const retId = (d: EntityDef, r: ObjectRet) => String(r[idField(d)]);

async function query(
  client: QbdClient,
  d: EntityDef,
  keyBase: string,
  field: 'names' | 'ids',
  values: string[],
): Promise<ObjectRet[]> {
  const out: ObjectRet[] = [];
  const items = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    items.push({
      key: `${keyBase}|${d.name}|${field}|${i}`,
      request: {
        type: 'Query' as const,
        object: d.name,
        [field]: values.slice(i, i + CHUNK),
        ...(d.noOwnerId ? {} : { ownerId: '0' }),
      },
    });
  }
  for (const r of await client.send(items)) {
    if (r.error) throw new QbdQueryError(null, r.error, r.error.message);
    if (!r.rs || (r.rs.statusSeverity === 'Error' && r.rs.statusCode !== 1 && r.rs.statusCode !== 500)) {
      throw new QbdQueryError(
        r.rs,
        null,
        `QuickBooks Desktop could not look up ${d.name} records: ${r.rs?.statusMessage ?? 'no answer'}`,
      );
    }
    out.push(...retsOf(d, r.rs));
  }
  return out;
}

/** Records by their match value (Name → FullName for lists, RefNumber for transactions), case-insensitive. */
export async function recordsByMatch(
  client: QbdClient,
  d: EntityDef,
  keyBase: string,
  values: string[],
): Promise<Map<string, ObjectRet[]>> {
  const max = d.kind === 'txn' ? limitOf(d, 'RefNumber') : limitOf(d, 'FullName');
  const ask = [...new Set(values.filter((n) => [...n].length <= max))];
  const found = new Map<string, ObjectRet[]>();
  if (ask.length === 0 || !d.match) return found;
  for (const c of await query(client, d, keyBase, 'names', ask)) {
    const k = normName(d.kind === 'txn' ? c.RefNumber : c.FullName);
    addTo(found, k, c);
  }
  return found;
}

export async function recordsById(
  client: QbdClient,
  d: EntityDef,
  keyBase: string,
  ids: string[],
): Promise<Map<string, ObjectRet>> {
  if (ids.length === 0) return new Map();
  return new Map((await query(client, d, keyBase, 'ids', [...new Set(ids)])).map((c) => [retId(d, c), c]));
}

export function qbdXrefTarget(connection: string, entity: string, record: FlowRecord): XrefTarget {
  return {
    connection,
    entity,
    sourceConnection: record.meta.source.connection ?? record.meta.source.system,
    sourceEntity: record.meta.source.entity,
  };
}
export const xrefKey = (t: XrefTarget) => `${t.connection}|${t.entity}|${t.sourceConnection}|${t.sourceEntity}`;

/**
 * List records whose name contains one of `words` (qbXML NameFilter, MatchCriterion Contains; the
 * QuickBooks SDK's On-Screen Reference, CustomerQueryRq), active or not, for the name rules of
 * issue 14: QuickBooks compares FullName exactly (case aside), so look-alikes need a wider net.
 * One request per word (NameFilter takes one name), at most 1000 answers each (MaxReturned).
 */
export async function recordsByNameWords(
  client: QbdClient,
  d: EntityDef,
  keyBase: string,
  words: string[],
): Promise<ObjectRet[]> {
  if (words.length === 0 || d.kind === 'txn') return [];
  const items = words.map((w, i) => ({
    key: `${keyBase}|${d.name}|contains|${i}`,
    request: {
      type: 'Query' as const,
      object: d.name,
      nameFilter: { matchCriterion: 'Contains' as const, name: w },
      activeStatus: 'All' as const,
      maxReturned: 1000,
      ...(d.noOwnerId ? {} : { ownerId: '0' }),
    },
  }));
  const out = new Map<string, ObjectRet>();
  for (const r of await client.send(items)) {
    if (r.error) throw new QbdQueryError(null, r.error, r.error.message);
    if (!r.rs || (r.rs.statusSeverity === 'Error' && r.rs.statusCode !== 1)) {
      throw new QbdQueryError(
        r.rs,
        null,
        `QuickBooks Desktop could not look up ${d.name} records: ${r.rs?.statusMessage ?? 'no answer'}`,
      );
    }
    for (const ret of retsOf(d, r.rs)) out.set(retId(d, ret), ret);
  }
  return [...out.values()];
}
