// $filter and $orderby → SQL over the entity tables, using @odata/parser's AST.
// Faithful points (external-apis.md A5): unquoted ISO datetimes with a zone,
// unquoted GUIDs, lookups addressed by navigation path (`Account/Id`), while the
// flat FK name in a filter fails with "Column by path AccountId not found in schema".
import { defaultParser } from '@odata/parser';
import { clrTypeName, column, entityDef, navColumn, ZERO_GUID, type ColumnDef, type EntityDef } from './entities';
import { normaliseTimestamp } from './store';
import { QUERY_INVALID, odataError } from './wire-errors';

// The parser's token shape (its .d.ts types `value` as any).
interface Tok {
  type: string;
  raw: string;
  value: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  position?: number;
}

/** Accumulates the joins and parameters of one SELECT. */
export class SqlScope {
  readonly joins: string[] = [];
  readonly params: unknown[] = [];
  private readonly aliases = new Set<string>(['t']);
  /** String literals of the filter, taken out before parsing (see protectStrings). */
  strings: string[] = [];
  constructor(readonly entity: EntityDef) {}

  /** Resolve `Name`, `Account/Id` or `City/Country/Name` to a SQL expression and its column. */
  path(segments: string[]): { sql: string; col: ColumnDef } {
    let e = this.entity;
    let alias = 't';
    for (let k = 0; k < segments.length; k++) {
      const s = segments[k];
      const last = k === segments.length - 1;
      const col = column(e, s);
      if (last) {
        if (!col) throw notFound(s, e);
        // A lookup's flat FK name is a column of the table but not a path of the schema (clio knowledge note).
        if (col.type === 'Lookup')
          throw odataError(400, `Column by path ${segments.join('.')} not found in schema ${this.entity.name}.`);
        return { sql: `${alias}."${s}"`, col };
      }
      const nav = navColumn(e, s);
      if (!nav)
        throw col
          ? odataError(400, `${QUERY_INVALID} The property '${s}' cannot be used as a navigation path.`)
          : notFound(s, e);
      const target = entityDef(nav.ref!)!;
      // `Account/Id` needs no join: it is the FK value itself.
      if (k === segments.length - 2 && segments[k + 1] === 'Id')
        return { sql: `${alias}."${nav.name}"`, col: { name: 'Id', type: 'Guid' } };
      const next = `${alias}_${s}`;
      if (!this.aliases.has(next)) {
        this.aliases.add(next);
        this.joins.push(`LEFT JOIN "${target.name}" AS ${next} ON ${next}."Id" = ${alias}."${nav.name}"`);
      }
      e = target;
      alias = next;
    }
    throw odataError(400, `${QUERY_INVALID} Empty property path.`);
  }

  bind(v: unknown): string {
    this.params.push(v);
    return '?';
  }
}

function notFound(prop: string, e: EntityDef) {
  return odataError(
    400,
    `${QUERY_INVALID} Could not find a property named '${prop}' on type '${clrTypeName(e.name)}'.`,
  );
}

const COMPARE: Record<string, string> = {
  EqualsExpression: 'IS',
  NotEqualsExpression: 'IS NOT',
  GreaterThanExpression: '>',
  GreaterOrEqualsExpression: '>=',
  LesserThanExpression: '<',
  LesserOrEqualsExpression: '<=',
};
const OP_NAME: Record<string, string> = {
  EqualsExpression: 'Equal',
  NotEqualsExpression: 'NotEqual',
  GreaterThanExpression: 'GreaterThan',
  GreaterOrEqualsExpression: 'GreaterThanOrEqual',
  LesserThanExpression: 'LessThan',
  LesserOrEqualsExpression: 'LessThanOrEqual',
};
const EDM: Record<string, string> = {
  Guid: 'Edm.Guid',
  Text: 'Edm.String',
  DateTime: 'Edm.DateTimeOffset',
  Decimal: 'Edm.Decimal',
  Integer: 'Edm.Int32',
  Boolean: 'Edm.Boolean',
  Lookup: 'Edm.Guid',
};

export function edmType(col: ColumnDef): string {
  return EDM[col.type];
}

type Operand = { sql: string; col?: ColumnDef; literal?: { edm: string; value: unknown } };

/**
 * Swap each quoted string for a placeholder before parsing: @odata/parser rejects
 * tabs and line breaks inside literals, which Microsoft.OData (and so Creatio) accepts.
 */
function protectStrings(text: string): { text: string; strings: string[] } {
  const strings: string[] = [];
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "'") {
      out += text[i];
      continue;
    }
    let value = '';
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] === "'" && text[j + 1] === "'") {
        value += "'";
        j++;
      } else if (text[j] === "'") break;
      else value += text[j];
    }
    if (j >= text.length)
      throw odataError(400, `${QUERY_INVALID} There is an unterminated string literal at position ${i} in '${text}'.`);
    out += `'s${strings.length}'`;
    strings.push(value);
    i = j;
  }
  return { text: out, strings };
}

/** Parse a $filter into a SQL boolean expression in `scope`. */
export function filterSql(scope: SqlScope, original: string): string {
  let ast: Tok;
  const { text, strings } = protectStrings(original);
  scope.strings = strings;
  try {
    ast = defaultParser.filter(text) as unknown as Tok;
  } catch (err) {
    const at = /at (\d+)/.exec(String((err as Error).message))?.[1] ?? '0';
    throw odataError(400, `${QUERY_INVALID} Syntax error at position ${at} in '${original}'.`);
  }
  return boolExpr(scope, ast);
}

