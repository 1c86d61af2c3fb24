// Creatio connector: the same code talks to the sandbox and to a real site.
// Isomorphic (global fetch, no `node:` imports). Auth per external-apis.md A2:
// forms login with cookies + `BPMCSRF` header + `ForceUseSession: true`, re-login
// once on 401; or OAuth 2.0 client credentials with a Bearer token.
import { CreatioSession } from './creatio-auth';
import { CreatioError, creatioErrorFromResponse, type ErrorContext } from './creatio-error';
import { httpSend, safeJson, type HttpOptions, type Sent } from './creatio-http';
import { parseMetadata, type CreatioEntity } from './creatio-metadata';
import { andFilters, formatWatermark, keysetFilter, nextWatermark, parseWatermark } from './keyset';
import { queryString } from './odata-literal';
import { DEFAULT_RETRY, type RetryPolicy } from '../core/retry';

/**
 * The Content-Type Creatio documents for OData 4 writes (reference A3). `IEEE754Compatible=true` lets an
 * Edm.Decimal (or Int64) travel as a JSON string ("12.50" from a mapping): without it Microsoft.OData-based
 * services refuse the string (400 "Cannot convert a primitive value to the expected type 'Edm.Decimal'").
 */
const JSON_BODY = 'application/json; charset=utf-8; IEEE754Compatible=true';

/** Connection settings as stored for a `creatio` connection. */
export interface CreatioConnectionSettings {
  /** Site address, e.g. `https://mycompany.creatio.com` (no trailing `/0`). */
  baseUrl: string;
  authKind?: 'forms' | 'oauth';
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  /** OAuth token endpoint, e.g. `https://mycompany-is.creatio.com/connect/token`; default `{baseUrl}/connect/token`. */
  tokenUrl?: string;
  /** `/0/odata` (.NET Framework, default) or `/odata` (.NET Core). */
  odataPath?: string;
}

export interface CreatioClientOptions extends CreatioConnectionSettings {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
  /** Told before each retry wait (e.g. to show "waiting: Creatio rate limit"). */
  onRetry?: (info: { error: CreatioError; attempt: number; delayMs: number }) => void;
}

export interface QueryOptions {
  select?: string[];
  filter?: string;
  expand?: string;
  orderby?: string;
  top?: number;
  skip?: number;
  count?: boolean;
}

export interface PageOptions extends Omit<QueryOptions, 'top' | 'skip' | 'count'> {
  pageSize?: number;
}

export interface KeysetOptions extends Omit<PageOptions, 'orderby'> {
  /** Timestamp field to follow (default `ModifiedOn`). */
  field?: string;
  /** `<timestamp>|<id>` from the last page read; null = from the beginning. */
  after?: string | null;
}

export interface BatchRequest {
  id?: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the OData root, e.g. `Account` or `Account(<id>)`. */
  url: string;
  body?: unknown;
}

export interface BatchResult {
  id: string;
  status: number;
  body?: unknown;
  error?: CreatioError;
}

export type Row = Record<string, unknown>;

const ENTITY = /^[A-Za-z_]\w*$/;

export class CreatioClient {
  private readonly http: HttpOptions;
  private readonly session: CreatioSession;
  private readonly root: string;

  constructor(opts: CreatioClientOptions) {
    this.http = {
      fetch: opts.fetch ?? ((...a) => fetch(...a)),
      retry: { ...DEFAULT_RETRY, ...opts.retry },
      baseUrl: opts.baseUrl,
      signal: opts.signal,
      onRetry: opts.onRetry,
    };
    this.session = new CreatioSession(opts, this.http);
    this.root = `${opts.baseUrl.replace(/\/+$/, '')}${opts.odataPath ?? '/0/odata'}`;
  }

  /** Sign in now (otherwise done on the first call). Throws CreatioError kind 'auth' on bad credentials. */
  login(): Promise<void> {
    return this.session.signIn();
  }

