// The flow's name, its unsaved marker, the actions, the schedule switch, and
// the status of the latest run.
import type { FlowDetail, RunSnapshot } from '../api/api-types';
import { AccountMenu } from '../account/account-menu';
import { isFinished, RUN_STATUS_LABELS, runDuration } from '../lib/run-status';
import { describeSchedule } from '../lib/settings-form';
import type { Busy } from './use-flow-actions';
import { useNow } from './use-live-run';

interface Props {
  name: string;
  onRename: (name: string) => void;
  dirty: boolean;
  detail: FlowDetail;
  schedule: FlowDetail['draft']['settings']['schedule'];
  snapshot: RunSnapshot | null;
  /** A run this page started that has not appeared in the live events yet. */
  starting: boolean;
  busy: Busy;
  onSave: () => void;
  onRun: () => void;
  onDryRun: () => void;
  onPublish: () => void;
  /** Shown to those who may publish templates (issue 15); absent for everyone else. */
  onPublishTemplate?: () => void;
  onSetState: (s: 'started' | 'stopped') => void;
  onSettings: () => void;
  /** Published versions, differences, roll back, download (issue 14). */
  onVersions?: () => void;
}

export function Toolbar(p: Props) {
  const running = !!p.snapshot && !isFinished(p.snapshot.status);
  const now = useNow(running);
  const published = p.detail.publishedVersion;
  return (
    <header className="toolbar" aria-label="Flow actions">
      <a
        className="brand"
        href="#/"
        aria-label="Weft home"
        onClick={(e) => {
          if (p.dirty && !window.confirm('Leave this flow? Your unsaved changes will be lost.')) e.preventDefault();
        }}
      >
        Weft
      </a>
      <div className="flow-name">
        <input
          type="text"
          aria-label="Flow name"
          value={p.name}
          maxLength={120}
          onChange={(e) => p.onRename(e.target.value)}
          data-testid="flow-name"
        />
        {p.dirty && (
          <span className="unsaved" data-testid="unsaved" title="You have changes that are not saved">
            ● Unsaved changes
          </span>
        )}
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          className="button"
          onClick={p.onSave}
          disabled={p.busy !== null}
          data-testid="save"
          title="Save the draft (Ctrl+S)"
        >
          {p.busy === 'save' ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          className="button primary"
          onClick={p.onRun}
          disabled={p.busy !== null || p.starting}
          data-testid="run"
          title="Save, then run the draft once now"
        >
          {p.busy === 'run' ? 'Starting…' : 'Run'}
        </button>
        <button
          type="button"
          className="button"
          onClick={p.onDryRun}
          disabled={p.busy !== null || p.starting}
          data-testid="dry-run"
          title="Save, then run the draft without writing to any system: each step shows what it would do"
        >
          {p.busy === 'dry-run' ? 'Starting…' : 'Dry run'}
        </button>
        <button type="button" className="button" onClick={p.onPublish} disabled={p.busy !== null} data-testid="publish">
          Publish
        </button>
        {p.onPublishTemplate && (
          <button
            type="button"
            className="button"
            onClick={p.onPublishTemplate}
            disabled={p.busy !== null}
            data-testid="publish-template"
          >
            Publish as template
          </button>
        )}
        <button type="button" className="button" onClick={p.onSettings} data-testid="settings">
          Settings
        </button>
        <a className="button" href={`#/flows/${encodeURIComponent(p.detail.id)}/runs`} data-testid="open-history">
          History
        </a>
        {p.onVersions && (
          <button type="button" className="button" onClick={p.onVersions} data-testid="versions-open">
            Versions
          </button>
        )}
      </div>
      <div className="toolbar-group schedule" aria-label="Schedule">
        <span className={`pill state-${p.detail.state}`} data-testid="schedule-state">
          {p.detail.state === 'started' ? 'Started' : 'Stopped'}
        </span>
        <span className="small muted">{describeSchedule(p.schedule)}</span>
        {p.detail.state === 'started' ? (
          <button
            type="button"
            className="button"
            onClick={() => p.onSetState('stopped')}
            disabled={p.busy !== null}
            data-testid="stop"
          >
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => p.onSetState('started')}
            disabled={p.busy !== null || published === null}
            aria-describedby={published === null ? 'start-hint' : undefined}
            data-testid="start"
          >
            Start
          </button>
        )}
        <span id="start-hint" className="small muted">
          {published === null ? 'Publish first: the schedule runs a published version.' : `Runs v${published}`}
        </span>
      </div>
      <RunStatus snapshot={p.snapshot} starting={p.starting} now={now} />
      <AccountMenu />
    </header>
  );
}

function RunStatus({ snapshot, starting, now }: { snapshot: RunSnapshot | null; starting: boolean; now: number }) {
  const status = starting ? 'starting' : (snapshot?.status ?? 'none');
  const duration = snapshot && !starting ? runDuration(snapshot, now) : null;
  return (
    <div
      className={`run-status run-${status}`}
      role="status"
      aria-live="polite"
      data-testid="run-status"
      data-status={status}
      data-run-id={snapshot?.runId}
      data-dry-run={snapshot?.dryRun ? 'true' : undefined}
    >
      <span className="run-status-label">
        {starting
          ? 'Starting run…'
          : snapshot
            ? `${snapshot.dryRun ? 'Last dry run' : 'Last run'}: ${RUN_STATUS_LABELS[snapshot.status]}`
            : 'No runs yet'}
      </span>
      {duration && <span className="small"> · {duration}</span>}
      {snapshot?.error && !starting && (
        <span className="run-error small" title={snapshot.error}>
          {' '}
          · {snapshot.error}
        </span>
      )}
    </div>
  );
}
