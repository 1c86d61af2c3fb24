// Live run view: while the editor is open, the server pushes a snapshot of the
// flow's latest run (SSE) each time it changes. tRPC's httpSubscriptionLink
// reconnects by itself after a network drop.
import { useEffect, useState } from 'react';
import type { RunSnapshot } from '../api/api-types';
import { api } from '../api/trpc-client';
import { newerSnapshot, unwrapSnapshot } from '../lib/live-event';

export type LiveConnection = 'connecting' | 'live' | 'reconnecting';

export function useLiveRun(flowId: string): { snapshot: RunSnapshot | null; connection: LiveConnection } {
  const [snapshot, setSnapshot] = useState<RunSnapshot | null>(null);
  const [connection, setConnection] = useState<LiveConnection>('connecting');
  useEffect(() => {
    setSnapshot(null);
    const sub = api.runs.watchFlow.subscribe(
      { flowId },
      {
        onStarted: () => setConnection('live'),
        onData: (value: unknown) => {
          const next = unwrapSnapshot(value);
          if (next) setSnapshot((cur) => newerSnapshot(cur, next));
        },
        onConnectionStateChange: (s) =>
          setConnection(s.state === 'pending' ? 'live' : s.state === 'connecting' ? 'reconnecting' : 'connecting'),
        onError: () => setConnection('reconnecting'),
      },
    );
    return () => sub.unsubscribe();
  }, [flowId]);
  return { snapshot, connection };
}

/** A clock for durations of running runs; ticks only while `on`. */
export function useNow(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
}
