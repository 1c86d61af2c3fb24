// `/v3/company/{realmId}/…`: query, read, create/update/delete/void, batch and
// CDC, with `requestid` replay (reference B1: a repeat returns the original
// response without running again). `minorversion` is accepted and ignored:
// since 2025-08 every version below 75 behaves as 75.
import express, { type Request, type Response, type Router } from 'express';
import { companyTime } from './company-time';
import { ENTITIES, entityByPath } from './entities';
import type { EntityDef } from './entity-types';
import { parseQuery, runQuery } from './query-lang';
import type { RealmInfo, QboStore, StoredRow } from './store';
import { fault, faultBody, QboFault, sendFault } from './wire-errors';
import { create, read, remove, render, update, voidTxn, type WriteEnv } from './write';

type Body = Record<string, unknown>;
/** Entities Change Data Capture does not cover (reference B6); the wording of the refusal is a guess [?]. */
const NOT_IN_CDC = new Set(['JournalCode', 'TaxAgency', 'TimeActivity', 'TaxCode', 'TaxRate']);
export interface ApiEnv {
  store: QboStore;
  now: () => number;
  stats: { writes: number };
  /** Draws for the order of batch answers; absent, they come back in the order asked. */
  shuffle?: () => number;
}

/**
 * Batch answers in a (seeded) random order: QuickBooks does not promise the order of
 * `BatchItemResponse`, and clients must match items by `bId` (reference B7; Intuit's
 * SampleApp-Batch-Java reads them by bId).
 */
