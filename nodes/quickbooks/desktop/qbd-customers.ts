// Customer look-ups shared by the Desktop binding and sink: by FullName (names
// are unique in QuickBooks regardless of case) and by ListID (fresh EditSequence
// before a Mod, reference C3).
import type { FlowRecord, XrefTarget } from '../../define-node';
import type { QbdClient } from './qbd-client';
import type { QbdRs } from './qbxml-parse';
import { FULL_NAME_LIMIT } from './qbxml-schema';

export type CustomerRet = Record<string, unknown> & { ListID: string; EditSequence: string; Name: string; FullName: string };

export const normName = (v: unknown) => String(v).trim().toLowerCase();
const CHUNK = 50;

export class QbdQueryError extends Error {
  constructor(readonly rs: QbdRs | null, readonly hresult: { hresult: string; message: string } | null, message: string) { super(message); }
}

function rows(rs: QbdRs | null): CustomerRet[] {
  return (rs?.rets ?? []).filter((r) => r['#kind'] === 'CustomerRet') as CustomerRet[];
}

async function query(client: QbdClient, keyBase: string, field: 'fullNames' | 'listIds', values: string[]): Promise<CustomerRet[]> {
  const out: CustomerRet[] = [];
  const items = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    items.push({ key: `${keyBase}|${field}|${i}`, request: { type: 'CustomerQuery' as const, [field]: values.slice(i, i + CHUNK), ownerId: '0' } });
  }
  for (const r of await client.send(items)) {
    // 1 = no match, 500 = some not found: both are answers, not failures (reference C4).
    if (r.error) throw new QbdQueryError(null, r.error, r.error.message);
    if (!r.rs || (r.rs.statusSeverity === 'Error' && r.rs.statusCode !== 1 && r.rs.statusCode !== 500)) {
      throw new QbdQueryError(r.rs, null, `QuickBooks Desktop could not look up customers: ${r.rs?.statusMessage ?? 'no answer'}`);
    }
    out.push(...rows(r.rs));
  }
  return out;
}

/** Customers by name (case-insensitive). Names longer than a FullName can be are not looked up: nothing can match them. */
export async function customersByName(client: QbdClient, keyBase: string, names: string[]): Promise<Map<string, CustomerRet[]>> {
  const ask = [...new Set(names.filter((n) => [...n].length <= FULL_NAME_LIMIT))];
  const found = new Map<string, CustomerRet[]>();
  if (ask.length === 0) return found;
  for (const c of await query(client, keyBase, 'fullNames', ask)) found.set(normName(c.FullName), [...(found.get(normName(c.FullName)) ?? []), c]);
  return found;
}

export async function customersById(client: QbdClient, keyBase: string, ids: string[]): Promise<Map<string, CustomerRet>> {
  if (ids.length === 0) return new Map();
  return new Map((await query(client, keyBase, 'listIds', [...new Set(ids)])).map((c) => [c.ListID, c]));
}

export function qbdXrefTarget(connection: string, record: FlowRecord): XrefTarget {
  return { connection, entity: 'Customer', sourceConnection: record.meta.source.connection ?? record.meta.source.system, sourceEntity: record.meta.source.entity };
}
export const xrefKey = (t: XrefTarget) => `${t.connection}|${t.entity}|${t.sourceConnection}|${t.sourceEntity}`;
