// GET handlers: collection, record by key, /$count, with $select/$expand/$filter/
// $orderby/$top/$skip/$count. Rows are serialised the way a real instance does
// (external-apis.md A4): empty lookup = zero GUID, empty text = "", 7-digit UTC.
import {
  clrTypeName,
  collectionNav,
  column,
  entityDef,
  navColumn,
  ZERO_GUID,
  type CollectionNav,
  type ColumnDef,
  type EntityDef,
} from './entities';
import { SqlScope, filterSql, orderBySql } from './odata-filter';
import type { Db } from './store';
import { QUERY_INVALID, odataError, type SimResponse } from './wire-errors';
import { statement } from './statements';

export interface ReadContext {
  db: Db;
  /** `http://host:port/0/odata` — prefix of `@odata.context`. */
  serviceRoot: string;
  /**
   * Off by default: Creatio documents no server-driven paging (A6). When set, pages
   * are capped and carry `@odata.nextLink`, as a proxy or a future build might do,
   * so clients' defensive nextLink handling can be tested.
   */
  maxPageSize?: number;
}

interface ExpandItem {
  nav: string;
  select?: string[];
  expand: ExpandItem[];
  /** Set for a detail collection (`OpportunityProductCollectionByOpportunity`): its rows, filtered and ordered. */
  collection?: CollectionNav;
  filter?: string;
  orderby?: string;
  top?: number;
}

const KNOWN_OPTIONS = new Set(['$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$count', '$format']);

export function serialise(col: ColumnDef, v: unknown): unknown {
  switch (col.type) {
    case 'Lookup':
      return v ?? ZERO_GUID;
    case 'Boolean':
      return v === 1 || v === true;
    case 'Text':
      return v ?? '';
    default:
      return v ?? null;
  }
}

export function readList(ctx: ReadContext, e: EntityDef, q: URLSearchParams): SimResponse {
  for (const k of q.keys()) {
    if (k.startsWith('$') && !KNOWN_OPTIONS.has(k))
      throw odataError(400, `The query parameter '${k}' is not supported.`);
  }
  const select = parseSelect(e, q.get('$select'));
  const expand = parseExpand(e, q.get('$expand') ?? '');
  const scope = new SqlScope(e);
  const where = q.get('$filter') ? filterSql(scope, q.get('$filter')!) : '1';
  const order = q.get('$orderby') ? orderBySql(scope, q.get('$orderby')!) : 't.rowid';
  const asked = intOption(q, '$top');
  const skip = intOption(q, '$skip') ?? 0;
  const capped = ctx.maxPageSize !== undefined && (asked === undefined || asked > ctx.maxPageSize);
  const top = capped ? ctx.maxPageSize : asked;
  const from = `FROM "${e.name}" AS t ${scope.joins.join(' ')} WHERE ${where}`;
  const rows = statement(ctx.db, `SELECT t.* ${from} ORDER BY ${order} LIMIT ? OFFSET ?`).all(
    ...scope.params,
    top ?? -1,
    skip,
  ) as Record<string, unknown>[];
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.serviceRoot}/$metadata#${e.name}${selectSuffix(select)}`,
  };
  if (q.get('$count') === 'true') {
    body['@odata.count'] = (statement(ctx.db, `SELECT count(*) AS n ${from}`).get(...scope.params) as { n: number }).n;
  }
  const expanded: Expanded = new Map();
  body.value = rows.map((r) => shape(ctx, e, r, select, expand, expanded));
  if (capped && rows.length === top) {
    const next = new URLSearchParams(q);
    next.set('$skip', String(skip + rows.length));
    if (asked !== undefined) next.set('$top', String(asked - rows.length));
    body['@odata.nextLink'] = `${ctx.serviceRoot}/${e.name}?${next.toString().replace(/\+/g, '%20')}`;
  }
  return { status: 200, body };
}

export function readOne(ctx: ReadContext, e: EntityDef, id: string, q: URLSearchParams): SimResponse {
  const select = parseSelect(e, q.get('$select'));
  const expand = parseExpand(e, q.get('$expand') ?? '');
  const row = statement(ctx.db, `SELECT * FROM "${e.name}" WHERE "Id" = ?`).get(id) as
    Record<string, unknown> | undefined;
  if (!row) throw odataError(404, `Entity of type '${clrTypeName(e.name)}' with key '${id}' was not found.`);
  return {
    status: 200,
    body: { '@odata.context': `${ctx.serviceRoot}/$metadata#${e.name}/$entity`, ...shape(ctx, e, row, select, expand) },
  };
}

export function readCount(ctx: ReadContext, e: EntityDef, q: URLSearchParams): SimResponse {
  const scope = new SqlScope(e);
  const where = q.get('$filter') ? filterSql(scope, q.get('$filter')!) : '1';
  const n = (
    statement(ctx.db, `SELECT count(*) AS n FROM "${e.name}" AS t ${scope.joins.join(' ')} WHERE ${where}`).get(
      ...scope.params,
    ) as { n: number }
  ).n;
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: String(n) };
}

/** Full record as the wire shows it (used by POST's 201 body too). */
type Expanded = Map<ExpandItem, Map<unknown, Record<string, unknown> | null>>;

/**
 * `expanded`: lookups already read for this answer, by $expand item (its own $select) and id. A page of
 * 1,000 accounts expands the same two or three lookup rows (e.g. UsrActive Yes/No)
 * over and over; one read each is enough within one answer.
 */
