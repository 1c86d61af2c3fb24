// The editor's draft: the flow document (what is saved) plus React Flow's
// nodes and edges (positions while dragging, selection, measured sizes: view
// state that is never saved). One pure reducer keeps the two in step.
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import type { AnyNodeDefinition } from '../../../nodes/define-node';
import type { FlowDocument, FlowEdge, FlowNode, FlowSettings } from '../../../flow/flow-document';
import { splitPortRef } from '../../../flow/flow-document';
import { nextNodeId } from './node-id';

/** Canvas nodes carry no data: the node component reads its view by id (see node-view.ts). */
export type CanvasNode = Node<Record<string, never>, 'weft'>;
export type CanvasEdge = Edge;

export interface DraftState {
  doc: FlowDocument;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** The document as last loaded or saved, to show the unsaved-changes marker. */
  savedJson: string;
}

export type DraftAction =
  | { kind: 'load'; doc: FlowDocument }
  | { kind: 'saved'; doc: FlowDocument }
  | { kind: 'nodes-changed'; changes: NodeChange<CanvasNode>[] }
  | { kind: 'edges-changed'; changes: EdgeChange<CanvasEdge>[] }
  /** `connections`: the workspace's, so the node starts with the first of each kind it needs. */
  | {
      kind: 'add-node';
      def: AnyNodeDefinition;
      position: { x: number; y: number };
      connections?: { id: string; kind: string }[];
    }
  | { kind: 'add-edge'; edge: FlowEdge }
  | { kind: 'set-config'; nodeId: string; config: Record<string, unknown>; version?: number }
  | { kind: 'set-title'; nodeId: string; title: string }
  | { kind: 'set-name'; name: string }
  | { kind: 'set-settings'; settings: FlowSettings }
  | { kind: 'select'; nodeId: string | null };

const EMPTY = Object.freeze({}) as Record<string, never>;

export function toCanvasNode(n: FlowNode, selected = false): CanvasNode {
  return { id: n.id, type: 'weft', position: { ...n.position }, data: EMPTY, selected };
}

export function edgeId(e: FlowEdge): string {
  return `${e.from}->${e.to}`;
}

export function toCanvasEdge(e: FlowEdge): CanvasEdge {
  const from = splitPortRef(e.from);
  const to = splitPortRef(e.to);
  return { id: edgeId(e), source: from.node, sourceHandle: from.port, target: to.node, targetHandle: to.port };
}

export function initDraft(doc: FlowDocument): DraftState {
  return {
    doc,
    nodes: doc.nodes.map((n) => toCanvasNode(n)),
    edges: doc.edges.map(toCanvasEdge),
    savedJson: JSON.stringify(doc),
  };
}

export function isDirty(s: DraftState): boolean {
  return JSON.stringify(s.doc) !== s.savedJson;
}

export function selectedNodeId(s: DraftState): string | null {
  const sel = s.nodes.filter((n) => n.selected);
  return sel.length === 1 ? sel[0].id : null;
}

export function draftReducer(s: DraftState, a: DraftAction): DraftState {
  switch (a.kind) {
    case 'load':
      return initDraft(a.doc);
    case 'saved':
      return { ...s, savedJson: JSON.stringify(a.doc) };
    case 'nodes-changed':
      return nodesChanged(s, a.changes);
    case 'edges-changed': {
      const edges = applyEdgeChanges(a.changes, s.edges);
      const removed = new Set(a.changes.flatMap((c) => (c.type === 'remove' ? [c.id] : [])));
      if (removed.size === 0) return { ...s, edges };
      return { ...s, edges, doc: { ...s.doc, edges: s.doc.edges.filter((e) => !removed.has(edgeId(e))) } };
    }
    case 'add-node': {
      const node: FlowNode = {
        id: nextNodeId(a.def.type, s.doc.nodes),
        type: a.def.type,
        version: a.def.version,
        position: { x: Math.round(a.position.x), y: Math.round(a.position.y) },
        config: withConnections(a.def, structuredClone(a.def.defaults) as Record<string, unknown>, a.connections ?? []),
      };
      return {
        ...s,
        doc: { ...s.doc, nodes: [...s.doc.nodes, node] },
        nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), toCanvasNode(node, true)],
      };
    }
    case 'add-edge':
      if (s.doc.edges.some((e) => e.from === a.edge.from && e.to === a.edge.to)) return s;
      return { ...s, doc: { ...s.doc, edges: [...s.doc.edges, a.edge] }, edges: [...s.edges, toCanvasEdge(a.edge)] };
    case 'set-config':
      return mapDocNode(s, a.nodeId, (n) => ({ ...n, config: a.config, version: a.version ?? n.version }));
    case 'set-title':
      return mapDocNode(s, a.nodeId, (n) => {
        const { title: _old, ...rest } = n;
        const title = a.title.slice(0, 80);
        return title.trim() ? { ...rest, title } : rest;
      });
    case 'set-name':
      return { ...s, doc: { ...s.doc, name: a.name } };
    case 'set-settings':
      return { ...s, doc: { ...s.doc, settings: a.settings } };
    case 'select':
      return {
        ...s,
        nodes: s.nodes.map((n) => (!!n.selected === (n.id === a.nodeId) ? n : { ...n, selected: n.id === a.nodeId })),
        edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      };
  }
}

function nodesChanged(s: DraftState, changes: NodeChange<CanvasNode>[]): DraftState {
  const nodes = applyNodeChanges(changes, s.nodes);
  const removed = new Set<string>();
  const moved = new Map<string, { x: number; y: number }>();
  for (const c of changes) {
    if (c.type === 'remove') removed.add(c.id);
    // Positions reach the document when a drag ends, not on every frame.
    if (c.type === 'position' && c.position && !c.dragging)
      moved.set(c.id, { x: Math.round(c.position.x), y: Math.round(c.position.y) });
  }
  if (removed.size === 0 && moved.size === 0) return { ...s, nodes };
  const touches = (ref: string) => removed.has(splitPortRef(ref).node);
  const doc: FlowDocument = {
    ...s.doc,
    nodes: s.doc.nodes
      .filter((n) => !removed.has(n.id))
      .map((n) => (moved.has(n.id) ? { ...n, position: moved.get(n.id)! } : n)),
    edges: s.doc.edges.filter((e) => !touches(e.from) && !touches(e.to)),
  };
  const edges = removed.size ? s.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)) : s.edges;
  return { ...s, doc, nodes, edges };
}

function mapDocNode(s: DraftState, id: string, f: (n: FlowNode) => FlowNode): DraftState {
  return { ...s, doc: { ...s.doc, nodes: s.doc.nodes.map((n) => (n.id === id ? f(n) : n)) } };
}

/**
 * Node definitions name no connection (there is none every Weft has): a node dropped
 * from the palette takes the workspace's first connection of each kind its
 * connection fields ask for, and asks for one in plain words when there is none.
 */
function withConnections(
  def: AnyNodeDefinition,
  config: Record<string, unknown>,
  connections: { id: string; kind: string }[],
): Record<string, unknown> {
  const fields = (def.ui.fields ?? {}) as Record<string, { widget?: string; connectionKind?: string } | undefined>;
  for (const [field, hint] of Object.entries(fields)) {
    if (hint?.widget !== 'connection' || !hint.connectionKind || config[field]) continue;
    const first = connections.find((c) => c.kind === hint.connectionKind);
    if (first) config[field] = first.id;
  }
  return config;
}
