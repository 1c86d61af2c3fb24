// Password checks per client address in a sliding window, in memory: slows password
// guessing across many accounts (issue 7), for every check of a password (sign-in and
// password change, issue 18). Each check is counted when it starts, so a burst of
// parallel requests from one address cannot all slip in before the first is counted
// (and queue hundreds of hashes); a right password takes its count back, so an office
// behind one address can still sign everyone in. Lockout per account: sign-in-locks.ts.
export class LoginLimiter {
  private readonly checks = new Map<string, number[]>();

  constructor(
    private readonly limit = 20,
    private readonly windowMs = 10 * 60_000,
  ) {}

  /** Counts a check about to be made; returns the ms to wait when over the limit (nothing counted), else 0. */
  attempt(key: string, now = Date.now()): number {
    const recent = (this.checks.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.checks.set(key, recent);
      return recent[0] + this.windowMs - now;
    }
    recent.push(now);
    this.checks.set(key, recent);
    if (this.checks.size > 10_000) this.prune(now);
    return 0;
  }

  /** The password was right: its check no longer counts against the address. */
  succeeded(key: string): void {
    this.checks.get(key)?.pop();
  }

  private prune(now: number): void {
    for (const [k, v] of this.checks) if (v.every((t) => t <= now - this.windowMs)) this.checks.delete(k);
  }
}
