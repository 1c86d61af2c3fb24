// The key of one write of a sink: the record version's effect key (flow, node, source
// record and its modification time) and the data written, 32 hex. A retry or a replay
// after a crash of the same write has the same key, which the run store's
// acknowledgements (NodeContext.effects) are kept under; a later, different change of
// the record is a new write.
import type { Acknowledged, FlowRecord, NodeContext } from '../define-node';
import { sha256Hex, sha256HexNow } from './sha256';

/** A write's key, and the JSON of the data it writes (the key hashes it; a sink may send it as it is). */
export interface WriteKeyed {
  key: string;
  json: string;
}

/**
 * The write keys of a page's records, in their order. One await a page, not one a record: where Node's
 * hash is at hand each key is made at once (issue 19: two awaits a record were 200,000 promises a
 * 100,000-record run, each traced by the run's async context).
 */
export async function writeKeysOf(
  ctx: NodeContext,
  records: readonly FlowRecord[],
  dataOf: (r: FlowRecord) => unknown = (r) => r.data,
): Promise<WriteKeyed[]> {
  const out: WriteKeyed[] = [];
  for (const r of records) {
    const json = JSON.stringify(dataOf(r));
    const text = `${ctx.effectKey(r)}|${json}`;
    out.push({ key: (sha256HexNow(text) ?? (await sha256Hex(text))).slice(0, 32), json });
  }
  return out;
}

/**
 * How a write acknowledged earlier counts when its record comes again: as an update when the
 * record arrives bound (a rerun, or a replay after the cross-reference was saved), else as what
 * the write did (a replay of a page whose creates were answered just before a crash).
 */
export function replayedOutcome(record: FlowRecord, ack: Acknowledged): Acknowledged['op'] {
  return record.meta.binding?.targetId ? 'updated' : ack.op;
}
