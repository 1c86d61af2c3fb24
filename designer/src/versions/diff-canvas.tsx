// Two versions of a flow on one read-only canvas (issue 14): the newer one's nodes,
// added ones outlined green, changed ones amber, moved ones blue (with a blue ghost
// where they stood), and the nodes the newer one removed ghosted in red where they were. Connections added are green,
// removed ones red and dashed.
import { memo } from 'react';
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  ReactFlowProvider,
  type Edge,
  type Node,
  type NodeProps,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { FlowDocument } from '../../../flow/flow-document';
import { splitPortRef } from '../../../flow/flow-document';
import type { FlowDiff, NodeChangeKind } from '../../../flow/flow-diff';
import { registry } from '../registry';

/** `was`: where a moved node stood before, ghosted. */
type DiffNodeData = { title: string; typeTitle: string; status: NodeChangeKind | 'same' | 'was'; count: number };
type DiffNode = Node<DiffNodeData, 'diff'>;

const STATUS_WORDS: Record<DiffNodeData['status'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  moved: 'Moved',
  same: '',
  was: 'Was here',
};

const DiffNodeCard = memo(function DiffNodeCard({ data }: NodeProps<DiffNode>) {
  return (
    <div className={`diff-node diff-${data.status}`} data-testid="diff-node" data-status={data.status}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="diff-node-title">{data.title}</div>
      <div className="diff-node-type">{data.typeTitle}</div>
      {data.status !== 'same' && (
        <div className="diff-node-badge">
          {STATUS_WORDS[data.status]}
          {data.count > 1 && data.status !== 'was' ? ` · ${data.count} changes` : ''}
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

// Module level: React Flow re-mounts every node when this object changes.
const nodeTypes: NodeTypes = { diff: DiffNodeCard };

function toNodes(before: FlowDocument, after: FlowDocument, diff: FlowDiff): DiffNode[] {
  const counts = new Map<string, number>();
  for (const c of diff.changes) if (c.nodeId) counts.set(c.nodeId, (counts.get(c.nodeId) ?? 0) + 1);
  const card = (n: FlowDocument['nodes'][number], status: DiffNodeData['status']): DiffNode => ({
    id: n.id,
    type: 'diff',
    position: n.position,
    draggable: false,
    selectable: false,
    data: {
      title: n.title ?? n.id,
      typeTitle: registry.get(n.type)?.title ?? n.type,
      status,
      count: counts.get(n.id) ?? 0,
    },
  });
  const removed = before.nodes.filter((n) => diff.nodes[n.id] === 'removed').map((n) => card(n, 'removed'));
  const moved = new Set(diff.changes.filter((c) => c.kind === 'moved').map((c) => c.nodeId));
  const was = before.nodes.filter((n) => moved.has(n.id)).map((n) => ({ ...card(n, 'was'), id: `${n.id}--was` }));
  return [...was, ...removed, ...after.nodes.map((n) => card(n, diff.nodes[n.id] ?? 'same'))];
}

function toEdges(before: FlowDocument, after: FlowDocument): Edge[] {
  const key = (e: { from: string; to: string }) => `${e.from}->${e.to}`;
  const old = new Set(before.edges.map(key));
  const now = new Set(after.edges.map(key));
  const edge = (e: { from: string; to: string }, cls: string): Edge => ({
    id: key(e),
    source: splitPortRef(e.from).node,
    target: splitPortRef(e.to).node,
    className: cls,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
  });
  return [
    ...after.edges.map((e) => edge(e, old.has(key(e)) ? 'diff-edge-same' : 'diff-edge-added')),
    ...before.edges.filter((e) => !now.has(key(e))).map((e) => edge(e, 'diff-edge-removed')),
  ];
}

export function DiffCanvas(p: { before: FlowDocument; after: FlowDocument; diff: FlowDiff }) {
  return (
    <ReactFlowProvider>
      <div className="diff-canvas" data-testid="diff-canvas">
        <ReactFlow
          nodes={toNodes(p.before, p.after, p.diff)}
          edges={toEdges(p.before, p.after)}
          nodeTypes={nodeTypes}
          nodesConnectable={false}
          nodesDraggable={false}
          elementsSelectable={false}
          fitView
          fitViewOptions={{ padding: 0.05 }}
          minZoom={0.2}
          maxZoom={1.5}
        >
          <Background gap={20} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </ReactFlowProvider>
  );
}
