// Per-company throttling as Intuit documents it (reference B10, B7): 500
// requests per minute per realm, 10 concurrent requests per realm, 120 batch
// calls per minute (40 before 2025-10-31). `windowMs` shrinks "a minute" for tests; the counts stay real.

export interface ThrottleLimits { perMinute: number; concurrent: number; batchPerMinute: number; windowMs: number }
export const REAL_LIMITS: ThrottleLimits = { perMinute: 500, concurrent: 10, batchPerMinute: 120, windowMs: 60_000 };

interface RealmLoad { hits: number[]; batches: number[]; active: number }

export class RealmThrottle {
  private load = new Map<string, RealmLoad>();
  constructor(private limits: ThrottleLimits | false, private now: () => number) {}

  reset(): void {
    this.load.clear();
  }

  /** Admit a request or say no; an admitted one must be released when its response is done. */
  admit(realm: string, isBatch: boolean): (() => void) | undefined {
    if (!this.limits) return () => {};
    const l = this.limits;
    const t = this.now();
    let s = this.load.get(realm);
    if (!s) this.load.set(realm, (s = { hits: [], batches: [], active: 0 }));
    const cutoff = t - l.windowMs;
    while (s.hits.length && s.hits[0] <= cutoff) s.hits.shift();
    while (s.batches.length && s.batches[0] <= cutoff) s.batches.shift();
    if (s.active >= l.concurrent || s.hits.length >= l.perMinute) return undefined;
    if (isBatch && s.batches.length >= l.batchPerMinute) return undefined;
    // A batch call counts once toward the request limit and once toward the batch limit.
    s.hits.push(t);
    if (isBatch) s.batches.push(t);
    s.active++;
    let released = false;
    const load = s;
    return () => {
      if (!released) { released = true; load.active--; }
    };
  }
}