  /** An authenticated OData call: signs in when needed, and once more on a 401. */
  async send(
    method: string,
    path: string,
    body?: unknown,
    ctx: ErrorContext = {},
    extraHeaders: Record<string, string> = {},
  ): Promise<Sent> {
    const init: RequestInit = {
      method,
      headers: { Accept: 'application/json', 'Content-Type': JSON_BODY, ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    const idempotent = method !== 'POST';
    for (let relogged = false; ; relogged = true) {
      if (!this.session.signedIn) await this.session.signIn();
      const generation = this.session.generation;
      const headers = { ...(init.headers as Record<string, string>), ...this.session.headers() };
      const res = await httpSend(this.http, `${this.root}/${path}`, { ...init, headers }, ctx, idempotent);
      // Old builds answer an expired session with the HTML login page and 200 (A2, python client note).
      const loginPage = res.status === 200 && /^\s*</.test(res.text) && !path.startsWith('$metadata');
      if (res.status !== 401 && !loginPage) return res;
      this.session.drop(generation);
      if (relogged) throw creatioErrorFromResponse(401, res.text, ctx);
    }
  }

  private async json(method: string, path: string, body?: unknown, ctx: ErrorContext = {}): Promise<Row> {
    const res = await this.send(method, path, body, ctx);
    return (safeJson(res.text) ?? {}) as Row;
  }

  /** One GET of a collection. */
  async list(entity: string, q: QueryOptions = {}): Promise<{ value: Row[]; count?: number; nextLink?: string }> {
    const body = await this.json('GET', `${check(entity)}${query(q)}`, undefined, { entity, action: 'reading' });
    return {
      value: (body.value as Row[]) ?? [],
      count: body['@odata.count'] as number | undefined,
      nextLink: body['@odata.nextLink'] as string | undefined,
    };
  }

  /** Every matching row, page by page ($top/$skip, stable order; defaults to `Id`). */
  async *pages(entity: string, opts: PageOptions = {}): AsyncGenerator<Row[]> {
    const pageSize = opts.pageSize ?? 200;
    const orderby = opts.orderby ?? 'Id';
    let path = `${check(entity)}${query({ ...opts, orderby, top: pageSize })}`;
    for (let skip = 0, inWindow = 0; ;) {
      const body = await this.json('GET', path, undefined, { entity, action: 'reading' });
      const rows = (body.value as Row[]) ?? [];
      if (rows.length) yield rows;
      skip += rows.length;
      inWindow += rows.length;
      // No server-driven paging is documented (A6), but follow a nextLink if one comes.
      const next = body['@odata.nextLink'];
      if (typeof next === 'string') {
        path = this.relative(next);
        continue;
      }
      if (inWindow < pageSize) return;
      inWindow = 0;
      path = `${entity}${query({ ...opts, orderby, top: pageSize, skip })}`;
    }
  }

  /** A nextLink as a path under our OData root; refuses other hosts (our cookies must not go there). */
  private relative(link: string): string {
    const url = new URL(link, `${this.root}/`);
    const root = new URL(`${this.root}/`);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) {
      throw new CreatioError({
        status: 0,
        kind: 'bad-request',
        message: `Creatio sent a next-page link outside the site (${url.origin}); Weft does not follow it.`,
      });
    }
    return url.pathname.slice(root.pathname.length) + url.search;
  }

  /** Incremental read ordered by `<field>,Id`, yielding each page with the watermark after it. */
  async *keysetPages(entity: string, opts: KeysetOptions = {}): AsyncGenerator<{ rows: Row[]; watermark: string }> {
    const field = opts.field ?? 'ModifiedOn';
    const pageSize = opts.pageSize ?? 200;
    const select = opts.select?.length ? [...new Set([...opts.select, 'Id', field])] : undefined;
    let mark = parseWatermark(opts.after);
    for (;;) {
      // `field ge X` without the rows read at X, never `Id gt …` (keyset.ts says why).
      const at = keysetFilter(field, mark);
      const filter = andFilters(opts.filter, at.filter);
      const page = await this.list(entity, {
        select,
        expand: opts.expand,
        filter,
        orderby: `${field} asc,Id asc`,
        top: pageSize,
        skip: at.skip,
      });
      if (page.value.length === 0) return;
      const next = nextWatermark(
        mark,
        page.value.map((r) => ({ value: String(r[field]), id: String(r.Id) })),
      );
      yield { rows: page.value, watermark: formatWatermark(next) };
      // A capped page (nextLink) is not the end: the next keyset query continues after it.
      if (page.value.length < pageSize && !page.nextLink) return;
      mark = next;
    }
  }

  async get(entity: string, id: string, q: Pick<QueryOptions, 'select' | 'expand'> = {}): Promise<Row> {
    const { '@odata.context': _, ...row } = await this.json('GET', `${check(entity)}(${id})${query(q)}`, undefined, {
      entity,
      action: 'reading',
    });
    return row;
  }

  async count(entity: string, filter?: string): Promise<number> {
    const res = await this.send('GET', `${check(entity)}/$count${query({ filter })}`, undefined, {
      entity,
      action: 'counting',
    });
    return Number(res.text);
  }

  /** POST → 201 with the full record (incl. `Id`). Lookups by flat name: `{ AccountId: '…' }`. */
  async create(entity: string, data: Row): Promise<Row> {
    const { '@odata.context': _, ...row } = await this.json('POST', check(entity), data, {
      entity,
      action: 'creating a record in',
    });
    return row;
  }

  /** PATCH → 204; send only the changed fields. */
  async update(entity: string, id: string, data: Row): Promise<void> {
    await this.send('PATCH', `${check(entity)}(${id})`, data, { entity, action: 'updating a record of' });
  }

  async delete(entity: string, id: string): Promise<void> {
    await this.send('DELETE', `${check(entity)}(${id})`, undefined, { entity, action: 'deleting a record of' });
  }

  /** JSON `$batch`, ≤100 requests (A8). Without continueOnError Creatio stops at the first failure. */
  async batch(requests: BatchRequest[], opts: { continueOnError?: boolean } = {}): Promise<BatchResult[]> {
    if (requests.length > 100)
      throw new CreatioError({
        status: 0,
        kind: 'bad-request',
        message: `A Creatio batch holds at most 100 requests; got ${requests.length}.`,
      });
    const ids = requests.map((r, n) => r.id ?? String(n + 1));
    const payload = {
      requests: requests.map((r, n) => ({
        id: ids[n],
        method: r.method,
        url: r.url,
        body: r.body,
        headers: { 'Content-Type': JSON_BODY },
      })),
    };
    const res = await this.send(
      'POST',
      '$batch',
      payload,
      { action: 'sending a batch to' },
      opts.continueOnError ? { Prefer: 'continue-on-error' } : {},
    );
    const body = (safeJson(res.text) ?? {}) as { responses?: { id: string; status: number; body?: unknown }[] };
    return (body.responses ?? []).map((r) => {
      const req = requests[ids.indexOf(r.id)];
      const entity = req?.url.split(/[(/?]/)[0];
      const error =
        r.status >= 400
          ? creatioErrorFromResponse(r.status, JSON.stringify(r.body ?? ''), { entity, action: 'batching' })
          : undefined;
      return { id: r.id, status: r.status, body: r.body, error };
    });
  }

  /** Entities and fields from `$metadata`. */
  async metadata(): Promise<CreatioEntity[]> {
    const res = await this.send(
      'GET',
      '$metadata',
      undefined,
      { action: 'reading the schema of' },
      { Accept: 'application/xml' },
    );
    return parseMetadata(res.text);
  }
}

function check(entity: string): string {
  if (!ENTITY.test(entity))
    throw new CreatioError({
      status: 0,
      kind: 'bad-request',
      message: `'${entity}' is not a valid Creatio object name.`,
      entity,
    });
  return entity;
}

function query(q: QueryOptions): string {
  return queryString({
    $select: q.select?.join(','),
    $filter: q.filter,
    $expand: q.expand,
    $orderby: q.orderby,
    $top: q.top,
    $skip: q.skip,
    $count: q.count ? 'true' : undefined,
  });
}
