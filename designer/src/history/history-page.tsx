// A flow's run history at #/flows/<id>/runs (issue 16, operators): the chart of
// records and failures per run, the runs newest first paged by the server (keyset
// on the start time), and the picked run's log; any run opens on the canvas.
import { PageHeader } from '../ui/page-header';
import { useState } from 'react';
import { api } from '../api/trpc-client';
import { formatDuration, formatTime, RUN_STATUS_LABELS } from '../lib/run-status';
import { useAsync } from '../ui/use-async';
import type { HistoryRun } from './history-types';
import { RunChart } from './run-chart';
import { RunLogPanel } from './run-log-panel';
import './history.css';

const PAGE = 15;
type Cursor = { at: string; runId: string } | null;

const TRIGGER_WORDS: Record<HistoryRun['trigger'], string> = {
  schedule: 'Schedule',
  operator: 'Operator',
  utility: 'Utility',
};

// A dry run writes nothing (issue 14): marked in the table so its counts are never read as real writes.
function DryRunPill() {
  return (
    <span className="pill dry-run-pill" title="Read and decided, wrote nothing">
      Dry run
    </span>
  );
}

export function HistoryPage({ flowId }: { flowId: string }) {
  const flow = useAsync(() => api.flows.get.query({ id: flowId }), flowId, 'open the flow');
  const chart = useAsync(() => api.history.chart.query({ flowId, limit: 60 }), flowId, 'load the chart');
  // The cursors of the pages before this one, to go back to newer runs.
  const [cursors, setCursors] = useState<Cursor[]>([null]);
  const before = cursors.at(-1)!;
  const page = useAsync(
    () => api.history.runs.query({ flowId, limit: PAGE, before }),
    `${flowId}:${before?.runId ?? ''}`,
    'load the runs',
  );
  const [picked, setPicked] = useState<string | null>(null);
  const runs = page.data?.runs ?? [];
  const current = picked ?? runs[0]?.runId ?? null;
  const run = runs.find((r) => r.runId === current);
  const flowHref = `#/flows/${encodeURIComponent(flowId)}`;
  const [slice, setSlice] = useState('');
  const logRun = run && run.slices.length ? (run.slices.includes(slice) ? slice : run.slices[0]) : (run?.runId ?? '');

  return (
    <div className="home">
      <PageHeader tag="Run history" />
      <main className="history-main">
        <div className="history-title">
          <h1>{flow.data?.name ?? flowId}</h1>
          <a className="button small" href={flowHref}>
            Open in the editor
          </a>
        </div>
        {(flow.error || page.error) && <p className="error-text">{flow.error ?? page.error}</p>}
        <section className="panel">
          <h2 className="panel-title">Records per run</h2>
          {chart.data && <RunChart points={chart.data} selected={current} onPick={setPicked} />}
        </section>
        <div className="history-columns">
          <section className="panel" aria-label="Runs">
            <table className="table history-table" data-testid="history-table">
              <thead>
                <tr>
                  <th>Started</th>
                  <th>Result</th>
                  <th>Read</th>
                  <th>Written</th>
                  <th>Failed</th>
                  <th>Took</th>
                  <th>Version</th>
                  <th>By</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr
                    key={r.runId}
                    className={r.runId === current ? 'picked' : ''}
                    onClick={() => setPicked(r.runId)}
                    data-testid={`history-run-${r.runId}`}
                  >
                    <td>
                      <button type="button" className="linkish" onClick={() => setPicked(r.runId)}>
                        {formatTime(r.startedAt)}
                      </button>
                    </td>
                    <td>
                      <span className={`pill run-${r.status}`}>
                        {RUN_STATUS_LABELS[r.status as keyof typeof RUN_STATUS_LABELS] ?? r.status}
                      </span>
                      {r.dryRun && <DryRunPill />}
                    </td>
                    <td>{r.read}</td>
                    <td>
                      {r.dryRun ? (
                        <span className="muted" title="A dry run writes nothing: what a real run would have written">
                          would {r.created + r.updated}
                        </span>
                      ) : (
                        r.created + r.updated
                      )}
                    </td>
                    <td className={r.failed ? 'monitor-failed' : ''}>{r.failed}</td>
                    <td>{r.durationMs === null ? '…' : formatDuration(r.durationMs)}</td>
                    <td>{r.version === null ? 'draft' : `v${r.version}`}</td>
                    <td>
                      {TRIGGER_WORDS[r.trigger]}
                      {r.utilityKind ? ` (${r.utilityKind})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {page.data && runs.length === 0 && <p className="muted">This flow has not run yet.</p>}
            <div className="history-pager">
              <button
                type="button"
                className="button small"
                disabled={cursors.length === 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
                data-testid="history-newer"
              >
                ← Newer
              </button>
              <span className="muted small">Page {cursors.length}</span>
              <button
                type="button"
                className="button small"
                disabled={!page.data?.next}
                onClick={() => page.data?.next && setCursors((c) => [...c, page.data!.next])}
                data-testid="history-older"
              >
                Older →
              </button>
            </div>
          </section>
          {run && (
            <section className="panel history-run" aria-label="The run picked" data-testid="history-run">
              <div className="history-run-head">
                <h2 className="panel-title">
                  {run.dryRun ? 'Dry run' : 'Run'} of {formatTime(run.startedAt)}
                </h2>
                <a className="button small primary" href={`${flowHref}/runs/${run.runId}`} data-testid="show-on-canvas">
                  Show on the canvas
                </a>
              </div>
              {run.dryRun && (
                <p className="muted small" data-testid="history-dry-note">
                  A dry run read and decided but wrote nothing: its written counts are what a real run would have
                  written.
                </p>
              )}
              {run.error && <p className="error-text small">{run.error}</p>}
              {run.slices.length > 0 && (
                <label className="small">
                  A split bulk load keeps a log per slice:{' '}
                  <select value={logRun} onChange={(e) => setSlice(e.target.value)} data-testid="log-slice">
                    {run.slices.map((id, i) => (
                      <option key={id} value={id}>
                        Slice {i + 1} of {run.slices.length}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <RunLogPanel key={logRun} runId={logRun} nodeIds={flow.data?.draft.nodes.map((n) => n.id) ?? []} />
            </section>
          )}
        </div>
      </main>
    </div>
  );
}
