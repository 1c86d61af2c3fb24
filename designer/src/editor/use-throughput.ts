// Live throughput per node (issue 16): records per second into each node over a
// moving window (flow/throughput.ts), fed by the live snapshots; a clock adds a
// sample each second so a stalled run shows its rate falling, not frozen.
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { RateWindow } from '../../../flow/throughput';
import type { RunSnapshot } from '../api/api-types';

export const ThroughputContext = createContext<ReadonlyMap<string, number>>(new Map());

export function useNodeRate(nodeId: string): number | undefined {
  return useContext(ThroughputContext).get(nodeId);
}

export function useThroughput(snapshot: RunSnapshot | null): ReadonlyMap<string, number> {
  const windows = useRef(new Map<string, RateWindow>());
  const runRef = useRef<string | null>(null);
  const [rates, setRates] = useState<ReadonlyMap<string, number>>(new Map());
  const running = snapshot?.status === 'running';

  useEffect(() => {
    if (!snapshot || snapshot.status !== 'running') {
      setRates((r) => (r.size ? new Map() : r));
      return;
    }
    if (runRef.current !== snapshot.runId) {
      runRef.current = snapshot.runId;
      windows.current = new Map();
    }
    const sample = () => {
      const now = Date.now();
      const next = new Map<string, number>();
      for (const n of snapshot.nodes) {
        let w = windows.current.get(n.id);
        if (!w) windows.current.set(n.id, (w = new RateWindow()));
        w.add(now, n.in);
        const rate = w.rate();
        if (rate !== null) next.set(n.id, rate);
      }
      setRates(next);
    };
    sample();
    const t = setInterval(sample, 1000);
    return () => clearInterval(t);
  }, [snapshot, running]);
  return rates;
}
