// What changed between two flow documents, in the analyst's words: nodes added,
// removed, moved or changed (each config field named by its label, a row of a list
// named by its position and its key, e.g. "Field 3 (DisplayName)"), connections
// between nodes, and the flow's settings. Pure: the designer draws it on the canvas
// and lists it; the server and CLI may print it.
import type { FlowDocument, FlowNode } from './flow-document';

export type NodeChangeKind = 'added' | 'removed' | 'changed' | 'moved';

export interface DiffChange {
  /** The node the change is about; absent for connections between nodes and settings. */
  nodeId?: string;
  kind: NodeChangeKind | 'edge-added' | 'edge-removed' | 'settings';
  message: string;
}

export interface FlowDiff {
  /** Each node that differs, by id (a node both changed and moved is `changed`). */
  nodes: Record<string, NodeChangeKind>;
  changes: DiffChange[];
}

/** How the diff names things; the designer passes its registry's titles and field labels. */
export interface DiffWords {
  /** "Mapping" for `core.mapping`. */
  typeTitle?(type: string): string | undefined;
  /** "Match source field" for `matchSourceField` of a node type. */
  fieldLabel?(type: string, key: string): string | undefined;
}

/** Moves smaller than this (a nudge while selecting) are not worth an analyst's attention. */
const MOVE_THRESHOLD = 4;
/** Keys that name a row of a list (a mapping's target, a rule's field), in the order tried. */
const ROW_KEYS = ['target', 'field', 'name', 'id', 'key'];
/** Keys holding what a row produces: shown without their name ("Name → $uppercase(Name)"). */
const VALUE_KEYS = ['source', 'expression', 'value', 'template'];
/** What one row of a list is called, by the list's key. */
const ROW_WORDS: Record<string, string> = {
  mappings: 'Field',
  fields: 'Field',
  rules: 'Rule',
  lines: 'Line',
  select: 'Column',
};

export function diffFlows(before: FlowDocument, after: FlowDocument, words: DiffWords = {}): FlowDiff {
  const nodes: Record<string, NodeChangeKind> = {};
  const changes: DiffChange[] = [];
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const name = (n: FlowNode) => nodeName(n, words);

  for (const n of after.nodes) {
    const o = old.get(n.id);
    if (!o) {
      nodes[n.id] = 'added';
      changes.push({ nodeId: n.id, kind: 'added', message: `${name(n)} added` });
      continue;
    }
    const fieldChanges = nodeFieldChanges(o, n, words);
    for (const m of fieldChanges) changes.push({ nodeId: n.id, kind: 'changed', message: `${name(n)} — ${m}` });
    const moved = Math.hypot(n.position.x - o.position.x, n.position.y - o.position.y) >= MOVE_THRESHOLD;
    if (moved) changes.push({ nodeId: n.id, kind: 'moved', message: `${name(n)} moved` });
    if (fieldChanges.length > 0) nodes[n.id] = 'changed';
    else if (moved) nodes[n.id] = 'moved';
  }
  for (const o of before.nodes) {
    if (now.has(o.id)) continue;
    nodes[o.id] = 'removed';
    changes.push({ nodeId: o.id, kind: 'removed', message: `${name(o)} removed` });
  }

  const edgeName = (e: { from: string; to: string }, doc: FlowDocument) => {
    const title = (ref: string) => {
      const id = ref.slice(0, ref.lastIndexOf(':'));
      const n = doc.nodes.find((x) => x.id === id);
      return n ? `'${n.title ?? n.id}'` : `'${id}'`;
    };
    return `Connection from ${title(e.from)} to ${title(e.to)}`;
  };
  const key = (e: { from: string; to: string }) => `${e.from}->${e.to}`;
  const oldEdges = new Set(before.edges.map(key));
  const newEdges = new Set(after.edges.map(key));
  for (const e of after.edges)
    if (!oldEdges.has(key(e))) changes.push({ kind: 'edge-added', message: `${edgeName(e, after)} added` });
  for (const e of before.edges)
    if (!newEdges.has(key(e))) changes.push({ kind: 'edge-removed', message: `${edgeName(e, before)} removed` });

  if (before.name !== after.name)
    changes.push({ kind: 'settings', message: `Flow name: ${before.name} → ${after.name}` });
  if ((before.description ?? '') !== (after.description ?? ''))
    changes.push({ kind: 'settings', message: 'Flow description changed' });
  for (const m of valueChanges(before.settings, after.settings, (k) => humanize(k)))
    changes.push({ kind: 'settings', message: `Settings — ${m}` });
  return { nodes, changes };
}

function nodeName(n: FlowNode, words: DiffWords): string {
  const type = words.typeTitle?.(n.type) ?? humanize(n.type.slice(n.type.lastIndexOf('.') + 1));
  return `${type} '${n.title ?? n.id}'`;
}

function nodeFieldChanges(o: FlowNode, n: FlowNode, words: DiffWords): string[] {
  const out: string[] = [];
  if ((o.title ?? '') !== (n.title ?? '')) out.push(`Title: ${show(o.title)} → ${show(n.title)}`);
  if (o.type !== n.type) out.push(`Type: ${o.type} → ${n.type}`);
  else if (o.version !== n.version) out.push(`Version of its settings: ${o.version} → ${n.version}`);
  const label = (k: string) => words.fieldLabel?.(n.type, k) ?? humanize(k);
  out.push(...valueChanges(o.config, n.config, label));
  return out;
}

