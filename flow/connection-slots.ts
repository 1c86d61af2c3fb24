// Templates name the kind of system a node talks to, not a connection: a
// connection field holding "@creatio" (or "@quickbooks-online", "@quickbooks-desktop")
// is a slot. A flow made from a template is bound to the workspace's connections
// when it is created or imported; shipped code knows no connection by id, so a
// Weft without the demo's sandboxes runs the same templates on a customer's systems.
import type { FlowDocument } from './flow-document';
import type { NodeTypes } from './node-types';

export const SLOT_PREFIX = '@';

export interface ConnectionSlot {
  nodeId: string;
  /** The config field holding the slot (e.g. `connection`, `targetConnection`). */
  field: string;
  /** The connection kind the slot asks for. */
  kind: string;
}

function connectionFields(registry: NodeTypes, type: string): string[] {
  const fields = registry.get(type)?.ui?.fields ?? {};
  return Object.entries(fields).flatMap(([name, hint]) =>
    (hint as { widget?: string } | undefined)?.widget === 'connection' ? [name] : [],
  );
}

/** The slots a document leaves open, in node order. */
export function openSlots(doc: FlowDocument, registry: NodeTypes): ConnectionSlot[] {
  return doc.nodes.flatMap((n) =>
    connectionFields(registry, n.type).flatMap((field) => {
      const v = n.config[field];
      return typeof v === 'string' && v.startsWith(SLOT_PREFIX)
        ? [{ nodeId: n.id, field, kind: v.slice(SLOT_PREFIX.length) }]
        : [];
    }),
  );
}

/**
 * The document with each open slot bound to `pick(slot)`; a slot nobody can fill is
 * left empty, so the node shows "choose a connection" instead of a made-up id.
 */
export function bindSlots(
  doc: FlowDocument,
  registry: NodeTypes,
  pick: (slot: ConnectionSlot) => string | null,
): FlowDocument {
  const slots = openSlots(doc, registry);
  if (slots.length === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const mine = slots.filter((s) => s.nodeId === n.id);
      if (mine.length === 0) return n;
      return { ...n, config: { ...n.config, ...Object.fromEntries(mine.map((s) => [s.field, pick(s) ?? ''])) } };
    }),
  };
}

/**
 * The reverse of `bindSlots`, for a flow published as a template (issue 15): each
 * connection field naming a connection becomes the slot of its kind, so the template
 * takes the connections of whichever workspace makes a flow from it.
 */
export function unbindSlots(
  doc: FlowDocument,
  registry: NodeTypes,
  kindOf: (connectionId: string) => string | null,
): FlowDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const config = { ...n.config };
      for (const field of connectionFields(registry, n.type)) {
        const v = config[field];
        const kind = typeof v === 'string' && !v.startsWith(SLOT_PREFIX) ? kindOf(v) : null;
        if (kind) config[field] = `${SLOT_PREFIX}${kind}`;
      }
      return { ...n, config };
    }),
  };
}
