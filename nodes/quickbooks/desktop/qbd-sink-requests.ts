// What the QuickBooks Desktop sink sends (qbd-sink.node.ts): `<Object>Add` for
// unbound records, `<Object>Mod` with the EditSequence for bound ones (Customers
// keep CustomerAdd/CustomerMod), request keys from the record's effect key and
// content, the ExternalGUID of a transaction Add, and the TxnDel of a transaction
// saved twice after a lost session.
import type { FlowRecord } from '../../define-node';
import type { EntityDef } from './qbd-catalogue';
import { hashText, type QbdClient, type QbdResult } from './qbd-client';
import { normName, recordsByMatch, retId, type ObjectRet } from './qbd-lookup';
import type { CustomerAdd, CustomerMod, ObjectAdd, ObjectMod } from './qbxml-request';

export type Write = ObjectAdd | ObjectMod | CustomerAdd | CustomerMod;
export const isAdd = (w: Write) => w.type === 'Add' || w.type === 'CustomerAdd';
export interface Job {
  record: FlowRecord;
  key: string;
  request: Write;
}

/** `{8-4-4-4-12}` from the record's effect key: the same record version always carries the same ExternalGUID. */
export async function externalGuid(effect: string): Promise<string> {
  const h = (await hashText(`guid|${effect}`, 32)).toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
}

export function requestFor(d: EntityDef, record: FlowRecord, editSequence?: string, guid?: string): Write {
  const b = record.meta.binding;
  // Customers keep their own request types: request keys (replay of stored answers) stay as they were.
  if (d.name === 'Customer')
    return b?.targetId
      ? {
          type: 'CustomerMod',
          listId: b.targetId,
          editSequence: editSequence ?? String(b.version),
          fields: record.data,
        }
      : { type: 'CustomerAdd', fields: record.data };
  if (b?.targetId)
    return {
      type: 'Mod',
      object: d.name,
      id: b.targetId,
      editSequence: editSequence ?? String(b.version),
      fields: record.data,
    };
  return {
    type: 'Add',
    object: d.name,
    fields:
      d.kind === 'txn' && guid && record.data.ExternalGUID === undefined
        ? { ...record.data, ExternalGUID: guid }
        : record.data,
  };
}

export async function keyFor(effect: string, request: Write): Promise<string> {
  return `sink|${effect}|${await hashText(JSON.stringify(request))}`;
}

/**
 * A transaction Add carried twice (its first session was lost after QuickBooks
 * saved it) is saved twice: transactions have no unique name to answer 3100. Both
 * carry the record's ExternalGUID; the one not answered to us is deleted (TxnDel).
 * Found through the RefNumber, so objects without one (Deposit, TimeTracking) are not covered.
 */
export async function removeTwins(client: QbdClient, d: EntityDef, jobs: Job[], answers: QbdResult[]): Promise<void> {
  const guidOf = (j: Job) => (j.request.type === 'Add' ? String(j.request.fields.ExternalGUID ?? '') : '');
  const resent = jobs
    .map((j, i) =>
      d.kind === 'txn' &&
      d.match === 'RefNumber' &&
      guidOf(j) &&
      j.record.data.RefNumber &&
      answers[i].attempts > 1 &&
      answers[i].rs?.statusSeverity !== 'Error' &&
      answers[i].rs
        ? i
        : -1,
    )
    .filter((i) => i >= 0);
  if (!resent.length) return;
  try {
    const found = await recordsByMatch(
      client,
      d,
      `twins|${answers[resent[0]].key}`,
      resent.map((i) => String(jobs[i].record.data.RefNumber)),
    );
    const dels = [];
    for (const i of resent) {
      const kept = answers[i].rs!.rets.find((r) => r['#kind'] === `${d.name}Ret`) as ObjectRet | undefined;
      for (const hit of found.get(normName(jobs[i].record.data.RefNumber)) ?? []) {
        if (kept && hit.ExternalGUID === guidOf(jobs[i]) && retId(d, hit) !== retId(d, kept))
          dels.push({
            key: `twin-del|${retId(d, hit)}`,
            request: { type: 'Del' as const, object: d.name, id: retId(d, hit) },
          });
      }
    }
    if (dels.length) await client.send(dels);
  } catch {
    /* the twin stays; support sees two transactions with one ExternalGUID */
  }
}
