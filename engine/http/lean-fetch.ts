// A small HTTP client with the `fetch` signature, on node:http/node:https. In the
// benchmark undici's fetch (Request/Response objects, web streams) was 26% of the
// engine's active CPU and drove much of its garbage collection, while the
// connectors only send a buffered body and read the whole answer. This covers
// exactly that subset; any other call goes to the global fetch unchanged (README.md).
import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

// One keep-alive agent per protocol for the whole process, as undici keeps its
// pool: connections are reused across requests and runs. Idle sockets close after
// 4 s (undici's keepAliveTimeout), sooner when the server's `Keep-Alive: timeout=`
// asks for it (Node's agent reads that hint only when `timeout` is set).
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: 4_000 }),
  'https:': new https.Agent({ keepAlive: true, timeout: 4_000 }),
};

// undici's defaults: headersTimeout and bodyTimeout, connect timeout.
const TIMEOUT_MS = 300_000;
const CONNECT_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 20; // the fetch standard's limit
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Dropped with the body when a redirect turns the request into a GET (fetch standard, 4.4 step 12).
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
// Never sent to another origin after a redirect (as undici does).
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'host'];
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

interface Plan {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | null;
}
interface Answer {
  status: number;
  statusText: string;
  rawHeaders: string[];
  location?: string;
  encoding?: string;
  body: Buffer;
}

/** `leanFetch` with another timeout (tests); production uses `leanFetch`. */
export function leanFetchWith(o: { timeoutMs?: number } = {}): typeof fetch {
  const timeoutMs = o.timeoutMs ?? TIMEOUT_MS;
  return ((input: unknown, init?: RequestInit) => {
    const plan = planOf(input, init ?? {});
    if (!plan) return fetch(input as string, init);
    return send(plan, init?.signal ?? undefined, timeoutMs);
  }) as typeof fetch;
}

export const leanFetch: typeof fetch = leanFetchWith();

/** The request as bytes and plain headers, or null when it is outside the subset (then the global fetch takes it). */
function planOf(input: unknown, init: RequestInit): Plan | null {
  if (typeof input !== 'string' && !(input instanceof URL)) return null; // a Request object
  if (init.redirect !== undefined && init.redirect !== 'follow') return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null; // the global fetch rejects it with its own words
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return null;
  const body = bodyOf(init.body);
  const headers = headersOf(init.headers);
  if (!body || !headers) return null;
  const upper = (init.method ?? 'GET').toUpperCase();
  const method = NORMALIZED_METHODS.has(upper) ? upper : init.method!; // fetch upper-cases only these six
  if (body.bytes && (method === 'GET' || method === 'HEAD')) return null; // fetch refuses it with a TypeError
  // What undici sends by default, so servers see the same request as before.
  headers['accept'] ??= '*/*';
  headers['user-agent'] ??= 'node';
  headers['accept-encoding'] ??= 'gzip, deflate';
  if (body.type) headers['content-type'] ??= body.type;
  delete headers['content-length'];
  if (body.bytes) headers['content-length'] = String(body.bytes.length);
  else if (method === 'POST' || method === 'PUT') headers['content-length'] = '0';
  return { url, method, headers, body: body.bytes };
}

