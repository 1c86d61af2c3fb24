// The QuickBooks Online query language (reference B5):
//   SELECT * | count(*) FROM Entity [WHERE p op v [AND …]] [ORDERBY p [ASC|DESC], …]
//   [STARTPOSITION n] [MAXRESULTS n]
// ops = < > <= >= IN LIKE (only %); no OR, no JOIN, no projections; values in
// single quotes with backslash escapes (\'); entity names case-sensitive.
import { ENTITIES } from './entities';
import type { EntityDef, FilterType } from './entity-types';
import { fault } from './wire-errors';

type Op = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';
export interface Condition {
  field: string;
  op: Op;
  values: string[];
}
export interface ParsedQuery {
  count: boolean;
  entity: EntityDef;
  where: Condition[];
  orderBy: { field: string; desc: boolean }[];
  start: number;
  max: number;
}

interface Tok {
  kind: 'word' | 'str' | 'num' | 'sym';
  text: string;
  col: number;
}

function parserError(tok: Tok | undefined, expecting: string): never {
  const seen = tok ? `"${tok.text}"` : '<EOF>';
  throw fault(
    '4000',
    'Error parsing query',
    `QueryParserError: Encountered ${seen} at line 1, column ${tok ? tok.col : 0}. Was expecting ${expecting}.`,
  );
}

function tokenize(q: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const col = i + 1;
    if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= q.length)
          throw fault(
            '4000',
            'Error parsing query',
            `QueryParserError: Lexical error: unterminated string starting at column ${col}.`,
          );
        if (q[i] === '\\' && i + 1 < q.length) {
          s += q[i + 1];
          i += 2;
          continue;
        }
        if (q[i] === "'") {
          i++;
          break;
        }
        s += q[i++];
      }
      toks.push({ kind: 'str', text: s, col });
    } else if (/[<>=]/.test(c)) {
      const two = q.slice(i, i + 2);
      const t = two === '<=' || two === '>=' || two === '!=' || two === '<>' ? two : c;
      toks.push({ kind: 'sym', text: t, col });
      i += t.length;
    } else if (/[(),*!]/.test(c)) {
      toks.push({ kind: 'sym', text: c, col });
      i++;
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(q.slice(i));
      if (!m) parserError({ kind: 'sym', text: c, col }, 'a value');
      toks.push({ kind: 'num', text: m[0], col });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(q.slice(i))!;
      toks.push({ kind: 'word', text: m[0], col });
      i += m[0].length;
    } else {
      parserError({ kind: 'sym', text: c, col }, 'a keyword, field or value');
    }
  }
  return toks;
}

export function parseQuery(text: string): ParsedQuery {
  const toks = tokenize(text);
  let p = 0;
  const peek = () => toks[p];
  const isWord = (w: string) => peek()?.kind === 'word' && peek().text.toUpperCase() === w;
  const expectWord = (w: string) => {
    if (!isWord(w)) parserError(peek(), `"${w}"`);
    p++;
  };
  const expectSym = (s: string) => {
    if (peek()?.text !== s) parserError(peek(), `"${s}"`);
    p++;
  };
  const int = () => {
    const t = peek();
    if (t?.kind !== 'num') parserError(t, 'a number');
    p++;
    return Number(t.text);
  };

  expectWord('SELECT');
  let count = false;
  if (peek()?.text === '*') p++;
  else if (isWord('COUNT')) {
    p++;
    expectSym('(');
    expectSym('*');
    expectSym(')');
    count = true;
  } else parserError(peek(), '"*" or "count(*)" (projections are not supported)');
  expectWord('FROM');
  const nameTok = peek();
  if (nameTok?.kind !== 'word') parserError(nameTok, 'an entity name');
  p++;
  const entity = ENTITIES[nameTok.text];
  if (!entity)
    throw fault(
      '4001',
      'Invalid query',
      `QueryValidationError: Invalid table name ${nameTok.text} (entity names are case-sensitive, e.g. Customer)`,
    );

  const field = () => {
    const t = peek();
    if (t?.kind !== 'word') parserError(t, 'a property name');
    p++;
    if (!entity.filterable[t.text])
      throw fault(
        '4001',
        'Invalid query',
        `QueryValidationError: property '${t.text}' is not queryable on ${entity.name}`,
      );
    return t.text;
  };
  const value = () => {
    const t = peek();
    if (!t || (t.kind !== 'str' && t.kind !== 'num' && !(t.kind === 'word' && /^(true|false)$/i.test(t.text))))
      parserError(t, 'a value');
    p++;
    return t.text;
  };

  const where: Condition[] = [];
  if (isWord('WHERE')) {
    p++;
    for (;;) {
      const f = field();
      const t = peek();
      let op: Op;
      if (t?.kind === 'sym' && ['=', '<', '>', '<=', '>='].includes(t.text)) op = t.text as Op;
      else if (t?.kind === 'word' && /^(IN|LIKE)$/i.test(t.text)) op = t.text.toUpperCase() as Op;
      else parserError(t, 'one of =, <, >, <=, >=, IN, LIKE');
      p++;
      const values: string[] = [];
      if (op === 'IN') {
        expectSym('(');
        values.push(value());
        while (peek()?.text === ',') {
          p++;
          values.push(value());
        }
        expectSym(')');
      } else values.push(value());
      where.push({ field: f, op, values });
      // No OR in this language: anything but AND here is a parser error (reference B5).
      if (!isWord('AND')) break;
      p++;
    }
  }
  const orderBy: ParsedQuery['orderBy'] = [];
  if (isWord('ORDERBY') || isWord('ORDER')) {
    if (isWord('ORDER')) {
      p++;
      expectWord('BY');
    } else p++;
    for (;;) {
      const f = field();
      let desc = false;
      if (isWord('DESC')) {
        desc = true;
        p++;
      } else if (isWord('ASC')) p++;
      orderBy.push({ field: f, desc });
      if (peek()?.text !== ',') break;
      p++;
    }
  }
  let start = 1;
  let max = 100;
  if (isWord('STARTPOSITION')) {
    p++;
    start = Math.max(1, int());
  }
  if (isWord('MAXRESULTS')) {
    p++;
    max = Math.max(0, int());
    // Refused, not clamped (ruckus/quickbooks-ruby#24 logged Intuit's words; reference B10).
    if (max > 1000)
      throw fault(
        '4001',
        'Invalid query',
        `QueryValidationError: value ${max} is too large. Max allowed value is 1000`,
      );
  }
  if (p < toks.length) parserError(peek(), '<EOF> or "and"');
  return { count, entity, where, orderBy, start, max };
}