function shuffled<T>(items: T[], random: (() => number) | undefined): T[] {
  if (!random) return items;
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const realmOf = (env: ApiEnv, req: Request): RealmInfo => env.store.realm(String(req.params.realmId))!;
const stamp = (realm: RealmInfo, env: ApiEnv) => companyTime(env.now(), realm.timeZone, true);

function queryResponse(env: ApiEnv, realm: RealmInfo, text: string): Body {
  const q = parseQuery(text);
  const rows = candidates(env, realm, q).map((r) => render(r, realm.timeZone));
  const { page, total } = runQuery(q, rows);
  if (q.count) return { totalCount: total };
  // No rows: the entity key is absent, not an empty array (reference B3, pitfall 4).
  return page.length ? { [q.entity.name]: page, startPosition: q.start, maxResults: page.length } : {};
}

/**
 * The rows a query can match. A lookup by name or Id (`DisplayName IN (…)`, the
 * binding query) uses the indexes instead of reading the whole company; runQuery
 * still applies every condition, so results are the same either way.
 */
function candidates(env: ApiEnv, realm: RealmInfo, q: ReturnType<typeof parseQuery>): StoredRow[] {
  const where = q.where ?? [];
  const byName = q.entity.nameField
    ? where.find((c) => c.field === q.entity.nameField && (c.op === '=' || c.op === 'IN'))
    : undefined;
  if (byName) return env.store.byName(realm.id, [q.entity.name], byName.values);
  const byId = where.find((c) => c.field === 'Id' && (c.op === '=' || c.op === 'IN'));
  if (byId)
    return byId.values
      .map((id) => env.store.get(realm.id, q.entity.name, id))
      .filter((r): r is StoredRow => r !== undefined && !r.deleted);
  return env.store.all(realm.id, q.entity.name);
}

type Op = 'create' | 'update' | 'delete' | 'void';

function execute(env: ApiEnv, realm: RealmInfo, def: EntityDef, op: Op, body: Body): Body {
  const w: WriteEnv = { store: env.store, realm, now: env.now() };
  env.stats.writes++;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw fault(
      '2010',
      'Request has invalid or unsupported property',
      `Error parsing object: expected a ${def.name} JSON object`,
    );
  const row =
    op === 'delete'
      ? remove(w, def, body)
      : op === 'void'
        ? voidTxn(w, def, body)
        : op === 'update' || body.Id !== undefined
          ? update(w, def, body)
          : create(w, def, body);
  return render(row, realm.timeZone);
}

function checkRequestId(id: unknown, max: number): string | undefined {
  if (id === undefined) return undefined;
  const s = String(id);
  if (!s || s.length > max)
    throw fault(
      '2010',
      'Request has invalid or unsupported property',
      `requestid must be 1 to ${max} characters (supplied ${s.length})`,
      'requestid',
    );
  return s;
}

/**
 * Run `fn` once per (realm, requestid); repeats get the stored response. `json` is the
 * body as sent: made once, stored as is and written into the answer as is (a batch of
 * 30 was otherwise serialised twice).
 */
function once(
  env: ApiEnv,
  realm: RealmInfo,
  requestId: string | undefined,
  fn: () => { status: number; body: Body },
): { status: number; json: string } {
  if (requestId) {
    const prior = env.store.recorded(realm.id, requestId);
    if (prior) return prior;
  }
  const out = fn();
  const json = JSON.stringify(out.body);
  if (requestId && out.status < 500) env.store.record(realm.id, requestId, out.status, json);
  return { status: out.status, json };
}

function attempt(fn: () => Body): { status: number; body: Body } {
  try {
    return { status: 200, body: fn() };
  } catch (e) {
    if (e instanceof QboFault) return { status: e.status, body: faultBody(e) };
    throw e;
  }
}

function batchItem(env: ApiEnv, realm: RealmInfo, item: Body): Body {
  const bId = item.bId;
  if (typeof item.Query === 'string') return { bId, QueryResponse: queryResponse(env, realm, item.Query) };
  const key = Object.keys(item).find((k) => ENTITIES[k]);
  if (!key)
    throw fault('2010', 'Request has invalid or unsupported property', `Batch item ${String(bId)} names no entity`);
  const op = String(item.operation ?? 'create');
  if (!['create', 'update', 'delete'].includes(op))
    throw fault('2010', 'Request has invalid or unsupported property', `Unknown batch operation ${op}`, 'operation');
  const real: Op = item.optionsData === 'void' ? 'void' : (op as Op);
  return { bId, [key]: execute(env, realm, ENTITIES[key], real, item[key] as Body) };
}

export function companyRouter(env: ApiEnv): Router {
  const r = express.Router({ mergeParams: true });
  const text = express.text({ type: ['application/text', 'text/plain'] });

  const runQ = (req: Request, res: Response, q: unknown) => {
    const realm = realmOf(env, req);
    if (typeof q !== 'string' || !q.trim())
      throw fault('4000', 'Error parsing query', 'QueryParserError: the query is empty');
    res.json({ QueryResponse: queryResponse(env, realm, q), time: stamp(realm, env) });
  };
  r.get('/query', (req, res) => runQ(req, res, req.query.query));
  r.post('/query', text, (req, res) => runQ(req, res, typeof req.body === 'string' ? req.body : req.query.query));

  r.get('/cdc', (req, res) => {
    const realm = realmOf(env, req);
    const names = String(req.query.entities ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const since = Date.parse(String(req.query.changedSince ?? ''));
    if (!names.length || Number.isNaN(since))
      throw fault(
        '2020',
        'Required param missing, need to supply the required value for the API',
        'Required parameters entities and changedSince (ISO 8601 with offset) are missing or invalid',
        names.length ? 'changedSince' : 'entities',
      );
    // The observed wording (Wish-Org/QuickBooksSharp#19); the code and title are a guess [?].
    if (env.now() - since > 30 * 86_400_000)
      throw fault(
        '500',
        'Unsupported Operation',
        `Operation cdc with changedSince date ${String(req.query.changedSince)} which is older than fixed days is not supported.`,
        'changedSince',
      );
    // ≤1000 objects per response, shared by all the entities asked for (reference B6), oldest
    // changes first [?: which 1000 Intuit keeps is not documented]; the answer cannot be paged.
    let budget = 1000;
    const parts = names.map((n) => {
      const def = ENTITIES[n];
      if (NOT_IN_CDC.has(n))
        throw fault('500', 'Unsupported Operation', `Operation cdc is not supported for ${n}.`, 'entities');
      if (!def)
        throw fault(
          '4001',
          'Invalid query',
          `Invalid entity ${n} for Change Data Capture (names are case-sensitive)`,
          'entities',
        );
      const rows = env.store.changedSince(realm.id, n, since).slice(0, budget);
      budget -= rows.length;
      const out = rows.map((row) =>
        row.deleted
          ? {
              Id: row.id,
              status: 'Deleted',
              domain: 'QBO',
              MetaData: { LastUpdatedTime: companyTime(row.updated, realm.timeZone) },
            }
          : render(row, realm.timeZone),
      );
      return out.length ? { [n]: out, startPosition: 1, maxResults: out.length } : {};
    });
    res.json({ CDCResponse: [{ QueryResponse: parts }], time: stamp(realm, env) });
  });

  r.post('/batch', express.json({ limit: '10mb' }), (req, res) => {
    const realm = realmOf(env, req);
    const items = (req.body as Body)?.BatchItemRequest;
    if (!Array.isArray(items) || !items.length)
      throw fault(
        '2020',
        'Required param missing, need to supply the required value for the API',
        'Required parameter BatchItemRequest is missing in the request',
        'BatchItemRequest',
      );
    if (items.length > 30)
      throw fault(
        '1040',
        'Batch size exceeds allowed limit',
        `Batch size exceeds allowed limit. Batch size requested: ${items.length}, Batch size allowed: 30`,
      );
    const requestId = checkRequestId(req.query.requestid, 36);
    // A repeated requestid gets the original answer to the whole batch, as any other call
    // (reference B1), without running an item again. Items are independent: each fails or
    // succeeds alone, in one SQLite transaction for the batch (each item's own writes are a
    // nested one, undone alone when the item fails) holding the stored answer too.
    const out = env.store.transaction(() =>
      once(env, realm, requestId && `batch/${requestId}`, () => ({
        status: 200,
        body: {
          BatchItemResponse: shuffled(
            items.map((item: Body) => {
              const a = attempt(() => batchItem(env, realm, item));
              return a.status === 200 ? a.body : { bId: item.bId, ...a.body };
            }),
            env.shuffle,
          ),
        },
      })),
    );
    res.type('json').send(`${out.json.slice(0, -1)},"time":${JSON.stringify(stamp(realm, env))}}`);
  });

  // CompanyInfo is read-only and keyed by the realm id; connectors read it to test a connection.
  r.get('/companyinfo/:id', (req, res) => {
    const realm = realmOf(env, req);
    if (req.params.id !== realm.id)
      throw fault('610', 'Object Not Found', `Object Not Found : CompanyInfo ${String(req.params.id)}`, 'Id');
    res.json({
      CompanyInfo: {
        CompanyName: realm.name,
        LegalName: realm.name,
        Country: 'US',
        SupportedLanguages: 'en',
        domain: 'QBO',
        sparse: false,
        Id: realm.id,
        SyncToken: '0',
        CompanyAddr: {
          Line1: '1 Sandbox Way',
          City: 'Mountain View',
          CountrySubDivisionCode: 'CA',
          PostalCode: '94043',
        },
        NameValue: [
          { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
          { Name: 'TimeZone', Value: realm.timeZone },
        ],
      },
      time: stamp(realm, env),
    });
  });

  // Preferences: one per company, read without an Id (GET /preferences), updated with POST /preferences.
  r.get('/preferences', (req, res) => {
    const realm = realmOf(env, req);
    const row = env.store.get(realm.id, 'Preferences', '1');
    if (!row) throw fault('610', 'Object Not Found', 'Object Not Found : Preferences', 'Id');
    res.json({ Preferences: render(row, realm.timeZone), time: stamp(realm, env) });
  });

  r.get('/:entity/:id', (req, res) => {
    const realm = realmOf(env, req);
    const def = entityByPath(String(req.params.entity));
    if (!def)
      throw fault(
        '500',
        'Unsupported Operation',
        `Operation ${req.path} is not supported (entity paths are lower-case, e.g. /customer/1)`,
      );
    const row = read({ store: env.store, realm, now: env.now() }, def, String(req.params.id));
    res.json({ [def.name]: render(row, realm.timeZone), time: stamp(realm, env) });
  });

  r.post('/:entity', express.json({ limit: '10mb' }), (req, res) => {
    const realm = realmOf(env, req);
    const def = entityByPath(String(req.params.entity));
    if (!def)
      throw fault(
        '500',
        'Unsupported Operation',
        `Operation ${req.path} is not supported (entity paths are lower-case, e.g. /customer)`,
      );
    const operation = req.query.operation;
    if (operation !== undefined && operation !== 'delete' && operation !== 'void' && operation !== 'update')
      throw fault('500', 'Unsupported Operation', `Operation ${String(operation)} is not supported`);
    const op: Op = operation === 'delete' ? 'delete' : operation === 'void' ? 'void' : 'create';
    const requestId = checkRequestId(req.query.requestid, 50);
    const out = once(env, realm, requestId, () =>
      attempt(() => ({ [def.name]: execute(env, realm, def, op, req.body as Body) })),
    );
    // The stored body with the envelope's `time` of this answer added, as the object spread did.
    res
      .status(out.status)
      .type('json')
      .send(`${out.json === '{}' ? '{' : `${out.json.slice(0, -1)},`}"time":${JSON.stringify(stamp(realm, env))}}`);
  });

  r.use((req, res) => {
    sendFault(
      res,
      fault('500', 'Unsupported Operation', `Operation ${req.method} ${req.path} is not supported`),
      realmOf(env, req).timeZone,
    );
  });
  return r;
}
