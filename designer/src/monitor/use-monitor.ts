// The monitor's data: pushed by the server (SSE) each time a run of the workspace
// changes, and at least every 5 s; tRPC's subscription link reconnects by itself.
import type { inferRouterOutputs } from '@trpc/server';
import { useEffect, useState } from 'react';
import type { AppRouter } from '../api/app-router';
import { api } from '../api/trpc-client';
import type { LiveConnection } from '../editor/use-live-run';

export type MonitorView = inferRouterOutputs<AppRouter>['monitor']['view'];
export type MonitorRow = MonitorView['rows'][number];

/** tRPC's SSE link may hand over a tracked envelope `{ id, data }` or the value itself. */
function unwrap(value: unknown): MonitorView | null {
  const v = value as { data?: unknown; rows?: unknown };
  if (v && Array.isArray(v.rows)) return v as MonitorView;
  if (v && v.data && Array.isArray((v.data as { rows?: unknown }).rows)) return v.data as MonitorView;
  return null;
}

export function useMonitor(): { view: MonitorView | null; connection: LiveConnection } {
  const [view, setView] = useState<MonitorView | null>(null);
  const [connection, setConnection] = useState<LiveConnection>('connecting');
  useEffect(() => {
    const sub = api.monitor.watch.subscribe(undefined, {
      onStarted: () => setConnection('live'),
      onData: (value: unknown) => {
        const next = unwrap(value);
        if (next) setView(next);
      },
      onConnectionStateChange: (s) =>
        setConnection(s.state === 'pending' ? 'live' : s.state === 'connecting' ? 'reconnecting' : 'connecting'),
      onError: () => setConnection('reconnecting'),
    });
    return () => sub.unsubscribe();
  }, []);
  return { view, connection };
}
