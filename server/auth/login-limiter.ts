// Wrong passwords per client address in a sliding window, in memory: slows
// password guessing across many accounts (issue 7), for every check of a password
// (sign-in and password change, issue 18). Only wrong ones count, so an office
// behind one address can still sign everyone in. Lockout per account is in
// sign-in-locks.ts.
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 20,
    private readonly windowMs = 10 * 60_000,
  ) {}

  /** The ms this client must wait before its next password check; 0 = go ahead. */
  wait(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length >= this.limit ? recent[0] + this.windowMs - now : 0;
  }

  /** Counts a wrong password from this client. */
  failed(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) this.prune(now);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const [k, v] of this.failures) if (v.every((t) => t <= now - this.windowMs)) this.failures.delete(k);
  }
}
