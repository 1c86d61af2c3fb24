// validateFlow: the one check every flow passes, used by the designer (live),
// the server (on save and publish) and the engine (before a run). It returns a
// list of problems naming the node, never throws for a user's mistake.
import type { z } from 'zod';
import { outputPorts, type NodeTypeInfo, type NodeTypes, type RecordType } from './node-types';
import { FlowDocument, splitPortRef, type FlowEdge, type FlowNode } from './flow-document';
import { acceptedType, describeRecordType, emittedType, typesCompatible } from './record-types';
import { topoOrder } from './topo-order';
import { scheduleProblems } from './schedule-times';

export interface Problem {
  /** The node the problem is about, when there is one. */
  nodeId?: string;
  /** The edge the problem is about, as `from → to`. */
  edge?: string;
  /** Where inside the document or the node's config, e.g. `config.rules.0.field`. */
  path?: string;
  message: string;
}

/** D: the definitions' full type (the engine's `NodeTypeInfo`, with `process` and `read`). */
export interface ValidFlow<D extends NodeTypeInfo = NodeTypeInfo> {
  doc: FlowDocument;
  /** Each node's config parsed (defaults applied) and migrated to its definition's version. */
  configs: Map<string, unknown>;
  definitions: Map<string, D>;
  /** Record type carried by each `node:port` output. */
  outputTypes: Map<string, RecordType>;
  /** Node ids in topological order (ties by id). */
  order: string[];
}

export type Validation<D extends NodeTypeInfo = NodeTypeInfo> =
  { ok: true; flow: ValidFlow<D>; problems: [] } | { ok: false; problems: Problem[] };

export function validateFlow<D extends NodeTypeInfo>(input: unknown, registry: NodeTypes<D>): Validation<D> {
  const parsed = FlowDocument.safeParse(input);
  if (!parsed.success) return { ok: false, problems: documentProblems(input, parsed.error) };
  const doc = parsed.data;
  const problems: Problem[] = [];
  const configs = new Map<string, unknown>();
  const definitions = new Map<string, D>();

  const seen = new Set<string>();
  for (const node of doc.nodes) {
    if (seen.has(node.id))
      problems.push({ nodeId: node.id, message: `Two nodes have the id "${node.id}"; ids must be unique.` });
    seen.add(node.id);
    const def = registry.get(node.type);
    if (!def) {
      problems.push({
        nodeId: node.id,
        message: `Node "${node.id}" has the type "${node.type}", which this version of Weft does not know.`,
      });
      continue;
    }
    definitions.set(node.id, def);
    const config = checkConfig(node, def, problems);
    if (config !== undefined) configs.set(node.id, config);
  }

  const edges = checkEdges(doc.edges, doc.nodes, definitions, problems);
  const { order, cyclic } = topoOrder(
    doc.nodes.map((n) => n.id),
    edges.map((e) => ({ from: e.from.node, to: e.to.node })),
  );
  if (cyclic.length > 0) {
    problems.push({
      nodeId: cyclic[0],
      message: `These nodes form a loop: ${cyclic.join(', ')}. Records must flow one way; remove one of the connections.`,
    });
  }

  checkInputsAndSources(doc.nodes, edges, definitions, problems);
  // A cron expression or time zone the scheduler cannot use is refused here, not at Start.
  problems.push(...scheduleProblems(doc.settings));
  // Types are checked even when other problems exist (an unconnected input while the
  // analyst is still drawing), so a wrong connection is refused at once.
  const outputTypes =
    cyclic.length === 0 ? checkTypes(order, edges, definitions, configs, problems) : new Map<string, RecordType>();
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, flow: { doc, configs, definitions, outputTypes, order }, problems: [] };
}

function checkConfig(node: FlowNode, def: NodeTypeInfo, problems: Problem[]): unknown {
  let raw: unknown = node.config;
  if (node.version > def.version) {
    problems.push({
      nodeId: node.id,
      message: `Node "${node.id}" was saved by a newer Weft (${def.title} v${node.version}; this one knows v${def.version}).`,
    });
    return undefined;
  }
  if (node.version < def.version) {
    if (!def.migrate) {
      problems.push({
        nodeId: node.id,
        message: `Node "${node.id}" uses ${def.title} v${node.version}, which cannot be upgraded to v${def.version}.`,
      });
      return undefined;
    }
    raw = def.migrate(raw, node.version);
  }
  const result = (def.config as z.ZodType).safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = ['config', ...issue.path.map(String)].join('.');
    // A check that names its place in the analyst's words ("Field 8 (PrimaryPhone): …") sets
    // `params.named`: its message is shown as it is, without the config path.
    const named = issue.code === 'custom' && (issue.params as { named?: boolean } | undefined)?.named === true;
    problems.push({
      nodeId: node.id,
      path,
      message: named
        ? `Node "${node.id}" (${def.title}): ${issue.message}`
        : `Node "${node.id}" (${def.title}): ${describeIssue(issue)} at ${path}.`,
    });
  }
  return undefined;
}

interface ResolvedEdge {
  from: { node: string; port: string };
  to: { node: string; port: string };
  label: string;
}

