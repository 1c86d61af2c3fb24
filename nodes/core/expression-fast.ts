// Common JSONata expressions compiled to plain functions: a field path, text joined with
// `&`, `cond ? a : b`, and the text functions mappings use most ($trim, $uppercase,
// $lowercase, $substring, $length, $string, $exists). JSONata 2.x evaluates every
// expression through promises, about 25 µs each: eight per record were 13 times the cost
// of field copies (npm run bench, mapping case). The functions here do what JSONata's
// own do (jsonata 2.2.2, src/functions.js) on the values they accept; on any other value
// (an array, a number where text is expected, a type error) they answer FALLBACK and the
// record is evaluated by JSONata itself, so the result and the error stay JSONata's.
export const FALLBACK: unique symbol = Symbol('evaluate with JSONata');
export type Fast = (data: Record<string, unknown>) => unknown;

type Ast = { type?: string; value?: unknown; steps?: Ast[]; arguments?: Ast[]; procedure?: Ast } & Record<
  string,
  unknown
>;

const only = (node: Ast, keys: string[]) => Object.keys(node).every((k) => keys.includes(k));

function path(node: Ast): Fast | null {
  if (!only(node, ['type', 'steps']) || !node.steps?.length) return null;
  const names: string[] = [];
  for (const s of node.steps) {
    if (s.type !== 'name' || typeof s.value !== 'string' || !only(s, ['type', 'value', 'position'])) return null;
    names.push(s.value);
  }
  return (data) => {
    let cur: unknown = data;
    for (const n of names) {
      if (cur === null || typeof cur !== 'object') return undefined;
      if (Array.isArray(cur)) return FALLBACK; // JSONata maps over arrays (sequences)
      if (!Object.hasOwn(cur, n)) return undefined;
      cur = (cur as Record<string, unknown>)[n];
    }
    return Array.isArray(cur) ? FALLBACK : cur;
  };
}

const text = (v: unknown) => v === undefined || typeof v === 'string';

/** JSONata's effective boolean value, for the values that have a plain one. */
function truth(v: unknown): boolean | typeof FALLBACK {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  return FALLBACK;
}

// Text without surrogate pairs has as many code points as UTF-16 units: no array of characters needed.
const SURROGATE = /[\uD800-\uDFFF]/;
const codePoints = (s: string): { length: number; slice(a: number, b?: number): string } =>
  SURROGATE.test(s) ? { length: Array.from(s).length, slice: (a, b) => Array.from(s).slice(a, b).join('') } : s;

/** JSONata's $trim: each run of spaces, tabs, CRs and LFs becomes one space, then one space is cut from each end. */
function trim(s: string): string {
  // One pass over the characters: a regular expression replace was most of a mapping's time.
  let out = '';
  let from = 0;
  let inRun = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    const space = ch === 32 || ch === 9 || ch === 10 || ch === 13;
    if (space && !inRun) {
      out += s.slice(from, i);
      inRun = true;
    } else if (!space && inRun) {
      out += ' ';
      from = i;
      inRun = false;
    }
  }
  out += inRun ? ' ' : s.slice(from);
  if (out.charCodeAt(0) === 32) out = out.substring(1);
  if (out.charCodeAt(out.length - 1) === 32) out = out.substring(0, out.length - 1);
  return out;
}

function substring(s: string, start: number, length?: number): string {
  const chars = codePoints(s);
  if (chars.length + start < 0) start = 0;
  if (length === undefined) return chars.slice(start);
  if (length <= 0) return '';
  const end = start >= 0 ? start + length : chars.length + start + length;
  return chars.slice(start, end);
}

/** One-text-argument functions: undefined gives undefined, a string its result, anything else JSONata's own error. */
const TEXT_FUNCTIONS: Record<string, (s: string) => unknown> = {
  trim,
  uppercase: (s) => s.toUpperCase(),
  lowercase: (s) => s.toLowerCase(),
  length: (s) => codePoints(s).length,
  string: (s) => s,
};

function call(node: Ast): Fast | null {
  const name = node.procedure?.type === 'variable' ? String(node.procedure.value) : '';
  const args = (node.arguments ?? []).map(compile);
  if (args.some((a) => a === null)) return null;
  const [a, b] = args as Fast[];
  const c = args[2] as Fast | undefined;
  if (TEXT_FUNCTIONS[name] && args.length === 1) {
    const f = TEXT_FUNCTIONS[name];
    return (d) => {
      const v = a(d);
      return v === undefined ? undefined : typeof v === 'string' ? f(v) : FALLBACK;
    };
  }
  if (name === 'exists' && args.length === 1)
    return (d) => {
      const v = a(d);
      return v === FALLBACK ? FALLBACK : v !== undefined;
    };
  if (name === 'substring' && (args.length === 2 || args.length === 3))
    return (d) => {
      const s = a(d);
      const start = b(d);
      const length = c ? c(d) : undefined;
      if (s === undefined) return undefined;
      if (typeof s !== 'string' || !Number.isInteger(start) || (c !== undefined && !Number.isInteger(length)))
        return FALLBACK;
      return substring(s, start as number, length as number | undefined);
    };
  return null;
}

function compile(node: Ast): Fast | null {
  switch (node.type) {
    case 'path':
      return path(node);
    case 'string':
    case 'number':
    case 'value': {
      const v = node.value;
      return () => v;
    }
    case 'function':
      return call(node);
    case 'binary': {
      if (node.value !== '&') return null;
      const [l, r] = [compile(node.lhs as Ast), compile(node.rhs as Ast)];
      if (!l || !r) return null;
      return (d) => {
        const a = l(d);
        const b = r(d);
        if (!text(a) || !text(b)) return FALLBACK; // numbers, objects: JSONata's $string casting
        return ((a as string | undefined) ?? '') + ((b as string | undefined) ?? '');
      };
    }
    case 'condition': {
      const [cond, then] = [compile(node.condition as Ast), compile(node.then as Ast)];
      const otherwise = node.else === undefined ? () => undefined : compile(node.else as Ast);
      if (!cond || !then || !otherwise) return null;
      return (d) => {
        const t = truth(cond(d));
        return t === FALLBACK ? FALLBACK : t ? then(d) : otherwise(d);
      };
    }
    default:
      return null;
  }
}

/** A plain function for the expression's syntax tree, or null when it uses more than this subset. */
export function fastExpression(ast: unknown): Fast | null {
  return ast && typeof ast === 'object' ? compile(ast as Ast) : null;
}