function bodyOf(b: RequestInit['body']): { bytes: Buffer | null; type?: string } | null {
  if (b === undefined || b === null) return { bytes: null };
  if (typeof b === 'string') return { bytes: Buffer.from(b, 'utf8'), type: 'text/plain;charset=UTF-8' };
  if (b instanceof URLSearchParams)
    return { bytes: Buffer.from(b.toString(), 'utf8'), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  if (b instanceof Uint8Array) return { bytes: Buffer.from(b.buffer, b.byteOffset, b.byteLength) };
  return null; // streams, Blob, FormData…
}

/** Headers as a plain object with lower-case names (repeats joined with ", ", as Headers does); null if malformed. */
function headersOf(h: HeadersInit | undefined): Record<string, string> | null {
  const out: Record<string, string> = {};
  const add = (name: string, value: unknown) => {
    const k = name.toLowerCase();
    const v = String(value).trim();
    out[k] = out[k] === undefined ? v : `${out[k]}, ${v}`;
  };
  if (!h) return out;
  if (typeof (h as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const pair of h as Iterable<string[]>) {
      if (pair.length !== 2) return null;
      add(pair[0], pair[1]);
    }
  } else {
    for (const k of Object.keys(h)) add(k, (h as Record<string, string>)[k]);
  }
  return out;
}

/** The whole exchange, redirects included, under one abort listener that is always removed. */
async function send(plan: Plan, signal: AbortSignal | undefined, timeoutMs: number): Promise<Response> {
  if (!signal) return follow(plan, timeoutMs, undefined, () => undefined);
  if (signal.aborted) throw signal.reason;
  let current: http.ClientRequest | undefined;
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      current?.destroy();
      reject(signal.reason);
    };
  });
  // A run shares one signal across thousands of requests: the listener must go once this one is settled.
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([
      follow(plan, timeoutMs, signal, (req) => {
        current = req;
      }),
      aborted,
    ]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function follow(
  plan: Plan,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  track: (req: http.ClientRequest) => void,
): Promise<Response> {
  for (let redirects = 0; ; redirects++) {
    if (signal?.aborted) throw signal.reason; // aborted between two hops
    const a = await exchange(plan, timeoutMs, track);
    if (!REDIRECTS.has(a.status) || a.location === undefined) {
      let body: Buffer;
      try {
        body = await decode(a.body, a.encoding);
      } catch (e) {
        throw fetchFailed(e);
      }
      const url = plan.url.hash ? plan.url.href.slice(0, -plan.url.hash.length) : plan.url.href;
      return new LeanResponse(a, body, url, redirects > 0) as unknown as Response;
    }
    if (redirects === MAX_REDIRECTS) throw fetchFailed(new Error('redirect count exceeded'));
    plan = redirected(plan, a.status, a.location);
  }
}

/** The next hop of a redirect, changed the way fetch changes it. */
function redirected(plan: Plan, status: number, location: string): Plan {
  let url: URL;
  try {
    url = new URL(location, plan.url);
  } catch (e) {
    throw fetchFailed(e);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw fetchFailed(new Error('URL scheme must be a HTTP(S) scheme'));
  if (url.username || url.password) throw fetchFailed(new Error('URL includes credentials'));
  const next: Plan = { url, method: plan.method, headers: { ...plan.headers }, body: plan.body };
  if (
    (status === 303 && plan.method !== 'GET' && plan.method !== 'HEAD') ||
    ((status === 301 || status === 302) && plan.method === 'POST')
  ) {
    next.method = 'GET';
    next.body = null;
    for (const h of BODY_HEADERS) delete next.headers[h];
  }
  if (url.origin !== plan.url.origin) for (const h of CREDENTIAL_HEADERS) delete next.headers[h];
  return next;
}

/** One request and its whole raw body. Rejects with fetch's TypeError('fetch failed', { cause }). */
function exchange(p: Plan, timeoutMs: number, track: (req: http.ClientRequest) => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let req: http.ClientRequest | undefined;
    let res: http.IncomingMessage | undefined;
    let connecting: NodeJS.Timeout | undefined;
    let settled = false;
    const fail = (cause: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(connecting);
      reject(fetchFailed(cause));
      req?.destroy();
    };
    try {
      // `timeout`: how long the socket may stay silent while the request is active (before headers, between body chunks).
      req = (p.url.protocol === 'https:' ? https : http).request(p.url, {
        method: p.method,
        headers: p.headers,
        agent: agents[p.url.protocol as 'http:'],
        timeout: timeoutMs,
      });
    } catch (e) {
      fail(e); // e.g. a header value with a line break
      return;
    }
    track(req);
    req.on('error', fail);
    req.on('timeout', () =>
      fail(
        res
          ? codeError('Body Timeout Error', 'UND_ERR_BODY_TIMEOUT')
          : codeError('Headers Timeout Error', 'UND_ERR_HEADERS_TIMEOUT'),
      ),
    );
    // undici gives up on a new connection after 10 s, not after the system's TCP timeout (about 2 minutes).
    req.on('socket', (s) => {
      if (!s.connecting) return; // reused from the pool
      connecting = setTimeout(
        () => fail(codeError('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT')),
        Math.min(CONNECT_TIMEOUT_MS, timeoutMs),
      );
      s.once('connect', () => clearTimeout(connecting));
    });
    req.on('response', (r) => {
      res = r;
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('error', fail);
      r.on('close', () => {
        if (!r.complete) fail(codeError('other side closed', 'UND_ERR_SOCKET'));
      });
      r.on('end', () => {
        if (settled) return;
        settled = true;
        const h = r.headers;
        resolve({
          status: r.statusCode!,
          statusText: r.statusMessage ?? '',
          rawHeaders: r.rawHeaders,
          location: h.location,
          encoding: h['content-encoding'],
          body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
        });
      });
    });
    req.end(p.body ?? undefined);
  });
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);
// As undici: accept a stream cut without its trailer, as browsers do.
const LENIENT = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };

/** Undo `Content-Encoding` (last applied, first undone), off the main thread's stack (async zlib). */
async function decode(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  if (!encoding || body.length === 0) return body;
  for (const coding of encoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') body = await gunzip(body, LENIENT);
    // "deflate" is meant to be zlib-wrapped, but some servers send it raw; the first byte tells.
    else if (coding === 'deflate')
      body = await ((body[0] & 0x0f) === 0x08 ? inflate(body, LENIENT) : inflateRaw(body, LENIENT));
    else if (coding === 'br') body = await brotli(body);
    else if (coding !== 'identity') return body; // unknown: handed over as it came, as fetch does
  }
  return body;
}

function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

function codeError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** The part of `Response` the connectors use; the body is already in memory. */
class LeanResponse {
  readonly type = 'basic';
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  bodyUsed = false;
  #raw: string[];
  #body: Buffer;
  #headers: Headers | undefined;

  constructor(
    a: Answer,
    body: Buffer,
    readonly url: string,
    readonly redirected: boolean,
  ) {
    this.status = a.status;
    this.statusText = a.statusText;
    this.ok = a.status >= 200 && a.status <= 299;
    this.#raw = a.rawHeaders;
    this.#body = body;
  }

  // Built on first use: most successful answers are read without looking at a header.
  get headers(): Headers {
    if (!this.#headers) {
      const h = new Headers();
      for (let i = 0; i < this.#raw.length; i += 2) h.append(this.#raw[i], this.#raw[i + 1]);
      this.#headers = h;
    }
    return this.#headers;
  }

  async text(): Promise<string> {
    const s = this.consume().toString('utf8');
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s; // fetch's UTF-8 decode drops a BOM
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.consume();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }

  private consume(): Buffer {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.bodyUsed = true;
    const b = this.#body;
    this.#body = Buffer.alloc(0); // let the bytes go as soon as they are read
    return b;
  }
}
