// The one canvas node component, for every node type: it draws what the
// definition says (icon, colour, ports) and the live strip of the latest run.
import { memo } from 'react';
import { Handle, Position, useStore, type NodeProps, type ReactFlowState } from '@xyflow/react';
import type { CanvasNode } from '../lib/draft-state';
import type { NodeView } from '../lib/node-view';
import { NODE_STATE_LABELS } from '../lib/run-status';
import { useEditorActions, useNodeView } from './editor-context';
import { useNodeRate } from './use-throughput';

/**
 * Below this zoom a card's text is under 5 px: it is drawn as its title bar and ports only,
 * so a flow of hundreds of steps opens and pans without drawing thousands of unreadable
 * counters (issue 14). A boolean selector: cards re-render only when the zoom crosses it.
 */
const FAR_ZOOM = 0.35;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

export function FlowNodeCard({ id, selected }: NodeProps<CanvasNode>) {
  const view = useNodeView(id);
  const rate = useNodeRate(id);
  const far = useStore(isFar);
  if (!view) return <div className="node-card">{id}</div>;
  if (far) return <FarCard view={view} selected={!!selected} />;
  return <NodeCardBody view={view} selected={!!selected} rate={rate} />;
}

const FarCard = memo(function FarCard({ view, selected }: { view: NodeView; selected: boolean }) {
  return (
    <div
      className={`node-card far${selected ? ' selected' : ''}${view.problems ? ' has-problems' : ''}`}
      style={{ ['--accent' as string]: view.color }}
      data-testid={`node-${view.id}`}
      data-state={view.live.state}
    >
      <div className="node-head">
        <span className="node-icon" aria-hidden="true">
          {view.icon}
        </span>
        <div className="node-title">{view.title}</div>
      </div>
      {view.inputs.map((p) => (
        <Handle key={p.name} type="target" position={Position.Left} id={p.name} className="port-handle" />
      ))}
      {view.outputs.map((p) => (
        <Handle key={p.name} type="source" position={Position.Right} id={p.name} className="port-handle" />
      ))}
    </div>
  );
});

