// Nodes stored at an older config version (a mapping node at version 1, before expressions)
// are brought to their definition's version when the flow opens, through the definition's
// `migrate`: the inspector, the mapping editor and the checks then all see one shape. The
// upgrade is not an edit: the draft opens clean, and the upgraded nodes go to the server
// with the next save of a real change (the server reads either version meanwhile).
import type { FlowDocument } from '../../../flow/flow-document';
import type { AnyNodeDefinition } from '../../../nodes/define-node';

export function upgradeNodes(doc: FlowDocument, lookup: { get(type: string): AnyNodeDefinition | undefined }) {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const def = lookup.get(n.type);
    if (!def?.migrate || n.version >= def.version) return n;
    changed = true;
    return { ...n, version: def.version, config: def.migrate(n.config, n.version) as Record<string, unknown> };
  });
  // The same object when nothing was old, so memoised views keyed on the document stay put.
  return changed ? { ...doc, nodes } : doc;
}
