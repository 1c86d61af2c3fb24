// Binds a document's connection slots ("@creatio", see flow/connection-slots.ts) to
// the workspace's connections: the first connection of the slot's kind, in the
// order the Connections screen lists them. Used where a document enters a
// workspace (create, save, import, preflight of a template).
import { bindSlots } from '../flow/connection-slots';
import type { FlowDocument } from '../flow/flow-document';
import type { NodeRegistry } from '../nodes/registry';
import type { ConnectionSummary } from './design/connection-summary';

export function bindToWorkspace(
  doc: FlowDocument,
  registry: NodeRegistry,
  connections: ConnectionSummary[],
): FlowDocument {
  return bindSlots(doc, registry, (slot) => connections.find((c) => c.kind === slot.kind)?.id ?? null);
}
