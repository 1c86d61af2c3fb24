// One HTTP exchange with Creatio, retried on transient failures (network, 5xx, 429)
// with backoff + jitter, honouring the AbortSignal. Auth is handled by the caller:
// a 401 is returned, not thrown, so the session layer can sign in again.
import { CreatioError, creatioErrorFromResponse, networkError, type ErrorContext } from './creatio-error';
import { backoffMs, sleep, type RetryPolicy } from '../core/retry';

export interface HttpOptions {
  fetch: typeof fetch;
  retry: RetryPolicy;
  baseUrl: string;
  signal?: AbortSignal;
  onRetry?: (info: { error: CreatioError; attempt: number; delayMs: number }) => void;
}

export interface Sent {
  status: number;
  text: string;
  headers: Headers;
}

/**
 * `idempotent: false` (POST): a dropped connection or a 500 may hide a saved record,
 * so only "not processed" answers (429, 503) are resent.
 */
export async function httpSend(
  http: HttpOptions,
  url: string,
  init: RequestInit,
  ctx: ErrorContext,
  idempotent = true,
  /** Statuses handed back to the caller instead of thrown (401 always is). */
  accept: (status: number) => boolean = () => false,
): Promise<Sent> {
  for (let attempt = 1; ; attempt++) {
    let error: CreatioError;
    try {
      const res = await http.fetch(url, { ...init, signal: http.signal });
      const text = await res.text();
      if (res.ok || res.status === 401 || accept(res.status)) return { status: res.status, text, headers: res.headers };
      error = creatioErrorFromResponse(res.status, text, ctx, res.headers.get('retry-after'));
      const safe = idempotent || res.status === 429 || res.status === 503;
      if (!error.transient || !safe) throw error;
    } catch (err) {
      if (http.signal?.aborted) throw err;
      if (err instanceof CreatioError) throw err;
      error = networkError(err, { ...ctx, baseUrl: http.baseUrl });
      if (!idempotent)
        throw withMessage(
          error,
          `${error.message} The change may or may not have been saved; check Creatio before retrying.`,
        );
    }
    if (attempt >= http.retry.attempts) throw withMessage(error, `${error.message} (gave up after ${attempt} tries)`);
    const delayMs = backoffMs(http.retry, attempt, error.retryAfterMs);
    http.onRetry?.({ error, attempt, delayMs });
    await sleep(delayMs, http.signal);
  }
}

function withMessage(e: CreatioError, message: string): CreatioError {
  return new CreatioError({
    status: e.status,
    kind: e.kind,
    message,
    code: e.code,
    detail: e.detail,
    entity: e.entity,
    field: e.field,
    retryAfterMs: e.retryAfterMs,
    permanent: e.permanent,
  });
}

export function safeJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