/** Changes between two config objects, one line per field (a list: one line per row). */
function valueChanges(a: Record<string, unknown>, b: Record<string, unknown>, label: (k: string) => string): string[] {
  const out: string[] = [];
  for (const k of unionKeys(a, b)) {
    const x = a[k];
    const y = b[k];
    if (same(x, y)) continue;
    if (isRowList(x) || isRowList(y)) out.push(...rowChanges(k, label(k), asRows(x), asRows(y)));
    else out.push(`${label(k)}: ${show(x)} → ${show(y)}`);
  }
  return out;
}

type Row = Record<string, unknown>;

function rowChanges(key: string, label: string, a: Row[], b: Row[]): string[] {
  const word = ROW_WORDS[key] ?? `${label} row`;
  const rowKey = ROW_KEYS.find((k) => uniqueStrings(a, k) && uniqueStrings(b, k));
  // Rows without a unique key are matched by position, and still named by the first key they have.
  const labelKey = (r: Row) => rowKey ?? ROW_KEYS.find((k) => typeof r[k] === 'string');
  const nameOf = (r: Row, i: number) => {
    const k = labelKey(r);
    return `${word} ${i + 1}${k ? ` (${String(r[k])})` : ''}`;
  };
  const out: string[] = [];
  if (rowKey) {
    const old = new Map(a.map((r, i) => [r[rowKey] as string, { r, i }]));
    const now = new Set(b.map((r) => r[rowKey] as string));
    b.forEach((r, i) => {
      const o = old.get(r[rowKey] as string);
      if (!o) out.push(`${nameOf(r, i)} added: ${summary(r, rowKey)}`);
      else if (!same(o.r, r)) out.push(...rowLines(nameOf(r, i), o.r, r));
    });
    a.forEach((r, i) => {
      if (!now.has(r[rowKey] as string)) out.push(`${nameOf(r, i)} removed`);
    });
    return out;
  }
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i >= a.length) out.push(`${nameOf(b[i], i)} added: ${summary(b[i], labelKey(b[i]))}`);
    else if (i >= b.length) out.push(`${nameOf(a[i], i)} removed`);
    else if (!same(a[i], b[i])) out.push(...rowLines(nameOf(b[i], i), a[i], b[i]));
  }
  return out;
}

/** A changed row: its own fields on one line, each list inside it (an invoice line's fields) row by row. */
function rowLines(name: string, a: Row, b: Row): string[] {
  const keys = unionKeys(a, b).filter((k) => !same(a[k], b[k]));
  const lists = keys.filter((k) => isRowList(a[k]) || isRowList(b[k]));
  const plain = keys.filter((k) => !lists.includes(k));
  const only = (r: Row) => Object.fromEntries(plain.map((k) => [k, r[k]]));
  const out = plain.length > 0 ? [`${name}: ${rowDelta(only(a), only(b))}`] : [];
  for (const k of lists)
    out.push(...rowChanges(k, humanize(k), asRows(a[k]), asRows(b[k])).map((m) => `${name} — ${m}`));
  return out;
}

/** "Name → $uppercase(Name)": the values of the keys that differ, before and after. */
function rowDelta(a: Row, b: Row): string {
  const keys = unionKeys(a, b).filter((k) => !same(a[k], b[k]));
  const side = (r: Row) => {
    const vals = keys.filter((k) => r[k] !== undefined).map((k) => show(r[k]));
    return vals.length ? vals.join(', ') : '(none)';
  };
  // One key on both sides reads best with its name (unless it is the row's value itself); several
  // (a source replaced by an expression) by values alone.
  const plain = keys.length === 1 && a[keys[0]] !== undefined && b[keys[0]] !== undefined;
  if (plain && !VALUE_KEYS.includes(keys[0])) return `${humanize(keys[0])} ${side(a)} → ${side(b)}`;
  return `${side(a)} → ${side(b)}`;
}

function summary(r: Row, skip?: string): string {
  return Object.entries(r)
    .filter(([k, v]) => k !== skip && v !== undefined)
    .map(([k, v]) => `${humanize(k)} ${show(v)}`)
    .join(', ');
}

function isRowList(v: unknown): v is Row[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
}

function asRows(v: unknown): Row[] {
  return isRowList(v) ? v : [];
}

function uniqueStrings(rows: Row[], k: string): boolean {
  const vals = rows.map((r) => r[k]);
  return vals.every((v) => typeof v === 'string') && new Set(vals).size === vals.length;
}

function unionKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
}

/** Deep equality of JSON values (key order does not matter). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => same(x, bb[i]));
  }
  const ra = a as Row;
  const rb = b as Row;
  return unionKeys(ra, rb).every((k) => same(ra[k], rb[k]));
}

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '(none)';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.join(', ');
  return JSON.stringify(v);
}

/** `matchSourceField` → "Match source field". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
