// What a flow touches: the connections (company files, Creatio sites) named in
// its nodes' configs and the record types its sources read and its sinks write.
// A node whose inputs do not say what it writes (a write-back) declares it (`writesFor`).
// Utility flows pause the scheduled flows with the same footprint (seed §6.3:
// "scheduled flows must be stopped before running any utility flows"), and runs
// are tagged with their connections. Read through the definitions' UI hints
// (`widget: 'connection'`), never by a node kind or a hard-coded key.
import type { NodeTypeInfo, NodeTypes } from './node-types';
import type { FlowDocument } from './flow-document';
import { acceptedType, emittedType } from './record-types';

export interface Footprint {
  connections: string[];
  /** Record types read or written, e.g. `creatio.Account`, `quickbooks-online.Customer`. */
  objects: string[];
  /** Record types read by sources, and written by sinks (for bi-directional pairs). */
  reads: string[];
  writes: string[];
}

export function flowFootprint(doc: FlowDocument, registry: NodeTypes): Footprint {
  const connections = new Set<string>();
  const reads = new Set<string>();
  const writes = new Set<string>();
  for (const n of doc.nodes) {
    const def = registry.get(n.type);
    if (!def) continue;
    for (const [field, hint] of Object.entries(def.ui.fields ?? {})) {
      const v = n.config[field];
      // An optional connection left empty names no company: two flows both without one share nothing.
      if ((hint as { widget?: string } | undefined)?.widget === 'connection' && typeof v === 'string' && v.trim())
        connections.add(v);
    }
    if (def.category === 'source') for (const p of def.outputs) reads.add(emittedType(p, n.config, new Map()));
    if (def.category === 'sink') for (const p of def.inputs) writes.add(acceptedType(def, p, n.config));
    for (const t of declaredWrites(def, n.config)) writes.add(t);
  }
  reads.delete('any');
  writes.delete('any');
  const sorted = (x: Set<string>) => [...x].sort();
  return {
    connections: sorted(connections),
    objects: sorted(new Set([...reads, ...writes])),
    reads: sorted(reads),
    writes: sorted(writes),
  };
}

/** What a node says it writes from its config (`writesFor`); nothing while its config does not parse. */
function declaredWrites(def: NodeTypeInfo, config: unknown): string[] {
  if (!def.writesFor) return [];
  const parsed = def.config.safeParse(config);
  if (!parsed.success) return [];
  try {
    return def.writesFor(parsed.data);
  } catch {
    return [];
  }
}

/** Same company (a shared connection) and a shared object: the two flows would race on the same records. */
export function footprintsOverlap(a: Footprint, b: Footprint): boolean {
  return a.connections.some((c) => b.connections.includes(c)) && a.objects.some((o) => b.objects.includes(o));
}

/**
 * The list an entity's records live in. QuickBooks Desktop's item types (ItemService,
 * ItemInventory…) are one list with one ListID each, read back through ItemQuery as Item
 * (reference C3): a flow writing ItemService items reads them back as Item.
 */
export function listEntity(entity: string): string {
  return entity.replace(/(^|\.)Item[A-Z]\w*$/, '$1Item');
}

/** `b` reads what `a` writes, on a shared connection: `a`'s writes would come back to `b` as changes. */
export function readsBack(a: Footprint, b: Footprint): boolean {
  const read = new Set(b.reads.map(listEntity));
  return a.connections.some((c) => b.connections.includes(c)) && a.writes.some((o) => read.has(listEntity(o)));
}
