// Retries for transient failures (issue 6: "retries with exponential backoff and
// jitter; connection failures pause rather than fail records"). Full jitter
// (delay = random(0, min(max, base·2^attempt))) keeps many workers that lost the
// same connection from hammering it back in lock-step.

export interface RetryPolicy {
  /** Further tries after the first one; 0 = no retry. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Injectable for tests; Math.random by default. */
  random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 1_000, maxMs: 30_000 };

/** Delay before retry number `attempt` (1-based). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  // Never zero: a retry right away would hit the same outage.
  return Math.max(policy.baseMs / 10, Math.round((policy.random ?? Math.random)() * cap));
}

/** Sleeps `ms`, waking early (resolving false) if the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** WEFT_RETRY_ATTEMPTS / WEFT_RETRY_BASE_MS override the default (tests and impatient operators). */
export function retryPolicyFromEnv(
  env: Record<string, string | undefined> = globalThis.process?.env ?? {},
): RetryPolicy {
  const attempts = env.WEFT_RETRY_ATTEMPTS;
  return {
    ...DEFAULT_RETRY,
    attempts: attempts !== undefined && attempts !== '' ? Number(attempts) : DEFAULT_RETRY.attempts,
    baseMs: Number(env.WEFT_RETRY_BASE_MS) || DEFAULT_RETRY.baseMs,
  };
}

/** Whether an error is a connection's (network, login, throttling, 5xx), not the data's: such failures pause, not fail (issue 6). */
export function isConnectionFailure(e: unknown): boolean {
  const err = e as { connection?: boolean; kind?: string } | null;
  return err?.connection === true || ['network', 'auth', 'throttle', 'rate-limit', 'server'].includes(err?.kind ?? '');
}
