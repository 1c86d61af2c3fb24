// Sign-in attempts per client address in a sliding window, in memory: slows
// password guessing across many accounts. Lockout per account is in the store.
export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit = 20,
    private readonly windowMs = 10 * 60_000,
  ) {}

  /** Records an attempt; returns the ms to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const recent = (this.attempts.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent);
      return recent[0] + this.windowMs - now;
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.prune(now);
    return 0;
  }

  /** The ms to wait before `key` may try again (0 = now), without counting an attempt: for limits that count only failures. */
  wait(key: string, now = Date.now()): number {
    const recent = (this.attempts.get(key) ?? []).filter((t) => t > now - this.windowMs);
    return recent.length >= this.limit ? recent[0] + this.windowMs - now : 0;
  }

  private prune(now: number): void {
    for (const [k, v] of this.attempts) if (v.every((t) => t <= now - this.windowMs)) this.attempts.delete(k);
  }
}
