// The QuickBooks Online Accounting API v3 connector. Isomorphic (global fetch,
// Web Crypto), the same against the sandbox and production. Every request goes
// through the company's governor (pacing before sending) and the shared token
// source (single-flight refresh); every write carries a `requestid`, so a retry
// after a lost answer returns the original result instead of writing twice.
import { fromFault, networkError, parseQboError, QboError } from './qbo-error';
import { QboGovernor, type OnWait } from './qbo-governor';
import type { QboTokenSource } from './qbo-tokens';
import { sleep } from '../../core/retry';

export type QboObject = Record<string, unknown> & { Id?: string; SyncToken?: string };

export interface QboClientOptions {
  baseUrl: string;
  realmId: string;
  tokens: QboTokenSource;
  governor?: QboGovernor;
  onWait?: OnWait;
  signal?: AbortSignal;
  minorVersion?: number;
  /** Retries for network errors and 5xx (throttling retries separately). Default 4. */
  retries?: number;
  /** First back-off step in ms, doubled each time. Default 1000. */
  backoffMs?: number;
  /** How long one request may take before it is given up (and retried). Default 120 s: Intuit's own limit. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Intuit: "wait 60 seconds before retrying" after a 429, unless the answer says otherwise
 * (Retry-After); requests running over 120 s time out on their side anyway ("API call limits
 * and throttles", developer.intuit.com …/learn/limits-and-throttles; reference B10).
 */
export const THROTTLE_WAIT_MS = 60_000;
export const REQUEST_TIMEOUT_MS = 120_000;

export interface QueryResult {
  rows: QboObject[];
  startPosition?: number;
  maxResults?: number;
  totalCount?: number;
}
export interface WriteOptions {
  requestId?: string;
}

export type BatchItem =
  | {
      bId: string;
      operation: 'create' | 'update' | 'delete';
      entity: string;
      body: QboObject;
      /** `body` as JSON, when the caller made it already: sent as it is. */
      json?: string;
      optionsData?: 'void';
    }
  | { bId: string; query: string };

export type BatchResult =
  { bId: string; ok: true; object?: QboObject; query?: QueryResult } | { bId: string; ok: false; error: QboError };

interface SendOptions {
  body?: unknown;
  /** A JSON body already serialised (sent as application/json, as `body` would be). */
  json?: string;
  text?: string;
  entity?: string;
  batch?: boolean;
}

/**
 * A signal that fires when `outer` does (the run stopping) or after `ms` (Intuit's 120 s). One
 * listener on the run's signal per request in flight, removed by `done`.
 */
function withTimeout(outer: AbortSignal | undefined, ms: number): { signal: AbortSignal; done: () => void } {
  const c = new AbortController();
  const onAbort = () => c.abort(outer!.reason);
  const timer = setTimeout(
    () => c.abort(new Error(`no answer within ${ms % 1000 ? `${ms} ms` : `${ms / 1000} s`}`)),
    ms,
  );
  if (outer?.aborted) c.abort(outer.reason);
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: c.signal,
    done: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

function parseBody(text: string, entity?: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A proxy or maintenance page answering 200 with HTML.
    throw new QboError({
      status: 502,
      code: 'bad-response',
      title: 'Unreadable answer',
      detail: text.slice(0, 200),
      entity,
    });
  }
}

function toQueryResult(qr: Record<string, unknown> | undefined): QueryResult {
  const r: QueryResult = { rows: [] };
  for (const [k, v] of Object.entries(qr ?? {})) {
    if (k === 'startPosition' || k === 'maxResults' || k === 'totalCount') r[k] = Number(v);
    else if (Array.isArray(v)) r.rows = v as QboObject[];
  }
  return r;
}

const newRequestId = () => crypto.randomUUID();

/** One item of a batch request as JSON, its body's JSON as the caller made it when it did (reference B7). */
function batchItemJson(it: BatchItem): string {
  if ('query' in it) return JSON.stringify({ bId: it.bId, Query: it.query });
  const head = JSON.stringify({
    bId: it.bId,
    operation: it.operation,
    ...(it.optionsData ? { optionsData: it.optionsData } : {}),
  });
  return `${head.slice(0, -1)},${JSON.stringify(it.entity)}:${it.json ?? JSON.stringify(it.body)}}`;
}

function checkRequestId(id: string, max: number): string {
  if (!id || id.length > max)
    throw new RangeError(`requestid must be 1 to ${max} characters (got ${id.length}); use shortRequestId()`);
  return id;
}

export class QboClient {
  readonly governor: QboGovernor;
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: QboClientOptions) {
    this.governor = opts.governor ?? QboGovernor.for(`${opts.baseUrl}|${opts.realmId}`);
    this.fetch = opts.fetch ?? ((...a) => fetch(...a));
  }