function checkEdges(
  raw: FlowEdge[],
  nodes: FlowNode[],
  defs: Map<string, NodeTypeInfo>,
  problems: Problem[],
): ResolvedEdge[] {
  const ids = new Set(nodes.map((n) => n.id));
  const out: ResolvedEdge[] = [];
  const seen = new Set<string>();
  for (const e of raw) {
    const from = splitPortRef(e.from);
    const to = splitPortRef(e.to);
    const label = `${e.from} → ${e.to}`;
    if (seen.has(label)) {
      problems.push({ edge: label, nodeId: to.node, message: `The connection ${label} appears twice.` });
      continue;
    }
    seen.add(label);
    let ok = true;
    for (const [end, dir] of [
      [from, 'outputs'],
      [to, 'inputs'],
    ] as const) {
      if (!ids.has(end.node)) {
        problems.push({
          edge: label,
          nodeId: end.node,
          message: `The connection ${label} points to a node "${end.node}" that is not in the flow.`,
        });
        ok = false;
        continue;
      }
      const def = defs.get(end.node);
      const config = nodes.find((n) => n.id === end.node)?.config;
      const ports = def && (dir === 'outputs' ? outputPorts(def, config) : def.inputs);
      if (def && ports && !ports.some((p) => p.name === end.port)) {
        const have = ports.map((p) => `"${p.name}"`).join(', ') || 'none';
        const side = dir === 'outputs' ? 'output' : 'input';
        problems.push({
          edge: label,
          nodeId: end.node,
          message: `Node "${end.node}" (${def.title}) has no ${side} "${end.port}" (its ${side}s: ${have}).`,
        });
        ok = false;
      }
    }
    if (from.node === to.node && ids.has(from.node)) {
      problems.push({ edge: label, nodeId: from.node, message: `Node "${from.node}" is connected to itself.` });
      ok = false;
    }
    if (ok) out.push({ from, to, label });
  }
  return out;
}

function checkInputsAndSources(
  nodes: FlowNode[],
  edges: ResolvedEdge[],
  defs: Map<string, NodeTypeInfo>,
  problems: Problem[],
): void {
  if (nodes.length > 0 && ![...defs.values()].some((d) => d.category === 'source')) {
    problems.push({
      message: 'The flow has no source node, so it would never read a record. Add a source from the palette.',
    });
  }
  for (const node of nodes) {
    const def = defs.get(node.id);
    if (!def) continue;
    for (const port of def.inputs) {
      if (!edges.some((e) => e.to.node === node.id && e.to.port === port.name)) {
        problems.push({
          nodeId: node.id,
          message: `Node "${node.id}" (${def.title}) has nothing connected to its input "${port.label}".`,
        });
      }
    }
    // A branch of a router that goes nowhere would drop its records without a word.
    if (!def.outputsFor) continue;
    for (const port of outputPorts(def, node.config)) {
      if (!edges.some((e) => e.from.node === node.id && e.from.port === port.name)) {
        problems.push({
          nodeId: node.id,
          message:
            `Node "${node.id}" (${def.title}): its branch "${port.label}" is connected to nothing, so its ` +
            'records would go nowhere. Connect it to the steps for those records, or remove the branch.',
        });
      }
    }
  }
}

function checkTypes(
  order: string[],
  edges: ResolvedEdge[],
  defs: Map<string, NodeTypeInfo>,
  configs: Map<string, unknown>,
  problems: Problem[],
): Map<string, RecordType> {
  const outputTypes = new Map<string, RecordType>();
  for (const id of order) {
    const def = defs.get(id);
    if (!def) continue;
    const config = configs.get(id);
    const inputTypes = new Map<string, RecordType>();
    for (const port of def.inputs) {
      const accepted = acceptedType(def, port, config);
      for (const e of edges.filter((x) => x.to.node === id && x.to.port === port.name)) {
        const sent = outputTypes.get(`${e.from.node}:${e.from.port}`) ?? 'any';
        if (!typesCompatible(sent, accepted)) {
          problems.push({
            nodeId: id,
            edge: e.label,
            message: connectionRefusal(e.from.node, sent, id, def.title, accepted),
          });
        } else if (!inputTypes.has(port.name) || inputTypes.get(port.name) === 'any')
          inputTypes.set(port.name, sent === 'any' ? accepted : sent);
      }
    }
    for (const port of outputPorts(def, config))
      outputTypes.set(`${id}:${port.name}`, emittedType(port, config, inputTypes));
  }
  return outputTypes;
}

export function connectionRefusal(
  fromNode: string,
  sent: RecordType,
  toNode: string,
  toTitle: string,
  accepted: RecordType,
): string {
  const hint =
    sent.split('.')[0] !== accepted.split('.')[0] ? ' Put a Mapping node between them to turn one into the other.' : '';
  return `"${toNode}" (${toTitle}) takes ${describeRecordType(accepted)}, but "${fromNode}" sends ${describeRecordType(sent)}.${hint}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
}

/** Schema errors of the whole document, pinned to a node id when the path goes through nodes[i]. */
function documentProblems(input: unknown, error: z.ZodError): Problem[] {
  const nodes = (input as { nodes?: { id?: unknown }[] } | null)?.nodes;
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    let nodeId: string | undefined;
    if (issue.path[0] === 'nodes' && typeof issue.path[1] === 'number' && Array.isArray(nodes)) {
      const id = nodes[issue.path[1]]?.id;
      if (typeof id === 'string') nodeId = id;
    }
    const where = nodeId ? `Node "${nodeId}": ` : '';
    return { nodeId, path, message: `${where}${describeIssue(issue)}${path ? ` at ${path}` : ''}.` };
  });
}
