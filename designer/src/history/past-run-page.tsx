// A past run on the canvas at #/flows/<id>/runs/<runId> (issue 16): the version that
// run ran (its document, exactly as the run store kept it) with that run's counters
// on the nodes. Read-only: nothing here changes the flow; failed counts open the
// run's failed records as in the editor.
import { useCallback, useMemo, useReducer, useState, type Dispatch } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { api } from '../api/trpc-client';
import { draftReducer, initDraft, type DraftAction } from '../lib/draft-state';
import { buildNodeViews } from '../lib/node-view';
import { formatTime, RUN_STATUS_LABELS } from '../lib/run-status';
import { registry } from '../registry';
import { useAsync } from '../ui/use-async';
import { EditorActionsContext, NodeViewsContext, type EditorActions } from '../editor/editor-context';
import { FailuresPanel } from '../editor/failures-panel';
import { FlowCanvas } from '../editor/flow-canvas';
import type { PastRun } from './history-types';
import './history.css';

export function PastRunPage({ flowId, runId }: { flowId: string; runId: string }) {
  const past = useAsync(() => api.history.pastRun.query({ runId }), runId, 'open the run');
  const back = `#/flows/${encodeURIComponent(flowId)}/runs`;
  if (!past.data)
    return (
      <main className="centered" role={past.error ? 'alert' : undefined}>
        <p className={past.error ? '' : 'muted'}>{past.error ?? 'Opening the run…'}</p>
        {past.error && (
          <a className="button" href={back}>
            Back to the run history
          </a>
        )}
      </main>
    );
  return (
    <ReactFlowProvider>
      <PastRunCanvas flowId={flowId} past={past.data} back={back} />
    </ReactFlowProvider>
  );
}

/** Moving and selecting nodes is allowed (to look closer); adding, connecting and deleting are not. */
function readOnly(dispatch: Dispatch<DraftAction>): Dispatch<DraftAction> {
  return (a) => {
    if (a.kind === 'nodes-changed') dispatch({ ...a, changes: a.changes.filter((c) => c.type !== 'remove') });
    else if (a.kind === 'edges-changed') dispatch({ ...a, changes: a.changes.filter((c) => c.type !== 'remove') });
    else if (a.kind === 'select') dispatch(a);
  };
}

function PastRunCanvas({ flowId, past, back }: { flowId: string; past: PastRun; back: string }) {
  const [draft, dispatch] = useReducer(draftReducer, past.document, initDraft);
  const [failuresAt, setFailuresAt] = useState<string | null>(null);
  const guarded = useCallback<Dispatch<DraftAction>>((a) => readOnly(dispatch)(a), []);
  const views = useMemo(() => buildNodeViews(draft.doc, registry, past.run, []), [draft.doc, past.run]);
  const actions = useMemo<EditorActions>(() => ({ openFailures: setFailuresAt }), []);
  const run = past.run;
  const read = run.nodes.filter((n) => n.type && views.get(n.id)?.category === 'source').reduce((a, n) => a + n.in, 0);
  return (
    <NodeViewsContext.Provider value={views}>
      <EditorActionsContext.Provider value={actions}>
        <div className="editor past-run">
          <div className="past-run-bar" role="status" data-testid="past-run-bar">
            <a className="brand" href="#/">
              Weft
            </a>
            <strong>{past.document.name}</strong>
            <span>
              Run of {formatTime(run.startedAt ?? run.queuedAt)} ·{' '}
              {past.version === null ? 'the draft of that time' : `version ${past.version}`} ·{' '}
              <span className={`pill run-${run.status}`}>{RUN_STATUS_LABELS[run.status]}</span> · read {read}
            </span>
            <span className="muted small">A past run, as it ran: nothing here changes the flow.</span>
            <span className="past-run-links">
              <a className="button small" href={back} data-testid="back-to-history">
                Back to the run history
              </a>
              <a className="button small" href={`#/flows/${encodeURIComponent(flowId)}`}>
                Open the flow
              </a>
            </span>
          </div>
          <main className="canvas-column" aria-label="The run on the canvas">
            <FlowCanvas draft={draft} dispatch={guarded} />
            {failuresAt && (
              <FailuresPanel
                runId={run.runId}
                nodeId={failuresAt}
                nodeTitle={views.get(failuresAt)?.title ?? failuresAt}
                onClose={() => setFailuresAt(null)}
              />
            )}
          </main>
        </div>
      </EditorActionsContext.Provider>
    </NodeViewsContext.Provider>
  );
}
