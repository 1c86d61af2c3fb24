import type { FlowSummary } from '../api/api-types';
import { routeHref } from '../lib/hash-route';
import { formatTime, RUN_STATUS_LABELS } from '../lib/run-status';
import { describeSchedule } from '../lib/settings-form';
import type { AsyncState } from '../ui/use-async';

export function FlowList({
  state,
  onDelete,
}: {
  state: AsyncState<FlowSummary[]>;
  /** Asks to delete a flow (issue 14); the page confirms it by name. */
  onDelete?: (flow: FlowSummary) => void;
}) {
  if (state.error)
    return (
      <p role="alert" className="error-text">
        {state.error}
      </p>
    );
  if (state.loading && !state.data) return <p className="muted">Loading flows…</p>;
  const flows = state.data ?? [];
  if (flows.length === 0) return <p className="muted">No flows yet. Start from a template below.</p>;
  return (
    <table className="table" data-testid="flow-list">
      <thead>
        <tr>
          <th scope="col">Flow</th>
          <th scope="col">Schedule state</th>
          <th scope="col">Schedule</th>
          <th scope="col">Last run</th>
          <th scope="col">Next run</th>
          {onDelete && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {flows.map((f) => (
          <tr key={f.id}>
            <td>
              <a href={routeHref({ page: 'flow', flowId: f.id })} data-testid={`open-flow-${f.id}`}>
                {f.name}
              </a>
              <div className="muted small">
                {f.publishedVersion ? `Published v${f.publishedVersion}` : 'Not published yet'}
              </div>
              {f.templateUpdate && (
                <a
                  className="update-available"
                  href={routeHref({ page: 'template-update', flowId: f.id })}
                  data-testid={`update-available-${f.id}`}
                >
                  Update available: version {f.templateUpdate.version}
                  {f.templateUpdate.releaseNote ? ` — ${f.templateUpdate.releaseNote}` : ''}
                </a>
              )}
            </td>
            <td>
              <span className={`pill state-${f.state}`}>{f.state === 'started' ? 'Started' : 'Stopped'}</span>
            </td>
            <td>{describeSchedule(f.schedule)}</td>
            <td>
              {f.lastRun ? (
                <>
                  <span className={`pill run-${f.lastRun.status}`}>{RUN_STATUS_LABELS[f.lastRun.status]}</span>{' '}
                  {f.lastRun.dryRun && (
                    <span
                      className="dry-run-badge small"
                      title="A dry run: nothing was written"
                      data-testid={`flow-dry-run-${f.id}`}
                    >
                      dry run
                    </span>
                  )}{' '}
                  <span className="muted small">
                    {formatTime(f.lastRun.finishedAt ?? f.lastRun.startedAt ?? f.lastRun.queuedAt)}
                  </span>
                </>
              ) : (
                <span className="muted">Never run</span>
              )}
            </td>
            <td>{f.state === 'started' ? formatTime(f.nextRunAt) : <span className="muted">—</span>}</td>
            {onDelete && (
              <td>
                <button
                  type="button"
                  className="button small"
                  onClick={() => onDelete(f)}
                  aria-label={`Delete ${f.name}`}
                  data-testid={`delete-flow-${f.id}`}
                >
                  Delete…
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
