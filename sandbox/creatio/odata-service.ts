// Routes one OData request (already authenticated) to its handler. Used both by the
// HTTP layer and by $batch, so a batched sub-request behaves exactly like a single one.
import { clrTypeName, entityDef } from './entities';
import { metadataXml, serviceDocument } from './metadata';
import { readCount, readList, readOne } from './odata-read';
import { create, ieee754Of, isGuid, remove, update, type WriteContext } from './odata-write';
import { QUERY_INVALID, SimError, aspNetError, odataError, routingNotFound, type SimResponse } from './wire-errors';

export interface ODataRequest {
  method: string;
  /** Path after the service root, e.g. `Account(…)` or `$batch` (no leading slash). */
  path: string;
  query: URLSearchParams;
  body?: unknown;
  headers: Record<string, string | undefined>;
  /** Full URL, for the routing 404 message. */
  url: string;
}

export type ServiceContext = WriteContext & {
  /** Counts each write request served (POST, PATCH, MERGE, DELETE on an entity; batched ones one by one). */
  stats?: { writes: number };
};

const MAX_BATCH = 100; // A6

export function dispatch(ctx: ServiceContext, req: ODataRequest): SimResponse {
  try {
    return route(ctx, req);
  } catch (err) {
    if (err instanceof SimError) return err.response;
    return aspNetError(
      (err as Error).message,
      (err as Error).name === 'SqliteError' ? 'System.Data.SqlClient.SqlException' : 'System.Exception',
    ).response;
  }
}

function route(ctx: ServiceContext, req: ODataRequest): SimResponse {
  const { method, path } = req;
  if (path === '' && method === 'GET') return { status: 200, body: serviceDocument(ctx.serviceRoot) };
  if (path === '$metadata' && method === 'GET') {
    return { status: 200, headers: { 'content-type': 'application/xml; charset=utf-8' }, body: metadataXml() };
  }
  if (path === '$batch' && method === 'POST') return batch(ctx, req);
  const m = /^([A-Za-z_]\w*)(?:\(([^)]*)\))?(?:\/(\$count))?$/.exec(path);
  if (!m) throw routingNotFound(req.url, path.split(/[(/]/)[0]);
  const e = entityDef(m[1]);
  // An unregistered entity set is an ASP.NET routing 404, not an OData error (A9).
  if (!e) throw routingNotFound(req.url, m[1]);
  let id: string | undefined;
  if (m[2] !== undefined) {
    const raw = m[2].replace(/^Id=/, '');
    if (!isGuid(raw)) {
      throw odataError(
        400,
        `${QUERY_INVALID} The key value (${raw}) from request is not valid. The key value should be format of type 'Edm.Guid'.`,
      );
    }
    id = raw.toLowerCase();
  }
  if (m[3]) {
    if (method !== 'GET' || id) throw methodNotAllowed(method, e.name);
    return readCount(ctx, e, req.query);
  }
  if (method !== 'GET' && ctx.stats) ctx.stats.writes++;
  switch (method) {
    case 'GET':
      return id ? readOne(ctx, e, id, req.query) : readList(ctx, e, req.query);
    case 'POST':
      if (id) throw methodNotAllowed(method, e.name);
      return create(ctx, ieee754Of(req.headers['content-type']), e, req.body);
    case 'PATCH':
    case 'MERGE':
      if (!id) throw methodNotAllowed(method, e.name);
      return update(ctx, ieee754Of(req.headers['content-type']), e, id, req.body);
    case 'DELETE':
      if (!id) throw methodNotAllowed(method, e.name);
      return remove(ctx, e, id);
    default:
      throw methodNotAllowed(method, e.name);
  }
}

function methodNotAllowed(method: string, entity: string): SimError {
  return new SimError({
    status: 405,
    body: {
      Message: `The requested resource does not support http method '${method}'.`,
      MessageDetail: clrTypeName(entity),
    },
  });
}

interface BatchItem {
  id?: string;
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * JSON `$batch` (A8): at most 100 requests, run in order; stops at the first 4xx/5xx
 * unless `Prefer: continue-on-error` (on the batch or on the failing request).
 */
function batch(ctx: ServiceContext, req: ODataRequest): SimResponse {
  const items = (req.body as { requests?: BatchItem[] } | undefined)?.requests;
  if (!Array.isArray(items))
    throw odataError(400, 'The batch request body must be a JSON object with a "requests" array.');
  if (items.length > MAX_BATCH)
    throw odataError(400, `The batch contains ${items.length} requests; the limit is ${MAX_BATCH}.`);
  const continueAll = /continue-on-error/i.test(req.headers.prefer ?? '');
  const responses: Record<string, unknown>[] = [];
  for (const item of items) {
    const url = new URL(item.url ?? '', `${ctx.serviceRoot}/`);
    const root = new URL(`${ctx.serviceRoot}/`).pathname;
    const path = decodeURIComponent(
      url.pathname.startsWith(root) ? url.pathname.slice(root.length) : url.pathname.replace(/^\/(0\/)?odata\//, ''),
    );
    const res = dispatch(ctx, {
      method: (item.method ?? 'GET').toUpperCase(),
      path,
      query: url.searchParams,
      body: item.body,
      headers: Object.fromEntries(Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      url: url.toString(),
    });
    responses.push({
      id: item.id,
      status: res.status,
      headers: { 'content-type': 'application/json; odata.metadata=minimal', ...res.headers },
      body: res.body,
    });
    const itemContinue = /continue-on-error/i.test(item.headers?.Prefer ?? item.headers?.prefer ?? '');
    if (res.status >= 400 && !continueAll && !itemContinue) break;
  }
  return { status: 200, body: { responses } };
}
