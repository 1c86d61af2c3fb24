// The mapping editor's pure part: the node's field mappings as rows keyed by
// target field, the edits a person makes (map a source field, give a fixed
// value, write a JSONata expression, clear), and the problems shown before
// saving, in the analyst's words (issue 14).
import jsonata from 'jsonata';
import { catalogueName, type Catalogue, type FieldInfo, type ServerProblem } from './mapping-types';

/** One field mapping of the node's config; keys the editor does not know (tooLong, as, …) are kept as they are. */
export interface MappingRow {
  target: string;
  source?: string;
  value?: string | number | boolean;
  expression?: string;
  required?: boolean;
  maxLength?: number;
  /** `create`: written only when the record is created (absent or `always`: on every write). */
  when?: 'always' | 'create';
  [key: string]: unknown;
}

export type MappingKind = 'source' | 'value' | 'expression' | 'other' | 'none';

export interface MappingProblem {
  target: string;
  message: string;
  /** Blocking problems keep the editor from saving; the others are warnings. */
  blocking: boolean;
}

export function kindOf(row: MappingRow | undefined): MappingKind {
  if (!row) return 'none';
  if (row.expression !== undefined) return 'expression';
  if (row.source !== undefined) return 'source';
  if (row.value !== undefined) return 'value';
  return 'other';
}

/** Every field of a catalogue with its full path, nested objects and child collections included. */
export function flattenFields(fields: FieldInfo[], parent = ''): FieldInfo[] {
  const out: FieldInfo[] = [];
  for (const f of fields) {
    const path = fullPath(parent, f.path);
    out.push({ ...f, path });
    if (f.children?.length) out.push(...flattenFields(f.children, path));
  }
  return out;
}

/** Child paths may come relative ("Name") or already full ("UsrActive.Name"). */
export function fullPath(parent: string, path: string): string {
  if (!parent || path.startsWith(`${parent}.`)) return path;
  return `${parent}.${path}`;
}

type Edit = { source: string } | { value: string } | { expression: string };

/** Replace how `target` gets its value; a new row takes `required` and the length limit from the target field. */
export function setMapping(rows: MappingRow[], target: string, edit: Edit, field?: FieldInfo): MappingRow[] {
  const i = rows.findIndex((r) => r.target === target);
  const base: MappingRow =
    i >= 0
      ? { ...rows[i] }
      : {
          target,
          required: field?.required ?? false,
          ...(field?.maxLength !== undefined ? { maxLength: field.maxLength } : {}),
        };
  delete base.source;
  delete base.value;
  delete base.expression;
  delete base.multiply;
  const row = { ...base, ...edit };
  if (i < 0) return [...rows, row];
  return rows.map((r, j) => (j === i ? row : r));
}

/**
 * "Only when creating" (issue 15): the field is written when the record is created and left as it is when it is
 * updated. Off, the row carries no `when` (a document whose rows never had it stays as it was).
 */
export function setCreateOnly(rows: MappingRow[], target: string, on: boolean): MappingRow[] {
  return rows.map((r) => {
    if (r.target !== target) return r;
    const { when: _when, ...rest } = r;
    return on ? { ...rest, when: 'create' } : rest;
  });
}

/** The tooltip of the option, in the editor and on the target row. */
export const CREATE_ONLY_HELP =
  'Written when Weft creates the record. When Weft updates a record that is already there, this field is left as ' +
  'it is, so a change someone made to it there is kept.';

export const isCreateOnly = (row: MappingRow | undefined): boolean => row?.when === 'create';

export function clearMapping(rows: MappingRow[], target: string): MappingRow[] {
  return rows.filter((r) => r.target !== target);
}

/** The problem of an expression's syntax, or null: JSONata's parser, as the engine compiles it. */
export function expressionError(expression: string): { message: string; position: number } | null {
  if (expression.trim() === '') return { message: 'The expression is empty.', position: 0 };
  try {
    jsonata(expression);
    return null;
  } catch (e) {
    const err = e as { message?: string; position?: number };
    return { message: err.message ?? String(e), position: err.position ?? 0 };
  }
}

/** The closest known path, for "did you mean"; none when nothing is near. */
export function closest(path: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(path.length / 3)) + 1;
  for (const k of known) {
    const d = distance(path.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const swap = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + swap);
    }
    prev = cur;
  }
  return prev[b.length];
}

const describe = catalogueName;

/** What must be fixed (blocking) or looked at before saving, one message per target field. */
export function mappingProblems(rows: MappingRow[], source: Catalogue, target: Catalogue): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const targets = flattenFields(target.fields);
  const sourceFields = flattenFields(source.fields);
  const sourcePaths = sourceFields.map((f) => f.path);
  // An object whose fields are not listed (what a step before adds, e.g. the primary contact): any field of it.
  const open = sourceFields.filter((f) => f.type === 'object' && !f.children?.length).map((f) => `${f.path}.`);
  const exact = new Set(sourcePaths);
  const known = { has: (p: string) => exact.has(p) || open.some((o) => p.startsWith(o)) };
  const byTarget = new Map(rows.map((r) => [r.target, r]));
  // A list (an invoice's Line) is filled by the mapping of any of its line fields.
  const filled = (f: FieldInfo) =>
    byTarget.has(f.path) || (f.type === 'list' && rows.some((r) => r.target.startsWith(`${f.path}.`)));
  for (const f of targets) {
    if (f.required && !filled(f)) {
      problems.push({
        target: f.path,
        message: `${f.path} is required by ${describe(target)} but is not mapped: drag a source field onto it, or give it a value.`,
        blocking: true,
      });
    }
  }
  const targetPaths = new Set(targets.map((f) => f.path));
  for (const r of rows) {
    // A line field's source is a field of one element of the list its block reads (`from`).
    const read = typeof r.from === 'string' && r.source !== undefined ? `${r.from}.${r.source}` : r.source;
    if (read !== undefined && r.expression === undefined && !known.has(read) && sourcePaths.length > 0) {
      const hint = closest(read, sourcePaths);
      problems.push({
        target: r.target,
        message:
          `${r.target}: source field ${read} does not exist on ${describe(source)}` +
          (hint ? ` — did you mean ${hint}?` : '.'),
        blocking: true,
      });
    }
    if (r.expression !== undefined) {
      const err = expressionError(r.expression);
      if (err) problems.push({ target: r.target, message: `${r.target}: ${err.message}`, blocking: true });
    }
    if (targetPaths.size > 0 && !targetPaths.has(r.target)) {
      problems.push({
        target: r.target,
        message: `${r.target} is not a field of ${describe(target)}; ${describe(target)} records may be refused.`,
        blocking: false,
      });
    }
  }
  return problems;
}

/**
 * The server's problems (mapping.check) in the editor's list: each tied to the target field it is about,
 * so clicking it selects that field; all block the save except a check that could not reach the system.
 */
export function serverProblems(
  found: ServerProblem[],
  rows: MappingRow[],
  lines: { target: string; fields: MappingRow[] }[] = [],
): MappingProblem[] {
  const lineTarget = (list: string, i: number | undefined) => {
    const child = i === undefined ? undefined : lines.find((l) => l.target === list)?.fields[i]?.target;
    return child ? `${list}.${child}` : list;
  };
  return found.map((p) => ({
    target: p.list ? lineTarget(p.list, p.field) : p.field !== undefined ? (rows[p.field]?.target ?? '') : '',
    message: p.message,
    blocking: !p.warning,
  }));
}
