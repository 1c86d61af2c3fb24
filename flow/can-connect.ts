// Whether the designer may draw an edge: the same rules as validateFlow, asked
// about one new edge, so the canvas refuses a wrong connection with the reason.
import type { NodeTypes } from './node-types';
import type { FlowDocument, FlowEdge } from './flow-document';
import { validateFlow } from './validate-flow';

export function canConnect(
  doc: FlowDocument,
  edge: FlowEdge,
  registry: NodeTypes,
): { ok: true } | { ok: false; reason: string } {
  const label = `${edge.from} → ${edge.to}`;
  if (doc.edges.some((e) => e.from === edge.from && e.to === edge.to))
    return { ok: false, reason: 'These two ports are already connected.' };
  const before = problemsOf(doc, registry);
  const after = validateFlow({ ...doc, edges: [...doc.edges, edge] }, registry);
  if (after.ok) return { ok: true };
  const added = after.problems.filter(
    (p) => p.edge === label || (p.message.includes('loop') && !before.has(p.message)),
  );
  return added.length === 0 ? { ok: true } : { ok: false, reason: added.map((p) => p.message).join(' ') };
}

function problemsOf(doc: FlowDocument, registry: NodeTypes): Set<string> {
  const v = validateFlow(doc, registry);
  return new Set(v.ok ? [] : v.problems.map((p) => p.message));
}
