// The key of one write of a sink: the record version's effect key (flow, node, source
// record and its modification time) and the data written, 32 hex. A retry or a replay
// after a crash of the same write has the same key, which the run store's
// acknowledgements (NodeContext.effects) are kept under; a later, different change of
// the record is a new write.
import type { FlowRecord, NodeContext } from '../define-node';
import { sha256HexOfParts } from './sha256';

export async function writeKeyOf(ctx: NodeContext, record: FlowRecord, data: unknown = record.data): Promise<string> {
  return (await sha256HexOfParts([await ctx.effectKey(record), '|', JSON.stringify(data)])).slice(0, 32);
}
