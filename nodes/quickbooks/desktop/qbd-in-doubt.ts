// Writes in doubt (issue 19, exactly-once effects): the Web Connector handed a write to
// QuickBooks and the session was lost before its answer came back, so QuickBooks may have
// saved it. qbXML has no server-side idempotency (no requestid a resend is recognised by),
// and Intuit's error recovery asks the application to find out whether the request was
// processed before sending it again instead of assuming either way (Desktop SDK, "Error
// recovery": "Does it assume the check was created? … The correct approach is … checks the
// status of the CheckAdd request and determines whether processing succeeded"). Weft checks
// QuickBooks' records by what the write determines: the Name of a list Add, the RefNumber
// and the record version's ExternalGUID of a transaction Add, the EditSequence and values
// after a Mod, the value of a custom field. Found: the write counts as answered with what
// QuickBooks holds. Not found: the client sends it again under a new key (qbd-client.ts).
import { entityDef, type EntityDef } from './qbd-catalogue';
import type { QbdClient } from './qbd-client';
import { normName, recordsById, recordsByMatch, type ObjectRet } from './qbd-lookup';
import type { QbdRs } from './qbxml-parse';
import type { DataExtSet, QbdRequest } from './qbxml-request';

/** Settles writes in doubt together: one look-up per object and kind of check. */
export async function settleInDoubt(
  client: QbdClient,
  items: { key: string; request: QbdRequest }[],
): Promise<(QbdRs | null)[]> {
  const out: (QbdRs | null)[] = items.map(() => null);
  const base = `doubt|${items[0]?.key ?? ''}|${items.length}`;
  // Look-ups grouped by object: names (Adds) and ids (Mods, Dels, custom fields).
  const names = new Map<string, { d: EntityDef; values: Set<string> }>();
  const ids = new Map<string, { d: EntityDef; values: Set<string> }>();
  const want = (m: typeof names, d: EntityDef, v: string) => {
    const g = m.get(d.name) ?? { d, values: new Set<string>() };
    g.values.add(v);
    m.set(d.name, g);
  };
  const plan = items.map(({ request: r }) => {
    if (r.type === 'CustomerAdd' || r.type === 'Add') {
      const d = entityDef(r.type === 'CustomerAdd' ? 'Customer' : r.object);
      const match = d.match ? r.fields[d.match] : undefined;
      // Transactions without a RefNumber (Deposit, TimeTracking) cannot be found: sent again.
      if (match === undefined || match === null || String(match).trim() === '') return null;
      want(names, d, String(match));
      return { d, by: 'name' as const, value: String(match) };
    }
    if (r.type === 'CustomerMod' || r.type === 'Mod' || r.type === 'Del') {
      const d = entityDef(r.type === 'CustomerMod' ? 'Customer' : r.object);
      const id = r.type === 'CustomerMod' ? r.listId : r.id;
      want(ids, d, id);
      return { d, by: 'id' as const, value: id };
    }
    if ((r.type === 'DataExtAdd' || r.type === 'DataExtMod') && 'ListID' in r.listObj) {
      const d = entityDef(r.listDataExtType);
      want(ids, d, r.listObj.ListID);
      return { d, by: 'id' as const, value: r.listObj.ListID };
    }
    return null;
  });
  const byName = new Map<string, Map<string, ObjectRet[]>>();
  const byId = new Map<string, Map<string, ObjectRet>>();
  for (const [n, g] of names) byName.set(n, await recordsByMatch(client, g.d, `${base}|n`, [...g.values]));
  for (const [n, g] of ids) byId.set(n, await recordsById(client, g.d, `${base}|i`, [...g.values]));
  items.forEach(({ request: r }, i) => {
    const p = plan[i];
    if (!p) return;
    if (p.by === 'name' && (r.type === 'CustomerAdd' || r.type === 'Add')) {
      const hits = byName.get(p.d.name)?.get(normName(p.value)) ?? [];
      const guid = r.fields.ExternalGUID;
      const ours = hits.find((h) =>
        p.d.kind === 'txn' ? guid !== undefined && h.ExternalGUID === guid : holds(h, r.fields),
      );
      out[i] = ours ? saved(r.type, ours) : null;
      return;
    }
    const hit = byId.get(p.d.name)?.get(p.value);
    if (r.type === 'CustomerMod' || r.type === 'Mod')
      // Saved: the EditSequence moved on from the one sent and the record holds what was sent.
      // Moved with other values: someone saved it since; sent again, it meets 3200 and the sink re-reads.
      out[i] = hit && String(hit.EditSequence) !== r.editSequence && holds(hit, r.fields) ? saved(r.type, hit) : null;
    else if (r.type === 'Del') out[i] = hit ? null : saved('Del', null);
    else if (r.type === 'DataExtAdd' || r.type === 'DataExtMod') out[i] = customField(hit, r);
  });
  return out;
}

function customField(hit: ObjectRet | undefined, r: DataExtSet): QbdRs | null {
  const ext = ((hit?.DataExtRet ?? []) as Record<string, unknown>[]).find(
    (x) => String(x.OwnerID) === r.ownerId && String(x.DataExtName) === r.name,
  );
  if (!ext || String(ext.DataExtValue) !== r.value) return null;
  return saved(r.type, { ...ext, '#kind': 'DataExtRet' });
}

/** The answer QuickBooks would have given: status OK with the record as it holds it now. */
function saved(type: string, ret: Record<string, unknown> | null): QbdRs {
  return {
    name: `${type === 'Add' || type === 'Mod' || type === 'Del' ? '' : type}Rs`,
    requestID: '',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: 'Status OK (saved before its answer was lost; found in QuickBooks by Weft)',
    rets: ret ? [ret] : [],
  };
}

/** The record holds every value sent (text as QuickBooks keeps it; lines are not compared). */
export function holds(ret: Record<string, unknown>, sent: Record<string, unknown>): boolean {
  return Object.entries(sent).every(([k, v]) => {
    if (v === undefined || v === null || Array.isArray(v) || k === 'DataExt') return true;
    const has = ret[k];
    if (typeof v === 'object')
      return !!has && typeof has === 'object' && holds(has as Record<string, unknown>, v as Record<string, unknown>);
    if (has === undefined) return false;
    const [a, b] = [String(v).trim(), String(has).trim()];
    return a === b || (a !== '' && Number.isFinite(Number(a)) && Number(a) === Number(b));
  });
}