function fieldValue(row: Record<string, unknown>, field: string): unknown {
  let v: unknown = row;
  for (const part of field.split('.'))
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return o.value ?? o.Address ?? o.FreeFormNumber ?? o.URI;
  }
  return v;
}

function compare(type: FilterType, a: unknown, b: string): number {
  if (a === undefined || a === null) return NaN;
  switch (type) {
    case 'number':
    case 'id':
      return Number(a) - Number(b);
    case 'datetime':
      return Date.parse(String(a)) - Date.parse(b);
    case 'boolean':
      return String(a) === b.toLowerCase() ? 0 : 1;
    default:
      return String(a).toLowerCase().localeCompare(b.toLowerCase());
  }
}

function matches(cond: Condition, type: FilterType, row: Record<string, unknown>): boolean {
  let v = fieldValue(row, cond.field);
  if (cond.field === 'Active' && v === undefined) v = true;
  const [first] = cond.values;
  switch (cond.op) {
    case '=':
      return compare(type, v, first) === 0;
    case '<':
      return compare(type, v, first) < 0;
    case '>':
      return compare(type, v, first) > 0;
    case '<=':
      return compare(type, v, first) <= 0;
    case '>=':
      return compare(type, v, first) >= 0;
    case 'IN':
      return cond.values.some((x) => compare(type, v, x) === 0);
    case 'LIKE': {
      if (v === undefined) return false;
      const re = new RegExp(
        `^${first
          .split('%')
          .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
        'is',
      );
      return re.test(String(v));
    }
  }
}

/** Filter, order and page rendered rows; returns the page and the full match count. */
export function runQuery(
  q: ParsedQuery,
  rows: Record<string, unknown>[],
): { page: Record<string, unknown>[]; total: number } {
  const { entity } = q;
  // Inactive names are hidden unless the query mentions Active (reference B4).
  const hideInactive = entity.kind === 'name' && !q.where.some((c) => c.field === 'Active');
  let out = rows.filter(
    (r) => !(hideInactive && r.Active === false) && q.where.every((c) => matches(c, entity.filterable[c.field], r)),
  );
  const order = q.orderBy.length ? q.orderBy : [{ field: 'Id', desc: false }];
  out = [...out].sort((a, b) => {
    for (const o of order) {
      const av = fieldValue(a, o.field);
      const c = av === undefined ? -1 : compare(entity.filterable[o.field], av, String(fieldValue(b, o.field) ?? ''));
      if (c) return o.desc ? -c : c;
    }
    return Number(a.Id) - Number(b.Id);
  });
  return { page: out.slice(q.start - 1, q.start - 1 + q.max), total: out.length };
}
