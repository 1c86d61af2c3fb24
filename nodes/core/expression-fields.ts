// The record fields a JSONata expression reads at its top level (`$uppercase(Nme)` reads
// Nme; `Account.Name` reads Account), from its syntax tree: a check can then say a field
// does not exist before the first record. Names inside filters, blocks after a step and
// lambdas are relative to something else and are left alone.
import jsonata from 'jsonata';

type Node = { type?: string; value?: unknown; steps?: Node[] } & Record<string, unknown>;
const SKIP = new Set(['steps', 'stages', 'predicate', 'procedure', 'body', 'group', 'focus', 'index', 'tuple']);

function walk(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (n.type === 'lambda') return;
  if (n.type === 'name' && typeof n.value === 'string') out.add(n.value);
  if (n.type === 'path' && n.steps?.length) {
    const first = n.steps[0];
    if (first.type === 'name' && typeof first.value === 'string') out.add(first.value);
    else walk(first, out);
    return;
  }
  for (const [k, v] of Object.entries(n)) if (!SKIP.has(k) && v && typeof v === 'object') walk(v, out);
}

/** Top-level field names an expression reads; empty when it does not parse (the syntax check says why). */
export function expressionFields(expression: string): string[] {
  try {
    const out = new Set<string>();
    walk(jsonata(expression).ast(), out);
    return [...out];
  } catch {
    return [];
  }
}

/** Every field name anywhere in a syntax tree (filters and blocks included). */
export function namesIn(ast: unknown): string[] {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; value?: unknown };
    if (n.type === 'name' && typeof n.value === 'string') out.add(n.value);
    for (const v of Object.values(node)) if (v && typeof v === 'object') visit(v);
  };
  visit(ast);
  return [...out];
}
