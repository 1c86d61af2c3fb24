// One retry policy and one abortable sleep for every connector (issue 13): bounded
// retries with exponential backoff and full jitter, honouring Retry-After and an
// AbortSignal. Creatio publishes no rate limit (A6), yet proxies and throttling in
// front of it answer 429/503, so connectors retry those; the QuickBooks Online client
// sleeps through the same `sleep` (its waits for Intuit's limits are the governor's).

export interface RetryPolicy {
  /** Total tries including the first (default 4). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 8_000 };

/** Delay before retry number `n` (1-based): random in [0, min(max, base·2^(n-1))], or Retry-After if longer. */
export function backoffMs(policy: RetryPolicy, n: number, retryAfterMs?: number, random = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  const jittered = Math.round(random() * cap);
  return retryAfterMs !== undefined ? Math.min(Math.max(jittered, retryAfterMs), policy.maxDelayMs) : jittered;
}

export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}

/** Wait, or reject as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
