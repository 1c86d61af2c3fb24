// The one canvas edge. Forward (left to right) it is React Flow's curve; when it runs
// back to a step further left — the wrap from one row to the next in the shipped
// templates (issue 14: three steps a row so they fit at 1440x900) — it is drawn as
// right-angled steps through the gap between the rows, instead of a long diagonal
// that swings off the canvas.
import { BaseEdge, getBezierPath, getSmoothStepPath, type EdgeProps } from '@xyflow/react';

export function FlowEdge(p: EdgeProps) {
  const at = {
    sourceX: p.sourceX,
    sourceY: p.sourceY,
    sourcePosition: p.sourcePosition,
    targetX: p.targetX,
    targetY: p.targetY,
    targetPosition: p.targetPosition,
  };
  const [path] = p.targetX < p.sourceX ? getSmoothStepPath({ ...at, borderRadius: 10 }) : getBezierPath(at);
  return (
    <BaseEdge id={p.id} path={path} markerEnd={p.markerEnd} style={p.style} interactionWidth={p.interactionWidth} />
  );
}
