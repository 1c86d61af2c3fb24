// Plain words for why a connection test could not reach a system (issue 13: "the
// host did not answer", "the certificate is not trusted"), shared by every
// connector's `test`. fetch hides the reason in `cause` (undici: `cause.code`,
// Node's TLS codes such as SELF_SIGNED_CERT_IN_CHAIN), so the chain is walked.
import type { ConnectionTestResult } from './define-connection';

/** Node's TLS verification failures (tls.checkServerIdentity and OpenSSL's X509 codes as Node names them). */
const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
]);

function codes(error: unknown): string[] {
  const found: string[] = [];
  for (
    let e = error as { code?: unknown; cause?: unknown; name?: unknown } | undefined, depth = 0;
    e && depth < 6;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string') found.push(e.code);
    if (e.name === 'AbortError' || e.name === 'TimeoutError') found.push('TIMEOUT');
  }
  return found;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Why `url` could not be reached, for a person: not trusted, not found, or did not answer. */
export function unreachableResult(error: unknown, url: string, timedOut: boolean): ConnectionTestResult {
  const host = hostOf(url);
  const found = codes(error);
  const cert = found.find((c) => CERT_CODES.has(c));
  if (cert) {
    return {
      ok: false,
      message: `The certificate of ${host} is not trusted (${cert}). Install a certificate from a trusted authority on that server, or check the address.`,
    };
  }
  if (found.includes('ENOTFOUND') || found.includes('EAI_AGAIN')) {
    return { ok: false, message: `${host} was not found: no such host name. Check the address for typing errors.` };
  }
  const why = timedOut || found.includes('TIMEOUT') ? 'within 10 seconds' : found[0] ? `(${found[0]})` : '';
  return {
    ok: false,
    message: `${host} did not answer${why ? ` ${why}` : ''}. Check the address, that the site is up, and that this server may reach it.`,
  };
}

/** Wraps a fetch so the last network failure it threw can be explained afterwards. */
export function watchedFetch(inner: typeof fetch): { fetch: typeof fetch; lastError(): unknown } {
  let last: unknown = null;
  const f = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    inner(input, init).catch((e: unknown) => {
      last = e;
      throw e;
    })) as typeof fetch;
  return { fetch: f, lastError: () => last };
}
