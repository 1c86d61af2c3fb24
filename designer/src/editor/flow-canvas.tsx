// The canvas. Every connection the user draws is asked of canConnect (the
// same rules the server applies on save); a wrong one is refused with the
// reason and never added.
import { useCallback, useRef, type Dispatch, type DragEvent } from 'react';
import {
  Background,
  useStore,
  Controls,
  MarkerType,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { canConnect } from '../../../flow/can-connect';
import type { CanvasEdge, CanvasNode, DraftAction, DraftState } from '../lib/draft-state';
import { registry } from '../registry';
import { useToast } from '../ui/toast';
import { FlowEdge } from './flow-edge';
import { FlowNodeCard } from './flow-node-card';
import { DRAG_TYPE } from './palette';

// Module level: React Flow re-mounts every node when this object changes.
const nodeTypes: NodeTypes = { weft: FlowNodeCard };
/**
 * Steps outside the view are left undrawn only past this many: measured on a 500-step flow in
 * headless Chromium, drawing them all reached the finished canvas sooner (1.8 s against 4–6 s)
 * than culling, which re-measures and re-renders as the view settles (issue 14).
 */
const CULL_ABOVE = 1000;

/**
 * The dotted background, left out when zoomed far out: its dots would be a few pixels apart,
 * noise to the eye, and repainting that dense pattern was a large part of each panned frame.
 */
function CanvasDots() {
  const far = useStore((s) => s.transform[2] < 0.5);
  return far ? null : <Background gap={20} />;
}

const edgeTypes: EdgeTypes = { weft: FlowEdge };
const defaultEdgeOptions = { type: 'weft', markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
const DELETE_KEYS = ['Backspace', 'Delete'];
/** Where the cursor lands on a dropped node: near its top-left, so it appears under the pointer. */
const DROP_OFFSET = { x: 40, y: 24 };

/**
 * Fit view never zooms out past this: the smallest text on a node card is 12 px (styles.css), so
 * at the zoom fit view chooses nothing reads under 11 px (issue 14). At 1440x900 every shipped
 * template (three steps a row) fits at or above it; a larger flow opens at this zoom, to be panned.
 */
export const FIT_MIN_ZOOM = 11 / 12;
// Padding leaves room for an edge wrapping to the next row (flow-edge.tsx), which runs beside the steps.
const fitViewOptions = { padding: 0.12, minZoom: FIT_MIN_ZOOM, maxZoom: 1.25 };

export function FlowCanvas({
  draft,
  dispatch,
  dryRun = false,
}: {
  draft: DraftState;
  dispatch: Dispatch<DraftAction>;
  /** The counters on the nodes come from a dry run: say so over the canvas. */
  dryRun?: boolean;
}) {
  const toast = useToast();
  const { screenToFlowPosition } = useReactFlow();
  const docRef = useRef(draft.doc);
  docRef.current = draft.doc;

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => dispatch({ kind: 'nodes-changed', changes }),
    [dispatch],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => dispatch({ kind: 'edges-changed', changes }),
    [dispatch],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      const edge = { from: `${c.source}:${c.sourceHandle}`, to: `${c.target}:${c.targetHandle}` };
      const verdict = canConnect(docRef.current, edge, registry);
      if (!verdict.ok) {
        toast(`Not connected. ${verdict.reason}`, 'error');
        return;
      }
      dispatch({ kind: 'add-edge', edge });
    },
    [dispatch, toast],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_TYPE);
      const def = type ? registry.get(type) : undefined;
      if (!def) return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      dispatch({ kind: 'add-node', def, position: { x: at.x - DROP_OFFSET.x, y: at.y - DROP_OFFSET.y } });
    },
    [dispatch, screenToFlowPosition],
  );

  return (
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      {dryRun && (
        <div className="canvas-banner" role="status" data-testid="dry-run-banner">
          DRY RUN — nothing was written. The counters show what the run would do.
        </div>
      )}
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={draft.nodes}
        edges={draft.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        defaultEdgeOptions={defaultEdgeOptions}
        deleteKeyCode={DELETE_KEYS}
        onlyRenderVisibleElements={draft.nodes.length > CULL_ABOVE}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.2}
        maxZoom={2}
        ariaLabelConfig={{
          'node.a11yDescription.default': 'Press Enter or Space to select a step; Delete removes it.',
        }}
      >
        <CanvasDots />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
