// The bench's limits case, its figures: how much of what Intuit lets one app write to one company
// (40 batch calls a minute × 30 records = 1,200 records a minute, "API call limits and throttles")
// the template sustains. The records QuickBooks wrote are sampled from the sandbox every 2 s (the
// run ledger's counters move a whole page at a time, 800 records, too coarse for a minute); the
// sustained share is taken over `minutes` from the end of the run's first minute (its start-up:
// the first Creatio page, the first binding queries).

/** What one app may write to one company a minute: 40 batch calls × 30 records. */
export const LIMIT_PER_MINUTE = 40 * 30;

export interface SinkSample {
  atMs: number;
  written: number;
}

/** Samples the QuickBooks sandbox's written records (`writes` of `/__sandbox/stats`) every 2 s until stopped. */
export function sampleWrites(sandboxUrl: string): { samples: SinkSample[]; stop: () => void } {
  const samples: SinkSample[] = [];
  const timer = setInterval(() => {
    const atMs = Date.now();
    fetch(`${sandboxUrl}/__sandbox/stats`)
      .then(async (res) => samples.push({ atMs, written: ((await res.json()) as { writes: number }).writes }))
      .catch(() => undefined);
  }, 2000);
  return { samples, stop: () => clearInterval(timer) };
}

/**
 * Records a minute written between the first sample past `fromMs` and the last one not past
 * `fromMs + minutes`, as a share of 1,200. Null when the run ended before that window had
 * two samples.
 */
export function sustainedShare(
  samples: SinkSample[],
  fromMs: number,
  minutes: number,
): { perMinute: number; share: number; windowSeconds: number } | null {
  const start = samples.find((s) => s.atMs >= fromMs);
  const inside = samples.filter((s) => s.atMs <= fromMs + minutes * 60_000);
  const end = inside.at(-1);
  if (!start || !end || end.atMs - start.atMs < 10_000) return null;
  const perMinute = ((end.written - start.written) / (end.atMs - start.atMs)) * 60_000;
  return {
    perMinute: Math.round(perMinute),
    share: Math.round((perMinute / LIMIT_PER_MINUTE) * 1000) / 10,
    windowSeconds: Math.round((end.atMs - start.atMs) / 1000),
  };
}
