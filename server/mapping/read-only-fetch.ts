// The preview reads and never writes (issue 14): every request of its steps goes
// through this fetch, which lets reads through (GET, a QuickBooks Online query sent as
// POST because it is long, a Creatio `$batch` of GETs, a QuickBooks batch of queries)
// and signing in, and refuses anything else before it leaves the server.

export class PreviewWriteRefused extends Error {}

function json(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function isRead(path: string, body: string): boolean {
  // Intuit: POST /v3/company/<realm>/query with the statement as application/text.
  if (/\/v3\/company\/[^/]+\/query$/.test(path)) return true;
  // Intuit batch: every item a Query (developer.intuit.com › Batch).
  if (/\/v3\/company\/[^/]+\/batch$/.test(path)) {
    const items = (json(body) as { BatchItemRequest?: Record<string, unknown>[] } | undefined)?.BatchItemRequest;
    return Array.isArray(items) && items.every((i) => 'Query' in i);
  }
  // Creatio OData 4 JSON batch: every request a GET.
  if (/\/\$batch$/.test(path)) {
    const requests = (json(body) as { requests?: { method?: string }[] } | undefined)?.requests;
    return Array.isArray(requests) && requests.every((r) => String(r.method).toUpperCase() === 'GET');
  }
  return false;
}

/** Signing in: Creatio's forms login, an OAuth token request (client credentials, refresh). */
function isSignIn(path: string, body: string): boolean {
  return /\/AuthService\.svc\/Login$/.test(path) || /(^|&)grant_type=/.test(body);
}

export function readOnlyFetch(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const req = input instanceof Request ? input : null;
    const method = (init?.method ?? req?.method ?? 'GET').toUpperCase();
    if (method === 'GET' || method === 'HEAD') return base(input, init);
    const url = new URL(req ? req.url : String(input));
    const body =
      typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? String(init.body) : '';
    if (method === 'POST' && (isRead(url.pathname, body) || isSignIn(url.pathname, body))) return base(input, init);
    throw new PreviewWriteRefused(
      `The preview only reads: a step asked to send ${method} ${url.pathname.split('/').slice(-1)[0]} to ${url.host}, ` +
        'which could change data there, and Weft did not send it.',
    );
  };
}
