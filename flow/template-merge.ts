// Taking a template's new version into a flow made from an older one (issue 15): a
// three-way merge of base (the version the flow was made from), theirs (the new
// version) and ours (the flow's draft). Nodes match by id, edges by their ends, a
// mapping's lines by their target; config fields merge one by one. A change made on
// one side applies; the same change on both sides applies once; two different
// changes to one field, or a node removed on one side and changed on the other, is
// a conflict. Conflicts keep our value until the analyst picks (`picks`), so nothing
// is lost by merging. Pure: no dependencies, the designer and the server run it alike.
import type { FlowDocument } from './flow-document';

export type Side = 'ours' | 'theirs';

export interface MergeConflict {
  /** Stable across merges of the same three documents: the key for `picks`. */
  id: string;
  nodeId: string | null;
  /** In words, e.g. `step "Account → Customer", mapping to Notes: source`. */
  where: string;
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

export interface MergeChange {
  nodeId: string | null;
  where: string;
  /** What the template's new version did there. */
  kind: 'added' | 'removed' | 'changed';
  /** The value before (version the flow came from) and after (the new version); absent when added or removed. */
  was?: unknown;
  now?: unknown;
}

export interface MergeResult {
  document: FlowDocument;
  conflicts: MergeConflict[];
  /** The template's changes that applied without a question. */
  applied: MergeChange[];
}

/** Lists matched by a key rather than by position: a line moved is not a line changed. */
const LIST_KEYS: Record<string, (item: Record<string, unknown>) => string | undefined> = {
  nodes: (n) => str(n.id),
  edges: (e) => (str(e.from) && str(e.to) ? `${e.from} → ${e.to}` : undefined),
  mappings: (m) => str(m.target),
};

interface Ctx {
  picks: Record<string, Side>;
  conflicts: MergeConflict[];
  applied: MergeChange[];
  nodeId: string | null;
  /** Words for where we are, built as the walk goes down. */
  where: string;
}

export function mergeFlows(
  base: FlowDocument,
  ours: FlowDocument,
  theirs: FlowDocument,
  picks: Record<string, Side> = {},
): MergeResult {
  const ctx: Ctx = { picks, conflicts: [], applied: [], nodeId: null, where: '' };
  const titles = new Map([...base.nodes, ...theirs.nodes, ...ours.nodes].map((n) => [n.id, n.title ?? n.id]));
  const nodes = mergeList('nodes', base.nodes, ours.nodes, theirs.nodes, ctx, (id) => `step "${titles.get(id)}"`);
  const ids = new Set((nodes as { id: string }[]).map((n) => n.id));
  const edges = (
    mergeList('edges', base.edges, ours.edges, theirs.edges, ctx, (k) => `link ${k}`) as FlowDocument['edges']
  ).filter((e) => ids.has(e.from.split(':')[0]) && ids.has(e.to.split(':')[0]));
  const settings = merge(base.settings, ours.settings, theirs.settings, 'settings', { ...ctx, where: 'settings' });
  // The flow's name and description are the analyst's: a template's title is not a change to their flow.
  const document = { ...ours, nodes, edges, settings } as FlowDocument;
  return { document, conflicts: ctx.conflicts, applied: ctx.applied };
}

function mergeList(
  name: string,
  base: unknown[],
  ours: unknown[],
  theirs: unknown[],
  ctx: Ctx,
  label: (key: string) => string,
): unknown[] {
  const keyOf = LIST_KEYS[name];
  const index = (list: unknown[]) => new Map(list.map((x) => [keyOf(x as Record<string, unknown>)!, x]));
  const [b, o, t] = [index(base), index(ours), index(theirs)];
  // Our order first, then what the template added, in its order.
  const keys = [...new Set([...o.keys(), ...t.keys(), ...b.keys()])];
  const out: unknown[] = [];
  for (const key of keys) {
    const inner: Ctx = {
      ...ctx,
      nodeId: name === 'nodes' ? key : ctx.nodeId,
      where: name === 'mappings' ? `${ctx.where}, mapping to ${key}` : label(key),
    };
    const v = merge(b.get(key), o.get(key), t.get(key), name, inner);
    if (v !== undefined) out.push(v);
  }
  return out;
}

function merge(b: unknown, o: unknown, t: unknown, field: string, ctx: Ctx): unknown {
  if (same(o, t)) return o;
  if (same(b, t)) return o;
  // Only the template changed it: the result is theirs, but walked down so the list says which field changed.
  const walk = isObject(b) && isObject(t) && !(field === 'position');
  if (same(b, o) && !walk && !(LIST_KEYS[field] && keyedList(field, b) && keyedList(field, t))) {
    const kind = kindOf(b, t);
    ctx.applied.push({ nodeId: ctx.nodeId, where: ctx.where, kind, ...(kind === 'changed' ? { was: b, now: t } : {}) });
    return t;
  }
  // Both changed, differently. Where someone moved a box on the canvas, ours stays: layout is not content.
  if (field === 'position' && o !== undefined && t !== undefined) return o;
  if (isObject(o) && isObject(t) && (b === undefined || isObject(b))) {
    const base = (b ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(o), ...Object.keys(t), ...Object.keys(base)])) {
      const where = k === 'config' || k === 'mappings' ? ctx.where : `${ctx.where}: ${k}`;
      const v = merge(base[k], o[k], t[k], k, { ...ctx, where });
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (LIST_KEYS[field] && keyedList(field, b ?? []) && keyedList(field, o) && keyedList(field, t))
    return mergeList(field, (b ?? []) as unknown[], o as unknown[], t as unknown[], ctx, String);
  const id = `${ctx.nodeId ?? ''}|${ctx.where}`;
  ctx.conflicts.push({ id, nodeId: ctx.nodeId, where: ctx.where, base: b, ours: o, theirs: t });
  return ctx.picks[id] === 'theirs' ? t : o;
}

function kindOf(b: unknown, t: unknown): MergeChange['kind'] {
  if (b === undefined) return 'added';
  return t === undefined ? 'removed' : 'changed';
}

function keyedList(field: string, v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  const keys = v.map((x) => (isObject(x) ? LIST_KEYS[field](x) : undefined));
  return keys.every((k) => k !== undefined) && new Set(keys).size === keys.length;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Deep equality of JSON values; key order does not matter. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => same(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
}
