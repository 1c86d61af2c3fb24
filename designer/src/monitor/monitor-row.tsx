// One flow on the monitor: state in the seed's colours, what it touches, its
// schedule and Query Starts, its last run, next run and live rate, and the
// operator's buttons.
import { describeSchedule } from '../lib/settings-form';
import { formatTime, RUN_STATUS_LABELS } from '../lib/run-status';
import type { MonitorRow } from './use-monitor';

export const STATE_WORDS: Record<MonitorRow['state'], string> = {
  RUNNING: 'Running',
  STARTED: 'Started, waiting for its next run',
  STOPPING: 'Stopping after this run',
  STOPPED: 'Stopped',
  PAUSED: 'Paused',
};

function objectName(type: string): string {
  const [system, object] = type.split('.');
  const short = { creatio: 'Creatio', 'quickbooks-online': 'QBO', 'quickbooks-desktop': 'QBD' }[system] ?? system;
  return `${short} ${object}`;
}

interface Props {
  row: MonitorRow;
  busy: boolean;
  canOperate: boolean;
  onState(state: 'started' | 'stopped'): void;
  onRunNow(): void;
  /** Issue 16: Query Starts edited, catch-up started, from the row. */
  onEditQueryStarts(): void;
  onCatchUp(): void;
}

export function MonitorRowView({ row, busy, canOperate, onState, onRunNow, onEditQueryStarts, onCatchUp }: Props) {
  const last = row.lastRun;
  const why = row.state === 'PAUSED' ? row.pauseReason : row.state === 'STOPPED' ? row.stopReason : null;
  return (
    <tr data-testid={`monitor-row-${row.flowId}`}>
      <td>
        <span
          className={`pill mstate mstate-${row.state.toLowerCase()}`}
          title={STATE_WORDS[row.state]}
          data-testid="monitor-state"
        >
          {row.state}
        </span>
      </td>
      <td>
        <a href={`#/flows/${encodeURIComponent(row.flowId)}`} className="monitor-flow">
          {row.name}
        </a>
        <div className="muted small">{row.objects.map(objectName).join(' · ')}</div>
        {why && (
          <div className="monitor-why" data-testid="monitor-why">
            {why}
            {row.stoppedBy && (
              <>
                {' '}
                Record <strong>{row.stoppedBy.recordKey}</strong> at {row.stoppedBy.nodeId}: {row.stoppedBy.message}
              </>
            )}
          </div>
        )}
      </td>
      <td className="small">{row.companyFiles.map((c) => c.name).join(', ')}</td>
      <td className="small">{row.published ? describeSchedule(row.schedule) : 'Not published'}</td>
      <td className="small">
        {row.queryStarts.length === 0
          ? '—'
          : row.queryStarts.map((q) => (
              <div key={q.nodeId}>{q.value ? formatTime(q.value.split('|')[0]) : 'from the start'}</div>
            ))}
        {canOperate && row.queryStarts.length > 0 && (
          <button type="button" className="linkish small" onClick={onEditQueryStarts} data-testid="edit-query-starts">
            Edit
          </button>
        )}
      </td>
      <td className="small" data-testid="monitor-last-run">
        {last ? (
          <>
            <span className={`pill run-${last.status}`}>
              {RUN_STATUS_LABELS[last.status as keyof typeof RUN_STATUS_LABELS] ?? last.status}
            </span>{' '}
            {formatTime(last.finishedAt ?? last.startedAt)}
            <div className="muted">
              read {last.read} · created {last.created} · updated {last.updated}
              {last.failed > 0 && <span className="monitor-failed"> · failed {last.failed}</span>}
            </div>
          </>
        ) : (
          'Never ran'
        )}
      </td>
      <td className="small">{formatTime(row.nextRunAt)}</td>
      <td className="small" data-testid="monitor-rate">
        {row.recordsPerSecond !== null ? `${row.recordsPerSecond} rec/s` : '—'}
      </td>
      <td className="monitor-actions">
        {canOperate &&
          (row.state === 'STOPPED' ? (
            <button
              type="button"
              className="button small"
              disabled={busy || !row.published}
              onClick={() => onState('started')}
              title={row.published ? '' : 'Publish the flow first'}
            >
              Start
            </button>
          ) : (
            <button
              type="button"
              className="button small"
              disabled={busy || row.state === 'STOPPING'}
              onClick={() => onState('stopped')}
            >
              Stop
            </button>
          ))}
        {canOperate && (
          <button type="button" className="button small" disabled={busy || row.state === 'RUNNING'} onClick={onRunNow}>
            Run now
          </button>
        )}
        {canOperate && row.published && (row.state === 'STOPPED' || row.state === 'STARTED') && (
          <button type="button" className="button small" disabled={busy} onClick={onCatchUp} data-testid="catch-up">
            Catch up
          </button>
        )}
        <a className="button small" href={`#/flows/${encodeURIComponent(row.flowId)}/runs`} data-testid="open-history">
          History
        </a>
      </td>
    </tr>
  );
}
