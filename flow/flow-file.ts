// A flow as a file to keep, review and carry to another Weft: the flow document,
// pretty-printed in a stable order (nodes by id, edges by their ends, object keys
// sorted), connections named by their NAME (ids mean nothing in another workspace),
// no secret. Reading a file back checks it whole — shape, connections, validateFlow —
// so an import either saves a valid flow or nothing at all.
import { FlowDocument, type FlowNode } from './flow-document';
import type { NodeTypes } from './node-types';
import { SLOT_PREFIX } from './connection-slots';
import { validateFlow, type Problem } from './validate-flow';

function fieldsWith(registry: NodeTypes, type: string, widget: string): string[] {
  const fields = registry.get(type)?.ui?.fields ?? {};
  return Object.entries(fields).flatMap(([name, hint]) =>
    (hint as { widget?: string } | undefined)?.widget === widget ? [name] : [],
  );
}

/**
 * The file's text. `connectionName` gives a connection id's name (null: not in the
 * workspace any more — the field is then left empty, and the importer chooses one).
 */
export function flowFileText(
  doc: FlowDocument,
  registry: NodeTypes,
  connectionName: (id: string) => string | null,
): string {
  const nodes = [...doc.nodes]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((n) => {
      const config: Record<string, unknown> = { ...n.config };
      for (const f of fieldsWith(registry, n.type, 'connection')) {
        const v = config[f];
        if (typeof v === 'string' && v !== '' && !v.startsWith(SLOT_PREFIX)) config[f] = connectionName(v) ?? '';
      }
      // Secrets belong to connections; a secret typed into a node's form stays in this Weft.
      for (const f of fieldsWith(registry, n.type, 'password')) if (f in config) config[f] = '';
      return {
        id: n.id,
        type: n.type,
        version: n.version,
        ...(n.title !== undefined ? { title: n.title } : {}),
        position: { x: n.position.x, y: n.position.y },
        config: sortKeys(config),
      };
    });
  const edgeKey = (e: { from: string; to: string }) => `${e.from} ${e.to}`;
  const edges = [...doc.edges]
    .sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : edgeKey(a) > edgeKey(b) ? 1 : 0))
    .map((e) => ({ from: e.from, to: e.to }));
  const file = {
    schema: doc.schema,
    name: doc.name,
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    nodes,
    edges,
    settings: sortKeys(doc.settings),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type FlowFileResult = { ok: true; document: FlowDocument } | { ok: false; problems: Problem[] };

/**
 * A file's text as a flow document for this workspace: each connection name becomes the
 * id `connectionId` gives (a `@kind` slot is left for the workspace to bind). Every
 * problem is reported, each naming its node and field; any problem refuses the whole file.
 */
export function readFlowFile(
  text: string,
  registry: NodeTypes,
  connectionId: (name: string, kind: string | undefined) => string | null,
): FlowFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [{ message: `The file is not a flow file: it is not valid JSON (${why}).` }] };
  }
  const shape = FlowDocument.safeParse(json);
  if (!shape.success) return { ok: false, problems: validateFlow(json, registry).problems };
  const problems: Problem[] = [];
  const nodes = shape.data.nodes.map((n): FlowNode => {
    const def = registry.get(n.type);
    const config: Record<string, unknown> = { ...n.config };
    for (const f of fieldsWith(registry, n.type, 'connection')) {
      const v = config[f];
      if (typeof v !== 'string' || v === '' || v.startsWith(SLOT_PREFIX)) continue;
      const kind = def?.ui.fields?.[f]?.connectionKind;
      const id = connectionId(v, kind);
      if (id) config[f] = id;
      else
        problems.push({
          nodeId: n.id,
          path: `config.${f}`,
          message:
            `Node "${n.id}" (${def?.title ?? n.type}): there is no connection named "${v}" in this workspace at ` +
            `config.${f}. Add it under Connections, or put the name of one you have in the file.`,
        });
    }
    return { ...n, config };
  });
  const document = { ...shape.data, nodes };
  const v = validateFlow(document, registry);
  problems.push(...v.problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, document };
}

/** Object keys sorted at every depth (arrays keep their order: it means something). */
function sortKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortKeys) as T;
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => [k, sortKeys(o[k])]),
  ) as T;
}