export function shape(
  ctx: ReadContext,
  e: EntityDef,
  row: Record<string, unknown>,
  select?: string[],
  expand: ExpandItem[] = [],
  expanded: Expanded = new Map(),
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const col of e.columns) {
    if (!select || select.includes(col.name)) out[col.name] = serialise(col, row[col.name]);
  }
  for (const x of expand) {
    if (x.collection) {
      out[x.nav] = detailRows(ctx, x, x.collection, String(row.Id));
      continue;
    }
    const nav = navColumn(e, x.nav)!;
    const target = entityDef(nav.ref!)!;
    const id = row[nav.name];
    let seen = expanded.get(x);
    if (!seen) expanded.set(x, (seen = new Map()));
    let shaped = seen.get(id);
    if (shaped === undefined) {
      const related = id
        ? (statement(ctx.db, `SELECT * FROM "${target.name}" WHERE "Id" = ?`).get(id) as
            Record<string, unknown> | undefined)
        : undefined;
      shaped = related ? shape(ctx, target, related, x.select, x.expand, expanded) : null;
      seen.set(id, shaped);
    }
    out[x.nav] = shaped;
  }
  return out;
}

/** The detail rows of one master row, in the order asked (row order otherwise, as the real service's clustered key). */
function detailRows(ctx: ReadContext, x: ExpandItem, c: CollectionNav, masterId: string): Record<string, unknown>[] {
  const scope = new SqlScope(c.detail);
  const where = x.filter ? filterSql(scope, x.filter) : '1';
  const order = x.orderby ? orderBySql(scope, x.orderby) : 't.rowid';
  const rows = statement(
    ctx.db,
    `SELECT t.* FROM "${c.detail.name}" AS t ${scope.joins.join(' ')} WHERE t."${c.column.name}" = ? AND ${where} ORDER BY ${order} LIMIT ?`,
  ).all(masterId, ...scope.params, x.top ?? -1) as Record<string, unknown>[];
  return rows.map((r) => shape(ctx, c.detail, r, x.select, x.expand));
}

function intOption(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (!/^\d+$/.test(v)) throw odataError(400, `${QUERY_INVALID} Invalid value '${v}' for ${name} query option found.`);
  return Number(v);
}

function parseSelect(e: EntityDef, text: string | null): string[] | undefined {
  if (!text || text.trim() === '*') return undefined;
  const names = text.split(',').map((s) => s.trim());
  for (const n of names) {
    // Unknown property → 400 naming only the first bad one (A5).
    if (!column(e, n))
      throw odataError(
        400,
        `${QUERY_INVALID} Could not find a property named '${n}' on type '${clrTypeName(e.name)}'.`,
      );
  }
  return names;
}

/** Split on `sep` outside parentheses. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** `UsrActive($select=Name),Owner($select=Name;$expand=Account)` → items. */
function parseExpand(e: EntityDef, text: string): ExpandItem[] {
  return splitTop(text, ',').map((item) => {
    const m = /^([A-Za-z_]\w*)(?:\((.*)\))?$/s.exec(item);
    if (!m) throw odataError(400, `${QUERY_INVALID} Syntax error in $expand near '${item}'.`);
    const collection = collectionNav(e, m[1]);
    if (collection) return parseCollectionExpand(m[1], collection, m[2] ?? '');
    const nav = navColumn(e, m[1]);
    if (!nav) {
      if (column(e, m[1])) {
        throw odataError(
          400,
          `Property '${m[1]}' on type '${clrTypeName(e.name)}' is not a navigation property or complex property. Only navigation properties can be expanded.`,
        );
      }
      throw odataError(
        400,
        `${QUERY_INVALID} Could not find a property named '${m[1]}' on type '${clrTypeName(e.name)}'.`,
      );
    }
    const target = entityDef(nav.ref!)!;
    const x: ExpandItem = { nav: m[1], expand: [] };
    for (const opt of splitTop(m[2] ?? '', ';')) {
      const [k, ...rest] = opt.split('=');
      const v = rest.join('=');
      if (k === '$select') x.select = parseSelect(target, v);
      else if (k === '$expand') x.expand = parseExpand(target, v);
      else throw odataError(400, `${QUERY_INVALID} The option '${k}' is not supported inside $expand.`);
    }
    return x;
  });
}

/** Options inside a collection expand: $select, $expand, $filter, $orderby, $top (OData 4 §5.1.2). */
function parseCollectionExpand(nav: string, collection: CollectionNav, options: string): ExpandItem {
  const x: ExpandItem = { nav, expand: [], collection };
  for (const opt of splitTop(options, ';')) {
    const [k, ...rest] = opt.split('=');
    const v = rest.join('=');
    if (k === '$select') x.select = parseSelect(collection.detail, v);
    else if (k === '$expand') x.expand = parseExpand(collection.detail, v);
    else if (k === '$filter') x.filter = v;
    else if (k === '$orderby') x.orderby = v;
    else if (k === '$top' && /^\d+$/.test(v)) x.top = Number(v);
    else throw odataError(400, `${QUERY_INVALID} The option '${k}' is not supported inside $expand.`);
  }
  return x;
}

function selectSuffix(select?: string[]): string {
  return select ? `(${select.join(',')})` : '';
}
