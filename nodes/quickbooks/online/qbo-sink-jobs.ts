// The QuickBooks Online sink's writes, one job per record (qbo-sink.node.ts cuts them into batch calls):
// what each sends, and how an update QuickBooks calls stale is resolved without undoing a newer edit.
import type { FlowRecord } from '../../define-node';
import type { QboClient, QboObject } from './qbo-client';
import { withKeptLines } from './qbo-kept-lines';
import { shortRequestId } from './qbo-query';

export interface Job {
  record: FlowRecord;
  op: 'create' | 'update';
  bId: string;
  body: QboObject;
  /** The body's JSON when it is made already (a create: the write key's); sent as it is. */
  json?: string;
  writeKey: string;
  /** The DetailTypes of the lines an update keeps (qbo-kept-lines.ts). */
  kept: string[];
}

export function job(
  { record, writeKey, json }: { record: FlowRecord; writeKey: string; json: string },
  kept: string[],
  current: Map<string, QboObject>,
): Job {
  const b = record.meta.binding;
  const op = b?.targetId ? 'update' : 'create';
  // The item id is the write's key: the same write keeps its id whichever operation it becomes.
  const bId = writeKey.slice(0, 20);
  if (b?.targetId)
    return {
      record,
      writeKey,
      bId,
      op,
      kept,
      body: withKeptLines(
        { ...record.data, Id: b.targetId, SyncToken: String(b.version), sparse: true },
        current.get(b.targetId),
        kept,
      ),
    };
  // A create sends the data as the write key hashed it: its JSON is made once, not twice.
  return { record, writeKey, bId, op, kept, body: record.data as QboObject, json };
}

/**
 * Someone changed the record since our SyncToken (5010): after a takeover, often our own
 * write whose answer was lost. Re-read it: when it already holds every value we map, there
 * is nothing to write (a blind retry would make a new SyncToken and could undo a newer
 * edit); otherwise our fields go on top of the current version (sparse: the fields the
 * mapping does not own keep the person's edit).
 */
export async function resolveStale(client: QboClient, entity: string, j: Job): Promise<QboObject> {
  const current = await client.read(entity, String(j.body.Id));
  if (holdsAll(current, j.record.data)) return current;
  // The lines kept are taken again from the current version: a bookkeeper may have just edited one.
  const body = withKeptLines({ ...j.record.data, Id: j.body.Id, sparse: true }, current, j.kept);
  return client.sparseUpdate(
    entity,
    { ...body, SyncToken: String(current.SyncToken) } as QboObject & { Id: string; SyncToken: string },
    { requestId: await shortRequestId(`${j.bId}|stale`, 47) },
  );
}

/** Whether `current` already has every value of `wanted` (nested objects compared field by field). */
function holdsAll(current: unknown, wanted: unknown): boolean {
  if (wanted === null || typeof wanted !== 'object')
    return current === wanted || (wanted === '' && current === undefined);
  if (current === null || typeof current !== 'object') return false;
  if (Array.isArray(wanted)) return JSON.stringify(current) === JSON.stringify(wanted);
  return Object.entries(wanted as Record<string, unknown>).every(([k, v]) =>
    holdsAll((current as Record<string, unknown>)[k], v),
  );
}
