// Server and network errors in words an analyst or operator can act on.

interface MaybeTrpcError {
  message?: unknown;
  data?: { code?: unknown; httpStatus?: unknown } | null;
  name?: unknown;
}

const BY_CODE: Record<string, string> = {
  UNAUTHORIZED: 'Your session ended — sign in again.',
  FORBIDDEN: 'Your role does not allow this. Ask a workspace admin.',
  TIMEOUT: 'The server took too long to answer. Try again in a moment.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on the server. Try again; if it keeps happening, tell support.',
};

export function plainError(err: unknown, doing?: string): string {
  const e = (err ?? {}) as MaybeTrpcError;
  const prefix = doing ? `Could not ${doing}: ` : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (/failed to fetch|networkerror|load failed|fetch failed|ECONNREFUSED/i.test(message)) {
    return `${prefix}Weft's server did not answer. Check that it is running, then try again.`;
  }
  const issues = zodIssues(message);
  if (issues) return `${prefix}${issues}`;
  const code = typeof e.data?.code === 'string' ? e.data.code : '';
  if (code === 'INTERNAL_SERVER_ERROR' && !message) return prefix + BY_CODE[code];
  // Weft's own refusals (wrong password, locked account, a role that may not) are already plain words.
  if ((code === 'UNAUTHORIZED' || code === 'FORBIDDEN') && message && !/^(UNAUTHORIZED|FORBIDDEN)$/.test(message))
    return prefix + message;
  if (BY_CODE[code] && code !== 'INTERNAL_SERVER_ERROR') return prefix + BY_CODE[code];
  return prefix + (message || 'Something went wrong. Try again.');
}

/** tRPC sends zod input errors as a JSON array of issues in the message. */
function zodIssues(message: string): string | null {
  if (!message.trimStart().startsWith('[')) return null;
  try {
    const issues = JSON.parse(message) as { message?: string; path?: (string | number)[] }[];
    if (!Array.isArray(issues) || issues.length === 0) return null;
    return issues
      .map((i) => `${i.message ?? 'invalid value'}${i.path?.length ? ` (at ${i.path.join('.')})` : ''}`)
      .join('; ')
      .concat('.');
  } catch {
    return null;
  }
}
