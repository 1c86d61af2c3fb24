// Paces requests to one QuickBooks company *before* they are sent, so a steady load never meets
// a 429. The defaults are Intuit's documented limits for one app ("API call limits and
// throttles", developer.intuit.com …/learn/limits-and-throttles; Intuit developer blog,
// 2025-08-13; reference B7, B10): 500 requests a minute per realm, 10 requests a second and
// 10 concurrent per realm and app, 40 batch calls a minute per realm and app (the realm's 120
// a minute across all apps is more than one app may take). Intuit raises limits case by case,
// so a connection may set its own (`limits` in its settings). Every client of the same company
// in this process shares one governor through `QboGovernor.for(key)`, binding queries and sink
// batches alike; worker processes elsewhere share the company's limits through `GovernorPeers`
// (each takes 1/N while N send).
//
// A request occupies a window slot from the moment it is sent until the window's length after
// its answer arrived: the service counts it when it *receives* it, which is never later than
// when we get the answer, so our window never frees a slot before QuickBooks' does.

export interface GovernorLimits {
  perMinute: number;
  perSecond: number;
  concurrent: number;
  batchPerMinute: number;
  /** "A minute" and "a second" (tests shrink them; the counts stay real). */
  windowMs: number;
  secondMs: number;
}
export const QBO_LIMITS: GovernorLimits = {
  perMinute: 500,
  perSecond: 10,
  concurrent: 10,
  batchPerMinute: 40,
  windowMs: 60_000,
  secondMs: 1000,
};

/** The governor's time: injectable so tests can let a minute pass without waiting it. */
export interface GovernorClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
const REAL_CLOCK: GovernorClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type OnWait = (ms: number, reason: string) => void;
type Kind = 'request' | 'batch';

interface Waiter {
  kind: Kind;
  onWait?: OnWait;
  go: (release: () => void) => void;
}

const registry = new Map<string, QboGovernor>();

/**
 * Other processes pacing the same companies (issue 4: one governor across workers).
 * With N processes sending to a company, each takes 1/N of every limit. Set by the
 * worker at start (engine/postgres/governor-peers.ts); absent, this process is alone.
 */
export interface GovernorPeers {
  /** This process is sending to the company now. */
  active(key: string): void;
  /** Its part of the company's limits, in (0, 1]. */
  share(key: string): number;
}
let peers: GovernorPeers | null = null;
export function shareGovernorsWith(p: GovernorPeers | null): void {
  peers = p;
}

export class QboGovernor {
  private inflight = 0;
  private inflightBatch = 0;
  private done: number[] = [];
  private doneSecond: number[] = [];
  private doneBatch: number[] = [];
  private pausedUntil = 0;
  private lastBatchAt: number | undefined;
  private queue: Waiter[] = [];
  private timer: unknown;
  /** Total time (ms) callers were told to wait; shown by tests and the bench. */
  waitedMs = 0;

  /** `key`: the company (API base + realm id), as other processes know it. */
  constructor(
    readonly limits: GovernorLimits = QBO_LIMITS,
    readonly clock: GovernorClock = REAL_CLOCK,
    readonly key = '',
  ) {}

  /**
   * The governor shared by every client of one company (key: API base + realm id). Limits and
   * clock count when it is made; a connection's limits changed later apply after a restart.
   */
  static for(key: string, limits?: Partial<GovernorLimits>, clock?: GovernorClock): QboGovernor {
    let g = registry.get(key);
    if (!g) registry.set(key, (g = new QboGovernor({ ...QBO_LIMITS, ...limits }, clock, key)));
    return g;
  }

  private now(): number {
    return this.clock.now();
  }

