// The failed records of one step in the latest run: what failed, why, what
// to do, and the record itself as JSON text (never rendered as HTML: records
// carry the `& " < >` that broke the old service).
import type { FailedRecord } from '../api/api-types';
import { api } from '../api/trpc-client';
import { formatTime } from '../lib/run-status';
import { useAsync } from '../ui/use-async';

interface Props {
  runId: string;
  nodeId: string;
  nodeTitle: string;
  onClose: () => void;
}

export function FailuresPanel({ runId, nodeId, nodeTitle, onClose }: Props) {
  const state = useAsync(
    () => api.runs.failures.query({ runId, nodeId }),
    `${runId}:${nodeId}`,
    'load the failed records',
  );
  const records: FailedRecord[] = state.data ?? [];
  return (
    <section className="bottom-panel failures" aria-labelledby="failures-heading" data-testid="failures-panel">
      <div className="section-head">
        <h2 id="failures-heading" className="panel-title">
          Failed records at {nodeTitle}
          {state.data && ` (${records.length}${records.length === 100 ? '+' : ''})`}
        </h2>
        <div className="row">
          <button type="button" className="button small" onClick={state.reload}>
            Refresh
          </button>
          <button type="button" className="button small" onClick={onClose} aria-label="Close the failed records">
            Close
          </button>
        </div>
      </div>
      {state.error && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
      {state.loading && !state.data && <p className="muted">Loading…</p>}
      {state.data && records.length === 0 && <p className="muted">No failed records here.</p>}
      <ol className="failure-list">
        {records.map((r) => (
          <li key={r.id} className="failure" data-testid="failed-record">
            <div className="failure-head">
              <span className="failure-key">
                Record <code>{r.recordKey}</code>
              </span>
              <span className="muted small">
                {r.failure.code} · {formatTime(r.at)}
              </span>
            </div>
            <p className="failure-message">{r.failure.message}</p>
            <dl className="failure-facts">
              {r.failure.field && (
                <>
                  <dt>Field</dt>
                  <dd>
                    <code>{r.failure.field}</code>
                  </dd>
                </>
              )}
              <dt>What to do</dt>
              <dd>
                {r.failure.action ??
                  (r.failure.connection
                    ? 'Check the connection, then run the flow again.'
                    : 'Correct the record in its source system, then run the flow again.')}
              </dd>
            </dl>
            <details>
              <summary>Record data</summary>
              <pre className="payload">{JSON.stringify(r.record, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
