// Run and node states in plain words, and how long a run took.
import type { NodeState, RunSnapshot, RunStatus } from '../api/api-types';

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  'completed-with-errors': 'Completed with errors',
  failed: 'Failed',
  stopped: 'Stopped',
};

export const NODE_STATE_LABELS: Record<NodeState, string> = {
  idle: 'idle',
  running: 'running',
  waiting: 'waiting',
  done: 'done',
  failed: 'failed',
};

export function isFinished(status: RunStatus): boolean {
  return status !== 'queued' && status !== 'running';
}

/** `4 s`, `2 min 05 s`, `1 h 03 min`; null before the run starts. */
export function runDuration(run: Pick<RunSnapshot, 'startedAt' | 'finishedAt'>, now: number): string | null {
  if (!run.startedAt) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return formatDuration(Math.max(0, end - Date.parse(run.startedAt)));
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** A local date and time such as "Nov 26, 09:41", or "—". */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  // The year only when it is not this one: a Query Starts months back must not read as this year.
  const year = d.getFullYear() !== new Date().getFullYear() ? { year: 'numeric' as const } : {};
  return d.toLocaleString(undefined, { ...year, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