  /** Wait for a slot; call the returned function once the answer has been read. */
  acquire(kind: Kind, opts: { signal?: AbortSignal; onWait?: OnWait } = {}): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const { signal } = opts;
      if (signal?.aborted) return reject(signal.reason);
      // The listener is removed once the slot is granted: a run's one signal sees
      // thousands of requests, and Node warns about piled-up abort listeners.
      const onAbort = () => {
        const i = this.queue.indexOf(w);
        if (i >= 0) {
          this.queue.splice(i, 1);
          reject(signal!.reason);
        }
      };
      const w: Waiter = {
        kind,
        onWait: opts.onWait,
        go: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(w);
      this.pump();
    });
  }

  /** After a 429: nobody sends to this company for `ms`. Returns when sending resumes (epoch ms). */
  pause(ms: number): number {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.pump();
    return this.pausedUntil;
  }

  private prune(t: number): void {
    const cutoff = t - this.limits.windowMs - margin(this.limits.windowMs);
    while (this.done.length && this.done[0] <= cutoff) this.done.shift();
    while (this.doneBatch.length && this.doneBatch[0] <= cutoff) this.doneBatch.shift();
    const second = t - this.limits.secondMs - margin(this.limits.secondMs);
    while (this.doneSecond.length && this.doneSecond[0] <= second) this.doneSecond.shift();
  }

  /** 0 = go now; a number = wait that long; null = wait for a release. */
  private delay(kind: Kind, t: number): { ms: number | null; reason: string } | undefined {
    const l = this.shared();
    const wait = (oldest: number | undefined, window: number) =>
      oldest === undefined ? null : oldest + window + margin(window) - t + 1;
    if (t < this.pausedUntil)
      return {
        ms: this.pausedUntil - t,
        reason: `QuickBooks asked Weft to wait (rate limit, HTTP 429); resuming at ${clockTime(this.pausedUntil)}`,
      };
    if (this.inflight >= l.concurrent) return { ms: null, reason: `${l.concurrent} requests already in flight` };
    if (this.inflight + this.done.length >= l.perMinute) {
      return {
        ms: wait(this.done[0], l.windowMs),
        reason: `QuickBooks rate limit, ${l.perMinute} requests per minute`,
      };
    }
    if (this.inflight + this.doneSecond.length >= l.perSecond) {
      return {
        ms: wait(this.doneSecond[0], l.secondMs),
        reason: `QuickBooks rate limit, ${l.perSecond} requests per second`,
      };
    }
    if (kind === 'batch') {
      const reason = `QuickBooks rate limit, ${l.batchPerMinute} batch calls per minute`;
      if (this.inflightBatch + this.doneBatch.length >= l.batchPerMinute)
        return { ms: wait(this.doneBatch[0], l.windowMs), reason };
      // Past half the minute's batch calls, the rest are spread evenly (one every 1.506 s at 40 a
      // minute) rather than sent at once and followed by a minute's silence: the same rate, but a
      // long load flows steadily. A small sync (up to half) still goes at once.
      const gap = (l.windowMs + margin(l.windowMs)) / l.batchPerMinute;
      const spread = this.inflightBatch + this.doneBatch.length >= l.batchPerMinute / 2;
      if (spread && this.lastBatchAt !== undefined && t < this.lastBatchAt + gap)
        return { ms: this.lastBatchAt + gap - t, reason };
    }
    return undefined;
  }

  /** This process's part of each limit while other workers send to the same company (at least one of each). */
  private shared(): GovernorLimits {
    const share = this.key && peers ? Math.min(1, Math.max(0, peers.share(this.key))) : 1;
    if (share >= 1) return this.limits;
    const part = (n: number) => Math.max(1, Math.floor(n * share));
    const l = this.limits;
    return {
      ...l,
      perMinute: part(l.perMinute),
      perSecond: part(l.perSecond),
      concurrent: part(l.concurrent),
      batchPerMinute: part(l.batchPerMinute),
    };
  }

  private pump(): void {
    const t = this.now();
    this.prune(t);
    while (this.queue.length) {
      // Plain requests (queries: short, and what the binding of the next page waits
      // for) go before queued batch calls, which otherwise hold them up by whole pages.
      const i = Math.max(
        0,
        this.queue.findIndex((w) => w.kind === 'request'),
      );
      const head = this.queue[i];
      const block = this.delay(head.kind, t);
      if (!block) {
        this.queue.splice(i, 1);
        head.go(this.take(head.kind));
        continue;
      }
      if (block.ms !== null) {
        const ms = Math.max(1, Math.ceil(block.ms));
        this.waitedMs += ms;
        const told = new Set<OnWait>();
        for (const w of this.queue)
          if (w.onWait && !told.has(w.onWait)) {
            told.add(w.onWait);
            w.onWait(ms, block.reason);
          }
        if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
        this.timer = this.clock.setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, ms);
      }
      return;
    }
  }

  private take(kind: Kind): () => void {
    if (this.key) peers?.active(this.key);
    this.inflight++;
    if (kind === 'batch') {
      this.inflightBatch++;
      this.lastBatchAt = this.now();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const t = this.now();
      this.inflight--;
      this.done.push(t);
      this.doneSecond.push(t);
      if (kind === 'batch') {
        this.inflightBatch--;
        this.doneBatch.push(t);
      }
      this.pump();
    };
  }
}

/**
 * A little slack on each window (2%, at most a quarter second). Transit needs none: a slot is counted
 * from the answer, never earlier than QuickBooks received the request; the slack is for timers firing a
 * little early. It was a whole second until issue 19: a company's 41st batch call then waited 61 s,
 * 1.6% of its ceiling lost on every minute of a long load.
 */
function margin(windowMs: number): number {
  return Math.min(250, windowMs * 0.02);
}

/** "12:03:10 UTC": when a wait ends, as the node's status line shows it (workers have no user time zone). */
export function clockTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(11, 19)} UTC`;
}