  private url(path: string, params: Record<string, string | undefined>): string {
    const u = new URL(
      `${this.opts.baseUrl.replace(/\/$/, '')}/v3/company/${encodeURIComponent(this.opts.realmId)}/${path}`,
    );
    u.searchParams.set('minorversion', String(this.opts.minorVersion ?? 75));
    for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
    return u.toString();
  }

  /** One API call with pacing, token refresh on 401, back-off on 429 / 5xx / network errors. */
  private async send(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string | undefined>,
    o: SendOptions = {},
  ): Promise<Record<string, unknown>> {
    const { signal, onWait } = this.opts;
    const retries = this.opts.retries ?? 4;
    const backoff = this.opts.backoffMs ?? 1000;
    let failures = 0;
    let throttles = 0;
    let refreshed = false;
    for (;;) {
      const release = await this.governor.acquire(o.batch ? 'batch' : 'request', { signal, onWait });
      let res: Response;
      let text: string;
      let token: string;
      const timed = withTimeout(signal, this.opts.timeoutMs ?? REQUEST_TIMEOUT_MS);
      try {
        token = await this.opts.tokens.accessToken();
        res = await this.fetch(this.url(path, params), {
          method,
          signal: timed.signal,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(o.text !== undefined
              ? { 'content-type': 'application/text' }
              : o.body !== undefined || o.json !== undefined
                ? { 'content-type': 'application/json' }
                : {}),
          },
          body: o.text ?? o.json ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined),
        });
        text = await res.text();
      } catch (e) {
        release();
        // Network trouble or no answer within the timeout (writes carry a requestid, so a retry
        // never writes twice). Also on the token endpoint: a refresh whose answer was lost is
        // retried with the same refresh token, which keeps its value for about a day
        // (intuit/oauth-jsclient#74); qbo-tokens.ts says what happens when it did not.
        if (signal?.aborted || (e instanceof QboError && e.kind !== 'network')) throw e;
        if (++failures > retries) throw e instanceof QboError ? e : networkError(e, o.entity);
        await sleep(backoff * 2 ** (failures - 1), signal);
        continue;
      } finally {
        timed.done();
      }
      release();
      if (res.ok) return parseBody(text, o.entity);
      const err = parseQboError(res.status, text, {
        entity: o.entity,
        intuitTid: res.headers.get('intuit_tid') ?? undefined,
        retryAfter: res.headers.get('retry-after'),
      });
      if (res.status === 401 && err.code === '3200' && !refreshed) {
        refreshed = true;
        this.opts.tokens.invalidate(token); // the next turn refreshes (once, shared by every caller)
        continue;
      }
      if (err.kind === 'throttle' && ++throttles <= 8) {
        // The whole company waits (every caller shares the governor), and the node says until when:
        // the governor tells each waiting caller's onWait, this one's included, as it queues again.
        this.governor.pause(err.retryAfter !== undefined ? err.retryAfter * 1000 : THROTTLE_WAIT_MS);
        continue;
      }
      if (err.kind === 'server' && ++failures <= retries) {
        await sleep(backoff * 2 ** (failures - 1), signal);
        continue;
      }
      throw err;
    }
  }

  /** Run one query statement (build values with qboLiteral / qboIn). Long statements are POSTed. */
  async query(sql: string): Promise<QueryResult> {
    const entity = /\bfrom\s+(\w+)/i.exec(sql)?.[1];
    const out =
      sql.length > 1500
        ? await this.send('POST', 'query', {}, { text: sql, entity })
        : await this.send('GET', 'query', { query: sql }, { entity });
    return toQueryResult(out.QueryResponse as Record<string, unknown>);
  }

  async count(entity: string, where?: string): Promise<number> {
    return (await this.query(`select count(*) from ${entity}${where ? ` where ${where}` : ''}`)).totalCount ?? 0;
  }

  /** Every row, page by page (STARTPOSITION is 1-based, MAXRESULTS ≤ 1000). Order by Id keeps pages stable. */
  async *queryPages(
    entity: string,
    o: { where?: string; orderBy?: string; pageSize?: number } = {},
  ): AsyncGenerator<QboObject[]> {
    const size = Math.min(1000, Math.max(1, o.pageSize ?? 1000));
    for (let start = 1; ; start += size) {
      const sql = `select * from ${entity}${o.where ? ` where ${o.where}` : ''} orderby ${o.orderBy ?? 'Id'} startposition ${start} maxresults ${size}`;
      const { rows } = await this.query(sql);
      if (rows.length) yield rows;
      if (rows.length < size) return;
    }
  }

  async read(entity: string, id: string): Promise<QboObject> {
    const out = await this.send('GET', `${entity.toLowerCase()}/${encodeURIComponent(id)}`, {}, { entity });
    return out[entity] as QboObject;
  }

  /** The company's name and settings; reading it is the cheapest way to test a connection. */
  async companyInfo(): Promise<QboObject> {
    const out = await this.send(
      'GET',
      `companyinfo/${encodeURIComponent(this.opts.realmId)}`,
      {},
      { entity: 'CompanyInfo' },
    );
    return out.CompanyInfo as QboObject;
  }

  private async write(
    entity: string,
    body: QboObject,
    operation: string | undefined,
    w: WriteOptions,
  ): Promise<QboObject> {
    const requestid = checkRequestId(w.requestId ?? newRequestId(), 50);
    const out = await this.send('POST', entity.toLowerCase(), { operation, requestid }, { body, entity });
    return out[entity] as QboObject;
  }

  create(entity: string, body: QboObject, w: WriteOptions = {}): Promise<QboObject> {
    return this.write(entity, body, undefined, w);
  }

  /** Full update: QuickBooks clears every writable field you leave out (reference B8). */
  update(entity: string, body: QboObject, w: WriteOptions = {}): Promise<QboObject> {
    return this.write(entity, { ...body, sparse: false }, undefined, w);
  }

  /**
   * Sparse update: only the sent fields change. On 5010 (Stale Object) re-read
   * the row and apply the same fields once more with its current SyncToken.
   * The retry needs its own requestid: the first one would replay the 5010.
   */
  async sparseUpdate(
    entity: string,
    body: QboObject & { Id: string; SyncToken: string },
    w: WriteOptions = {},
  ): Promise<QboObject> {
    const requestId = w.requestId ?? newRequestId();
    try {
      return await this.write(entity, { ...body, sparse: true }, undefined, { requestId });
    } catch (e) {
      if (!(e instanceof QboError) || e.kind !== 'stale') throw e;
      const current = await this.read(entity, body.Id);
      return this.write(entity, { ...body, SyncToken: String(current.SyncToken), sparse: true }, undefined, {
        requestId: `${requestId.slice(0, 47)}~r2`,
      });
    }
  }

  delete(entity: string, ref: { Id: string; SyncToken: string }, w: WriteOptions = {}): Promise<QboObject> {
    return this.write(entity, { Id: ref.Id, SyncToken: ref.SyncToken }, 'delete', w);
  }

  void(entity: string, ref: { Id: string; SyncToken: string }, w: WriteOptions = {}): Promise<QboObject> {
    return this.write(entity, { Id: ref.Id, SyncToken: ref.SyncToken }, 'void', w);
  }

  /** Up to 30 independent operations in one call; one result per item, in the order given. */
  async batch(items: BatchItem[], w: WriteOptions = {}): Promise<BatchResult[]> {
    if (items.length > 30)
      throw new RangeError(`A QuickBooks batch holds at most 30 items (got ${items.length}) — code 1040`);
    if (!items.length) return [];
    const requestid = checkRequestId(w.requestId ?? newRequestId(), 36);
    const entities = [...new Set(items.map((it) => ('entity' in it ? it.entity : 'query')))].join(', ');
    const out = await this.send(
      'POST',
      'batch',
      { requestid },
      {
        json: `{"BatchItemRequest":[${items.map(batchItemJson).join(',')}]}`,
        entity: `batch of ${entities}`,
        batch: true,
      },
    );
    const byId = new Map(((out.BatchItemResponse ?? []) as Record<string, unknown>[]).map((r) => [String(r.bId), r]));
    return items.map((it): BatchResult => {
      const r = byId.get(it.bId);
      const entity = 'entity' in it ? it.entity : undefined;
      if (!r)
        return {
          bId: it.bId,
          ok: false,
          error: new QboError({
            status: 0,
            code: 'missing',
            title: 'No answer for this batch item',
            detail: `bId ${it.bId}`,
            entity,
          }),
        };
      if (r.Fault) return { bId: it.bId, ok: false, error: fromFault(r.Fault as Record<string, unknown>, 400, entity) };
      if (r.QueryResponse)
        return { bId: it.bId, ok: true, query: toQueryResult(r.QueryResponse as Record<string, unknown>) };
      return { bId: it.bId, ok: true, object: (entity ? r[entity] : undefined) as QboObject | undefined };
    });
  }

  /** Change Data Capture: rows changed after `changedSince` (≤ 30 days back), deleted ones as `status: 'Deleted'`. */
  async cdc(entities: string[], changedSince: Date | string): Promise<Record<string, QboObject[]>> {
    const since = typeof changedSince === 'string' ? changedSince : changedSince.toISOString();
    const out = await this.send(
      'GET',
      'cdc',
      { entities: entities.join(','), changedSince: since },
      { entity: 'change data capture' },
    );
    const result: Record<string, QboObject[]> = Object.fromEntries(entities.map((e) => [e, []]));
    for (const block of (out.CDCResponse ?? []) as Record<string, unknown>[]) {
      for (const qr of (block.QueryResponse ?? []) as Record<string, unknown>[]) {
        for (const [k, v] of Object.entries(qr))
          if (Array.isArray(v)) result[k] = [...(result[k] ?? []), ...(v as QboObject[])];
      }
    }
    return result;
  }
}
