// Idempotency keys for effects on targets: the same record version at the same
// node of the same flow always gets the same key, so a retry or a rerun after a
// crash is recognised by the target (QuickBooks `requestid`) instead of creating twice.
import type { FlowRecord } from '../../nodes/define-node';

export async function effectKey(flowId: string, nodeId: string, record: FlowRecord): Promise<string> {
  const text = [flowId, nodeId, record.meta.source.system, record.meta.source.entity, record.key, record.meta.source.modifiedOn ?? ''].join('\u001f');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  // 32 hex characters: within QuickBooks' 36-character limit for batch request ids.
  return [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