function boolExpr(scope: SqlScope, t: Tok): string {
  switch (t.type) {
    case 'AndExpression':
      return `(${boolExpr(scope, t.value.left)} AND ${boolExpr(scope, t.value.right)})`;
    case 'OrExpression':
      return `(${boolExpr(scope, t.value.left)} OR ${boolExpr(scope, t.value.right)})`;
    case 'NotExpression':
      return `(NOT ${boolExpr(scope, t.value)})`;
    case 'BoolParenExpression':
    case 'ParenExpression':
      return boolExpr(scope, t.value);
    case 'MethodCallExpression':
      return methodCall(scope, t);
    default:
      if (t.type in COMPARE) return comparison(scope, t);
      throw odataError(400, `${QUERY_INVALID} '${t.raw}' is not supported in $filter by this Creatio simulator.`);
  }
}

function comparison(scope: SqlScope, t: Tok): string {
  const left = operand(scope, t.value.left);
  const right = operand(scope, t.value.right);
  const col = left.col ?? right.col;
  for (const side of [left, right]) {
    const lit = side.literal;
    if (!lit || !col || lit.edm === 'null') continue;
    const want = edmType(col);
    const numeric = (x: string) => /Edm\.(Decimal|Int|Double|Single|SByte|Byte)/.test(x);
    if (lit.edm !== want && !(numeric(lit.edm) && numeric(want))) {
      // Microsoft.OData's wording for e.g. `ModifiedOn gt '2024-01-01'` (a quoted date).
      throw odataError(
        400,
        `${QUERY_INVALID} A binary operator with incompatible types was detected. Found operand types ` +
          `'${want}' and '${lit.edm}' for operator kind '${OP_NAME[t.type]}'.`,
      );
    }
  }
  return `(${placeholder(scope, left)} ${COMPARE[t.type]} ${placeholder(scope, right)})`;
}

function placeholder(scope: SqlScope, o: Operand): string {
  if (!o.literal) return o.sql;
  return o.literal.edm === 'null' ? 'NULL' : scope.bind(o.literal.value);
}

function operand(scope: SqlScope, t: Tok): Operand {
  if (t.type === 'Literal') return { sql: '?', literal: literal(t, scope.strings) };
  if (t.type === 'MethodCallExpression' && ['tolower', 'toupper', 'trim'].includes(t.value.method)) {
    const inner = operand(scope, t.value.parameters[0]);
    const fn = { tolower: 'lower', toupper: 'upper', trim: 'trim' }[t.value.method as string];
    return { sql: `${fn}(${placeholder(scope, inner)})`, col: inner.col };
  }
  const segments = memberPath(t);
  const { sql, col } = scope.path(segments);
  return { sql, col };
}

/** `FirstMemberExpression` → ['Account', 'Id']: every identifier inside it, in text order. */
function memberPath(t: Tok): string[] {
  const ids: { at: number; name: string }[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const tok = n as Tok;
    if (tok.type === 'ODataIdentifier' && tok.value?.name) ids.push({ at: tok.position ?? 0, name: tok.value.name });
    else Object.values(tok).forEach(walk);
  };
  walk(t);
  if (!ids.length || !/Member|PropertyPath/.test(t.type))
    throw odataError(400, `${QUERY_INVALID} '${t.raw}' is not a property path.`);
  return ids.sort((x, y) => x.at - y.at).map((x) => x.name);
}

function literal(t: Tok, strings: string[]): { edm: string; value: unknown } {
  const edm = String(t.value);
  const raw = t.raw;
  switch (edm) {
    case 'Edm.String':
      // Placeholder → original text. The query string was percent-decoded once already;
      // decoding again would corrupt a literal '%'.
      return { edm, value: strings[Number(raw.slice(2, -1))] };
    case 'Edm.Guid':
      // Empty lookups are stored as NULL but shown as the zero GUID (A4): compare them as such.
      return raw === ZERO_GUID ? { edm: 'null', value: null } : { edm, value: raw.toLowerCase() };
    case 'Edm.DateTimeOffset': {
      const v = normaliseTimestamp(raw);
      if (!v)
        throw odataError(
          400,
          `${QUERY_INVALID} The DateTimeOffset text '${raw}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?'.`,
        );
      return { edm, value: v };
    }
    case 'Edm.Boolean':
      return { edm, value: raw === 'true' ? 1 : 0 };
    case 'null':
      return { edm, value: null };
    default:
      if (/^Edm\.(Decimal|Double|Single|Int\d+|SByte|Byte)$/.test(edm)) return { edm, value: Number(raw) };
      throw odataError(400, `${QUERY_INVALID} Literals of type '${edm}' are not supported.`);
  }
}

function methodCall(scope: SqlScope, t: Tok): string {
  const method = t.value.method as string;
  const [a, b] = (t.value.parameters as Tok[]).map((p) => operand(scope, p));
  if (!['contains', 'startswith', 'endswith'].includes(method) || !a || !b?.literal) {
    throw odataError(400, `${QUERY_INVALID} The function '${method}' is not supported here.`);
  }
  const v = String(b.literal.value).replace(/[\\%_]/g, (c) => `\\${c}`);
  const pattern = method === 'contains' ? `%${v}%` : method === 'startswith' ? `${v}%` : `%${v}`;
  return `(${a.sql} LIKE ${scope.bind(pattern)} ESCAPE '\\')`;
}

/** `$orderby=ModifiedOn desc,Id` → SQL ORDER BY list. */
export function orderBySql(scope: SqlScope, text: string): string {
  return text
    .split(',')
    .map((item) => {
      const m = /^\s*([A-Za-z_][\w/]*)(?:\s+(asc|desc))?\s*$/i.exec(item);
      if (!m) throw odataError(400, `${QUERY_INVALID} Syntax error in $orderby near '${item.trim()}'.`);
      const { sql } = scope.path(m[1].split('/'));
      return `${sql} ${(m[2] ?? 'asc').toUpperCase()}`;
    })
    .join(', ');
}
