// Idempotency keys for effects on targets: the same record version at the same
// node of the same flow always gets the same key, so a retry or a rerun after a
// crash is recognised by the target (QuickBooks `requestid`) instead of creating twice.
// Synchronous SHA-256 (node:crypto): one key per record written, and WebCrypto's
// async digest cost ~10× more per key in the bench's profile. Same bytes as before.
import { hash } from 'node:crypto';
import type { FlowRecord } from '../../nodes/define-node';

export function effectKey(flowId: string, nodeId: string, record: FlowRecord): string {
  const text = [
    flowId,
    nodeId,
    record.meta.source.system,
    record.meta.source.entity,
    record.key,
    record.meta.source.modifiedOn ?? '',
  ].join('\u001f');
  // 32 hex characters: within QuickBooks' 36-character limit for batch request ids.
  return hash('sha256', text, 'hex').slice(0, 32); // one-shot: no Hash object per key (nodes/core/sha256.ts)
}
