import { useEffect, useState } from 'react';
import type { RunSnapshot } from '../api/api-types';
import { api } from '../api/trpc-client';
import { newerSnapshot } from '../lib/live-event';
import { isFinished } from '../lib/run-status';
import type { LiveConnection } from './use-live-run';

const POLL_MS = 2000;
const GRACE_MS = 4000;

/**
 * Live events are the normal path. As a safety net, a run this page started is
 * also asked for every 2 s while it is unfinished and the live channel is down
 * (or has not shown the run 4 s after it started: a proxy buffering SSE).
 */
export function useRunPollFallback(
  live: { snapshot: RunSnapshot | null; connection: LiveConnection },
  runId: string | null,
): RunSnapshot | null {
  const [polled, setPolled] = useState<RunSnapshot | null>(null);
  const [graceOver, setGraceOver] = useState(false);
  useEffect(() => {
    setGraceOver(false);
    if (!runId) return;
    const t = setTimeout(() => setGraceOver(true), GRACE_MS);
    return () => clearTimeout(t);
  }, [runId]);
  const seenLive = runId !== null && live.snapshot?.runId === runId;
  const done =
    (seenLive && isFinished(live.snapshot!.status)) || (polled?.runId === runId && isFinished(polled.status));
  const needPoll = runId !== null && !done && (live.connection !== 'live' || (!seenLive && graceOver));
  useEffect(() => {
    if (!needPoll || !runId) return;
    let stop = false;
    const tick = async () => {
      try {
        const s = await api.runs.get.query({ runId });
        if (!stop) setPolled(s);
      } catch {
        // the next tick retries; the live channel may come back meanwhile
      }
    };
    void tick();
    const t = setInterval(tick, POLL_MS);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, [needPoll, runId]);
  if (!polled) return live.snapshot;
  return live.snapshot ? newerSnapshot(live.snapshot, polled) : polled;
}

/** Ask before leaving the page with unsaved changes. */
export function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onLeave = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [dirty]);
}
