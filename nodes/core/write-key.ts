// The key of one write of a sink: the record version's effect key (flow, node, source
// record and its modification time) and the data written, 32 hex. A retry or a replay
// after a crash of the same write has the same key, which the run store's
// acknowledgements (NodeContext.effects) are kept under; a later, different change of
// the record is a new write.
import type { Acknowledged, FlowRecord, NodeContext } from '../define-node';
import { sha256HexOfParts } from './sha256';

export async function writeKeyOf(ctx: NodeContext, record: FlowRecord, data: unknown = record.data): Promise<string> {
  return (await sha256HexOfParts([await ctx.effectKey(record), '|', JSON.stringify(data)])).slice(0, 32);
}

/**
 * How a write acknowledged earlier counts when its record comes again: as an update when the
 * record arrives bound (a rerun, or a replay after the cross-reference was saved), else as what
 * the write did (a replay of a page whose creates were answered just before a crash).
 */
export function replayedOutcome(record: FlowRecord, ack: Acknowledged): Acknowledged['op'] {
  return record.meta.binding?.targetId ? 'updated' : ack.op;
}