const NodeCardBody = memo(function NodeCardBody({
  view,
  selected,
  rate,
}: {
  view: NodeView;
  selected: boolean;
  /** Records per second into this node while a run is active (issue 16). */
  rate?: number;
}) {
  const { openFailures } = useEditorActions();
  const { id, live } = view;
  const failedLabel = `${live.failed} failed record${live.failed === 1 ? '' : 's'} at ${view.title}`;
  return (
    <div
      className={`node-card${selected ? ' selected' : ''}${view.problems ? ' has-problems' : ''}${live.dryRun ? ' dry-run' : ''}`}
      style={{ ['--accent' as string]: view.color }}
      data-testid={`node-${id}`}
      data-state={live.state}
    >
      <div className="node-head">
        <span className="node-icon" aria-hidden="true">
          {view.icon}
        </span>
        <div className="node-names">
          <div className="node-title">{view.title}</div>
          <div className="node-type">
            {view.typeLabel} · <code>{id}</code>
          </div>
        </div>
        {view.problems > 0 && (
          <span
            className="node-problems"
            title={`${view.problems} problem${view.problems === 1 ? '' : 's'}: see the inspector`}
            data-testid={`node-${id}-problems`}
          >
            ⚠ {view.problems}
          </span>
        )}
      </div>
      <div className="node-summary" title={view.summary}>
        {view.summary}
      </div>
      <div className="node-ports">
        <div className="ports ports-in">
          {view.inputs.map((p) => (
            <div className="port" key={p.name}>
              <Handle
                type="target"
                position={Position.Left}
                id={p.name}
                className="port-handle"
                data-testid={`handle-${id}-in-${p.name}`}
                aria-label={`Input ${p.label}`}
              />
              <span>{p.label}</span>
            </div>
          ))}
        </div>
        <div className="ports ports-out">
          {view.outputs.map((p) => (
            <div className="port" key={p.name}>
              <span>{p.label}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={p.name}
                className="port-handle"
                data-testid={`handle-${id}-out-${p.name}`}
                aria-label={`Output ${p.label}`}
              />
            </div>
          ))}
        </div>
      </div>
      <div className="node-live" aria-label={live.dryRun ? 'Latest dry run: nothing was written' : 'Latest run'}>
        {live.dryRun && (
          <span
            className="dry-run-badge"
            title="A dry run: these counts are what the run would do"
            data-testid={`node-${id}-dry`}
          >
            DRY RUN
          </span>
        )}
        <span className={`node-state state-${live.state}`} data-testid={`node-${id}-state`}>
          {NODE_STATE_LABELS[live.state]}
        </span>
        <span className="counter" title="Records in">
          in <b data-testid={`node-${id}-in`}>{live.in}</b>
        </span>
        <span className="counter" title="Records out">
          out <b data-testid={`node-${id}-out`}>{live.out}</b>
        </span>
        {live.open > 0 && (
          <button
            type="button"
            className="counter-open nodrag"
            onClick={() => openFailures(id)}
            aria-label={`Show ${live.open} open failed record${live.open === 1 ? '' : 's'} at ${view.title}`}
            title="Failed records still open here, across runs: fix, retry or ignore them"
            data-testid={`node-${id}-open`}
          >
            {live.open} open
          </button>
        )}
        {live.failed > 0 ? (
          <button
            type="button"
            className="counter counter-failed nodrag"
            onClick={() => openFailures(id)}
            aria-label={`Show ${failedLabel}`}
            title="Show the failed records"
          >
            failed <b data-testid={`node-${id}-failed`}>{live.failed}</b>
          </button>
        ) : (
          <span className="counter" title="Failed records">
            failed <b data-testid={`node-${id}-failed`}>0</b>
          </span>
        )}
        {!!live.review && (
          <a
            className="counter counter-review nodrag"
            href="#/review"
            title="Records waiting for support to choose their match"
            data-testid={`node-${id}-review`}
          >
            in review <b>{live.review}</b>
          </a>
        )}
      </div>
      {rate !== undefined && (
        <div
          className="node-rate"
          title="Records per second into this step, over the last seconds"
          data-testid={`node-${id}-rate`}
        >
          {rate} rec/s
        </div>
      )}
      {view.category === 'sink' && view.hasRun && <Writes id={id} live={live} />}
      {live.status && (
        <div className="node-status" role="status" data-testid={`node-${id}-status`}>
          {live.status}
        </div>
      )}
      {view.category === 'source' && (
        <div
          className="node-watermark"
          title="Query starts: the point the next run reads from"
          data-testid={`node-${id}-watermark`}
        >
          Query starts: {live.watermark ? formatWatermark(live.watermark) : 'from the beginning'}
        </div>
      )}
    </div>
  );
});

/** What a sink wrote in the latest run, or would have written in a dry run (issue 14). */
function Writes({ id, live }: { id: string; live: NodeView['live'] }) {
  const [create, update, skip] = live.dryRun
    ? ['would create', 'would update', 'would skip']
    : ['created', 'updated', 'skipped'];
  return (
    <div className={`node-writes${live.dryRun ? ' node-writes-dry' : ''}`} data-testid={`node-${id}-writes`}>
      <span className="counter">
        {create} <b data-testid={`node-${id}-created`}>{live.created}</b>
      </span>
      <span className="counter">
        {update} <b data-testid={`node-${id}-updated`}>{live.updated}</b>
      </span>
      <span className="counter">
        {skip} <b data-testid={`node-${id}-skipped`}>{live.skipped}</b>
      </span>
    </div>
  );
}

/** `2026-01-05T09:00:00.0000000Z|<id>` → `2026-01-05 09:00:00 UTC`. */
function formatWatermark(w: string): string {
  const at = w.split('|')[0];
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)/.exec(at);
  return m ? `${m[1]} ${m[2]} UTC` : w;
}
