// Shipped templates: templates/manifest.json lists them (explicitly, no directory
// scan); each file is a flow document checked at load, so a broken template fails
// Weft's start and its tests, not a customer's first click.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FlowDocument } from '../flow/flow-document';
import { validateFlow } from '../flow/validate-flow';
import type { NodeRegistry } from '../nodes/registry';

interface ManifestEntry {
  id: string;
  file: string;
  direction: string;
  objects: string[];
  // Optional, additive: what the gallery shows an operator (the flow document's own name stays the flow's name).
  title?: string;
  formerly?: string;
  /** What it does and what it needs (custom fields, connections); the flow's description when absent. */
  description?: string;
  systems?: string[];
  /** The other half of a bi-directional pair (two flows, one each way); the pair is symmetric. */
  pair?: string;
  /** The template's earlier shipped versions, oldest first (e.g. history/x.v1.json); `file` is the next one. */
  earlier?: string[];
  /** What the current version changed, shown as "Update available: version N — note". */
  releaseNote?: string;
}

/** Utility runs (seed §6.1) a flow offers: binding needs a binding node; every flow offers a date-range load and a single run. */
export type UtilityKind = 'binding' | 'bulk-load' | 'single';

/**
 * What a shipped file says of itself. The design store keeps it as version `earlier.length + 1`, each earlier
 * file as the version before, so a flow made from version 1 keeps its base for the three-way merge
 * (server/design/template-store.ts) and is offered the new version as an update.
 */
export interface ShippedTemplate {
  id: string;
  name: string;
  description: string;
  direction: string;
  objects: string[];
  /** Operator-recognisable title, when the manifest gives one (else `name`). */
  title?: string;
  /** The old hosted service's flow name, so its operators find their flow (e.g. "SFAcctOpp2QBCustInv"). */
  formerly?: string;
  /** The systems it talks to, in flow order, e.g. ["Creatio", "QuickBooks Online"]. */
  systems?: string[];
  /** The template running the other way, when the two make a bi-directional pair. */
  pair?: string;
  /** The utility runs it offers (`weft run <id> --utility …`, and the operations page). */
  utilities: UtilityKind[];
  /** The documents of its earlier versions, oldest first: version 1, 2 … */
  earlier: FlowDocument[];
  /** What the current version changed ('' for a first version). */
  releaseNote: string;
}

export interface TemplateCatalog {
  list(): ShippedTemplate[];
  get(id: string): FlowDocument | null;
}

export function loadTemplates(dir: string, registry: NodeRegistry): TemplateCatalog {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { templates: ManifestEntry[] };
  const docs = new Map<string, { info: ShippedTemplate; doc: FlowDocument }>();
  const read = (file: string) => {
    const doc = FlowDocument.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const v = validateFlow(doc, registry);
    if (!v.ok) throw new Error(`Template ${file} is not valid: ${v.problems.map((p) => p.message).join(' ')}`);
    return doc;
  };
  for (const t of manifest.templates) {
    const doc = read(t.file);
    docs.set(t.id, {
      doc,
      info: {
        id: t.id,
        name: doc.name,
        description: t.description ?? doc.description ?? '',
        direction: t.direction,
        objects: t.objects,
        ...(t.title ? { title: t.title } : {}),
        ...(t.formerly ? { formerly: t.formerly } : {}),
        ...(t.systems ? { systems: t.systems } : {}),
        utilities: utilitiesOf(doc, registry),
        // Earlier versions are still checked: a flow made from one must keep running.
        earlier: (t.earlier ?? []).map(read),
        releaseNote: t.releaseNote ?? '',
      },
    });
  }
  // A pair is named once, on either half: both halves know it.
  for (const t of manifest.templates) {
    if (!t.pair) continue;
    const other = docs.get(t.pair);
    if (!other) throw new Error(`Template ${t.id} pairs with "${t.pair}", which the manifest does not list.`);
    docs.get(t.id)!.info.pair = t.pair;
    other.info.pair = t.id;
  }
  return {
    list: () => [...docs.values()].map((d) => d.info),
    get: (id) => (docs.has(id) ? structuredClone(docs.get(id)!.doc) : null),
  };
}

function utilitiesOf(doc: FlowDocument, registry: NodeRegistry): UtilityKind[] {
  const binds = doc.nodes.some((n) => registry.get(n.type)?.category === 'binding');
  return [...(binds ? (['binding'] as const) : []), 'bulk-load', 'single'];
}
