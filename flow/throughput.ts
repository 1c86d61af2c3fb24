// Live throughput (issue 16): records per second over a moving window, not the
// average since the run started — a run that slows down (QuickBooks throttling,
// a slow page) shows it within seconds. The monitor (server) and the canvas
// (designer) feed it the counters they see and read the same rate.

/** The window the rate is taken over. */
export const THROUGHPUT_WINDOW_MS = 10_000;

interface Sample {
  at: number;
  count: number;
}

export class RateWindow {
  private samples: Sample[] = [];

  constructor(private readonly windowMs = THROUGHPUT_WINDOW_MS) {}

  /** A counter seen at a time (ms). Counters only grow; a smaller one starts the window again (a new run). */
  add(at: number, count: number): void {
    const last = this.samples.at(-1);
    if (last && count < last.count) this.samples = [];
    if (last && at <= last.at) {
      last.count = Math.max(last.count, count);
      return;
    }
    this.samples.push({ at, count });
    // Keep one sample older than the window: the rate's base when the window has only one.
    while (this.samples.length > 2 && this.samples[1].at <= at - this.windowMs) this.samples.shift();
  }

  /** How long since the last sample (ms): windows of runs no longer seen are dropped. */
  idleSince(now: number): number {
    const last = this.samples.at(-1);
    return last ? now - last.at : Infinity;
  }

  /** Records per second from the window's base (the newest sample at or before its start) to the last sample. */
  rate(): number | null {
    if (this.samples.length < 2) return null;
    const base = this.samples[0];
    const last = this.samples.at(-1)!;
    const seconds = (last.at - base.at) / 1000;
    return seconds > 0 ? Math.round(((last.count - base.count) / seconds) * 10) / 10 : null;
  }
}
