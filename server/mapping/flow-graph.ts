// The part of a draft a preview or a field list needs: the steps upstream of a node,
// its source, the sink it feeds, and each step's config parsed as a run would parse it
// (upgraded to its definition's version, defaults applied).
import type { z } from 'zod';
import { splitPortRef, type FlowDocument, type FlowNode } from '../../flow/flow-document';
import { topoOrder } from '../../flow/topo-order';
import type { AnyNodeDefinition } from '../../nodes/define-node';
import type { NodeRegistry } from '../../nodes/registry';

export interface Step {
  node: FlowNode;
  def: AnyNodeDefinition;
  /** The parsed config, or why it cannot be used yet (in the flow check's words). */
  config: unknown;
  problem?: string;
}

export function edgesOf(doc: FlowDocument) {
  return doc.edges.map((e) => ({ from: splitPortRef(e.from), to: splitPortRef(e.to) }));
}

export function stepOf(doc: FlowDocument, nodeId: string, registry: NodeRegistry): Step | null {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const def = node && registry.get(node.type);
  if (!node || !def) return null;
  let raw: unknown = node.config;
  if (node.version < def.version && def.migrate) raw = def.migrate(raw, node.version);
  const parsed = (def.config as z.ZodType).safeParse(raw);
  if (parsed.success) return { node, def, config: parsed.data };
  const what = parsed.error.issues.map((i) => i.message).join('; ');
  return { node, def, config: undefined, problem: `Step "${node.title ?? node.id}" is not complete yet: ${what}` };
}

/** The node and every step upstream of it, in run order. */
export function upstreamOrder(doc: FlowDocument, nodeId: string): string[] {
  const edges = edgesOf(doc);
  const seen = new Set([nodeId]);
  const queue = [nodeId];
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of edges) {
      if (e.to.node !== id || seen.has(e.from.node)) continue;
      seen.add(e.from.node);
      queue.push(e.from.node);
    }
  }
  const { order } = topoOrder(
    [...seen],
    edges
      .filter((e) => seen.has(e.from.node) && seen.has(e.to.node))
      .map((e) => ({ from: e.from.node, to: e.to.node })),
  );
  return order;
}

/**
 * Fields steps upstream write into the records: a reference lookup's `into` (e.g. CustomerId), and what a
 * step says it adds (the customer options: PrimaryContactRecord, BillingAddress, ShippingAddress …).
 */
export function addedUpstream(doc: FlowDocument, nodeId: string, registry: NodeRegistry): Set<string> {
  const added = new Set<string>();
  for (const id of upstreamOrder(doc, nodeId)) {
    if (id === nodeId) continue;
    const step = stepOf(doc, id, registry);
    const c = (step?.config ?? {}) as Record<string, unknown>;
    for (const k of ['into', 'nameField']) if (typeof c[k] === 'string' && c[k]) added.add(String(c[k]).split('.')[0]);
    if (step?.config) for (const f of step.def.adds?.(step.config as never) ?? []) if (f) added.add(f.split('.')[0]);
  }
  return added;
}

/** The first source step upstream of the node (the one whose records it sees). */
export function sourceOf(doc: FlowDocument, nodeId: string, registry: NodeRegistry): Step | null {
  for (const id of upstreamOrder(doc, nodeId)) {
    const step = stepOf(doc, id, registry);
    if (step?.def.category === 'source') return step;
  }
  return null;
}

/** The first sink downstream of the node (the one its records are written by). */
export function sinkOf(doc: FlowDocument, nodeId: string, registry: NodeRegistry): Step | null {
  const edges = edgesOf(doc);
  const seen = new Set([nodeId]);
  const queue = [nodeId];
  while (queue.length) {
    const id = queue.shift()!;
    const step = id === nodeId ? null : stepOf(doc, id, registry);
    if (step?.def.category === 'sink') return step;
    for (const e of edges) {
      if (e.from.node !== id || seen.has(e.to.node)) continue;
      seen.add(e.to.node);
      queue.push(e.to.node);
    }
  }
  return null;
}

/** The connection id a step's config names (its `connection` field), if any. */
export function connectionOf(step: Step | null): string | undefined {
  const c = (step?.config ?? step?.node.config) as { connection?: unknown } | undefined;
  return typeof c?.connection === 'string' && c.connection !== '' ? c.connection : undefined;
}
