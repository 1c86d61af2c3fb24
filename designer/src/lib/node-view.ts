// What each canvas node shows: its definition's look, the summary of its
// config, its problems, and the live strip from the latest run snapshot.
// Pure, so the canvas re-renders only the nodes whose view changed.
import type { AnyNodeDefinition, NodeCategory } from '../../../nodes/define-node';
import type { NodeRegistry } from '../../../nodes/registry';
import type { FlowDocument } from '../../../flow/flow-document';
import { outputPorts } from '../../../flow/node-types';
import type { Problem } from '../../../flow/validate-flow';
import type { NodeState, RunSnapshot } from '../api/api-types';

export interface PortView {
  name: string;
  label: string;
}

export interface LiveStrip {
  state: NodeState;
  in: number;
  out: number;
  failed: number;
  /** Failed records still open here across runs (issue 16: the work queue). */
  open: number;
  /** Records parked in the review queue (issue 14); absent when none. */
  review?: number;
  /** What a sink wrote — or, in a dry run (`dryRun`), would have written (issue 14). */
  created: number;
  updated: number;
  skipped: number;
  status: string | null;
  watermark: string | null;
  /** The counts come from a dry run: nothing was written. */
  dryRun: boolean;
}

export interface NodeView {
  id: string;
  type: string;
  title: string;
  typeLabel: string;
  icon: string;
  color: string;
  category: NodeCategory | 'unknown';
  summary: string;
  inputs: PortView[];
  outputs: PortView[];
  problems: number;
  /** Idle zeros when the node has not been in a run yet. */
  live: LiveStrip;
  /** True when `live` comes from a run (not the idle default). */
  hasRun: boolean;
}

export const IDLE: LiveStrip = Object.freeze({
  state: 'idle',
  in: 0,
  out: 0,
  failed: 0,
  open: 0,
  created: 0,
  updated: 0,
  skipped: 0,
  status: null,
  watermark: null,
  dryRun: false,
}) as LiveStrip;

export function liveStrips(snapshot: RunSnapshot | null): Map<string, LiveStrip> {
  const out = new Map<string, LiveStrip>();
  const dryRun = snapshot?.dryRun === true;
  for (const n of snapshot?.nodes ?? []) {
    const strip: LiveStrip = {
      state: n.state,
      in: n.in,
      out: n.out,
      failed: n.failed,
      open: n.open ?? 0,
      created: n.created,
      updated: n.updated,
      skipped: n.skipped,
      status: n.status,
      // A dry run moves no Query Start: the stored one is still where the next run reads from.
      watermark: dryRun ? null : n.watermark,
      dryRun,
    };
    out.set(n.id, n.review ? { ...strip, review: n.review } : strip);
  }
  return out;
}

export function nodeSummary(def: AnyNodeDefinition, config: unknown): string {
  const parsed = def.config.safeParse(config);
  if (!parsed.success) return 'Settings need attention';
  if (!def.ui.summary) return def.description;
  try {
    return def.ui.summary(parsed.data);
  } catch {
    return def.description;
  }
}

/** A run that did not move a source's watermark reports null; the stored one still holds. */
function withStoredWatermark(live: LiveStrip, stored: string | null | undefined): LiveStrip {
  return live.watermark || !stored ? live : { ...live, watermark: stored };
}

const views = new WeakMap<NodeView, string>();

/**
 * One view per node. A view equal to the one in `prev` is returned as that same
 * object, so components selecting it by id skip re-rendering.
 */
export function buildNodeViews(
  doc: Pick<FlowDocument, 'nodes'>,
  registry: NodeRegistry,
  snapshot: RunSnapshot | null,
  problems: readonly Problem[],
  prev?: ReadonlyMap<string, NodeView>,
  /** Watermarks stored for the flow's sources, shown until a run reports newer ones. */
  storedWatermarks?: ReadonlyMap<string, string | null>,
): Map<string, NodeView> {
  const live = liveStrips(snapshot);
  const problemCount = new Map<string, number>();
  for (const p of problems) if (p.nodeId) problemCount.set(p.nodeId, (problemCount.get(p.nodeId) ?? 0) + 1);
  const out = new Map<string, NodeView>();
  for (const node of doc.nodes) {
    const def = registry.get(node.type);
    const strip = live.get(node.id);
    const view: NodeView = {
      id: node.id,
      type: node.type,
      title: node.title || def?.title || node.id,
      typeLabel: def ? def.title : `Unknown type ${node.type}`,
      icon: def?.ui.icon ?? '?',
      color: def?.ui.color ?? '#6b7280',
      category: def?.category ?? 'unknown',
      summary: def ? nodeSummary(def, node.config) : 'This version of Weft does not know this node type.',
      inputs: (def?.inputs ?? []).map((p) => ({ name: p.name, label: p.label })),
      outputs: (def ? outputPorts(def, node.config) : []).map((p) => ({ name: p.name, label: p.label })),
      problems: problemCount.get(node.id) ?? 0,
      live: withStoredWatermark(strip ?? IDLE, storedWatermarks?.get(node.id)),
      hasRun: strip !== undefined,
    };
    const key = JSON.stringify(view);
    const before = prev?.get(node.id);
    if (before && views.get(before) === key) out.set(node.id, before);
    else {
      views.set(view, key);
      out.set(node.id, view);
    }
  }
  return out;
}
