// Per-company throttling as Intuit documents it today ("API call limits and throttles",
// developer.intuit.com …/learn/limits-and-throttles; Intuit developer blog, 2025-08-13;
// reference B7, B10), each limit counted where Intuit counts it:
// - per realm ID: 500 requests a minute; 120 batch calls a minute across all apps;
// - per realm ID and app (client id): 10 requests a second, 10 concurrent, 40 batch calls a minute.
// A batch call counts once toward the request limits and once toward the batch ones.
// `windowMs` / `secondMs` shrink "a minute" / "a second" for tests; the counts stay real.

export interface ThrottleLimits {
  perMinute: number;
  perSecond: number;
  concurrent: number;
  batchPerMinute: number;
  batchPerMinuteRealm: number;
  windowMs: number;
  secondMs: number;
}
export const REAL_LIMITS: ThrottleLimits = {
  perMinute: 500,
  perSecond: 10,
  concurrent: 10,
  batchPerMinute: 40,
  batchPerMinuteRealm: 120,
  windowMs: 60_000,
  secondMs: 1000,
};

/** Arrival times of the requests still inside a window, oldest first. */
class Window {
  private times: number[] = [];
  constructor(private readonly ms: number) {}
  count(t: number): number {
    while (this.times.length && this.times[0] <= t - this.ms) this.times.shift();
    return this.times.length;
  }
  add(t: number): void {
    this.times.push(t);
  }
}

interface RealmLoad {
  minute: Window;
  batches: Window;
}
interface AppLoad {
  second: Window;
  batches: Window;
  active: number;
}

export class RealmThrottle {
  private realms = new Map<string, RealmLoad>();
  private apps = new Map<string, AppLoad>();
  constructor(
    private limits: ThrottleLimits | false,
    private now: () => number,
  ) {}

  reset(): void {
    this.realms.clear();
    this.apps.clear();
  }

  /** Admit a request of `app` to `realm` or say no; an admitted one must be released when its response is done. */
  admit(realm: string, app: string, isBatch: boolean): (() => void) | undefined {
    if (!this.limits) return () => {};
    const l = this.limits;
    const t = this.now();
    let r = this.realms.get(realm);
    if (!r) this.realms.set(realm, (r = { minute: new Window(l.windowMs), batches: new Window(l.windowMs) }));
    const key = `${realm}|${app}`;
    let a = this.apps.get(key);
    if (!a) this.apps.set(key, (a = { second: new Window(l.secondMs), batches: new Window(l.windowMs), active: 0 }));
    if (a.active >= l.concurrent || r.minute.count(t) >= l.perMinute || a.second.count(t) >= l.perSecond)
      return undefined;
    if (isBatch && (a.batches.count(t) >= l.batchPerMinute || r.batches.count(t) >= l.batchPerMinuteRealm))
      return undefined;
    r.minute.add(t);
    a.second.add(t);
    if (isBatch) {
      a.batches.add(t);
      r.batches.add(t);
    }
    a.active++;
    let released = false;
    const load = a;
    return () => {
      if (!released) {
        released = true;
        load.active--;
      }
    };
  }
}
