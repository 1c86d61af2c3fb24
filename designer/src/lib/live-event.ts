// A watchFlow event as it arrives over SSE. The router yields snapshots; if
// the server wraps them with tRPC's tracked() (for reconnect-resume), the
// client receives `{ id, data }` instead. Both are accepted.
import type { RunSnapshot } from '../api/api-types';

export function unwrapSnapshot(value: unknown): RunSnapshot | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.runId === 'string' && Array.isArray(v.nodes)) return v as unknown as RunSnapshot;
  if ('data' in v && 'id' in v) return unwrapSnapshot(v.data);
  return null;
}

/** Keep the newer of two snapshots of the same flow (events may overlap across a reconnect). */
export function newerSnapshot(current: RunSnapshot | null, next: RunSnapshot): RunSnapshot {
  if (!current || current.runId !== next.runId) {
    return !current || Date.parse(next.queuedAt) >= Date.parse(current.queuedAt) ? next : current;
  }
  // The same run from two channels (live events and a fallback poll): never go back.
  if (finished(current) && !finished(next)) return current;
  return progress(next) >= progress(current) || finished(next) ? next : current;
}

function finished(s: RunSnapshot): boolean {
  return s.status !== 'queued' && s.status !== 'running';
}

function progress(s: RunSnapshot): number {
  return s.nodes.reduce((n, x) => n + x.in + x.out + x.failed, 0);
}
