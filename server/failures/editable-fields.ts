// Which fields of a failed record support may edit before retrying it (issue 16): only the
// fields the flow's mapping produces. A record that failed after the mapping (at the binding or
// sink behind it) holds the mapping's targets; one that failed before it holds the source fields
// the mapping reads. Anything else (ids, modification times, fields no mapping uses) stays as read.
import type { FlowDocument } from '../../flow/flow-document';
import { splitPortRef } from '../../flow/flow-document';
import type { NodeRegistry } from '../../nodes/registry';

interface MappingConfig {
  mappings?: { target?: string; source?: string }[];
}

export function editableFields(doc: FlowDocument, registry: NodeRegistry, nodeId: string): string[] {
  const upstream = reach(doc, nodeId, 'up');
  const downstream = reach(doc, nodeId, 'down');
  const fields = new Set<string>();
  for (const n of doc.nodes) {
    if (registry.get(n.type)?.category !== 'mapping') continue;
    const config = n.config as MappingConfig;
    // The mapping ran before the failing node: its targets are in the record.
    if (upstream.has(n.id)) for (const m of config.mappings ?? []) if (m.target) fields.add(m.target);
    // It runs after (or is the failing node): the record holds what it reads.
    if (downstream.has(n.id) || n.id === nodeId)
      for (const m of config.mappings ?? []) if (m.source) fields.add(m.source);
  }
  return [...fields];
}

function reach(doc: FlowDocument, from: string, way: 'up' | 'down'): Set<string> {
  const seen = new Set<string>();
  const todo = [from];
  while (todo.length) {
    const at = todo.pop()!;
    for (const e of doc.edges) {
      const [a, b] = [splitPortRef(e.from).node, splitPortRef(e.to).node];
      const next = way === 'down' ? (a === at ? b : null) : b === at ? a : null;
      if (next && !seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return seen;
}

/** A dotted path's value in a record's data (`PrimaryPhone.FreeFormNumber`). */
export function valueAt(data: unknown, path: string): unknown {
  let v: unknown = data;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** The data with the dotted paths set (objects on the way made as needed; nothing else changes). */
export function withValues(data: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(data);
  for (const [path, value] of Object.entries(changes)) {
    const parts = path.split('.');
    let at: Record<string, unknown> = out;
    for (const p of parts.slice(0, -1)) {
      if (!at[p] || typeof at[p] !== 'object') at[p] = {};
      at = at[p] as Record<string, unknown>;
    }
    at[parts[parts.length - 1]] = value;
  }
  return out;
}
