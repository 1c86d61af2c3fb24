// Dotted field paths (`UsrActive.Name`, `PrimaryPhone.FreeFormNumber`) read and
// written on plain JSON records. Shared by the filter and mapping nodes.
import { z } from 'zod';

// Segments that name an object's machinery, never a record's field. A mapping target
// `__proto__.x` once wrote onto Object.prototype of the whole server (issue 18: an analyst
// of one workspace broke sign-in for all of them). Refused in every config that takes a
// path (`fieldPath`), and the readers and writers below walk own properties only, so a
// path that got past a schema still cannot reach a prototype.
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** The first segment of a dotted path that may not be used (`__proto__`, `prototype`, `constructor`), if any. */
export function forbiddenSegment(path: string): string | undefined {
  return path.split('.').find((part) => FORBIDDEN_SEGMENTS.has(part));
}

/** The sentence a refused path gets; the flow check puts the node and config field in front of it. */
export function forbiddenPathMessage(segment: string): string {
  return (
    `"${segment}" cannot be part of a field path: it names the inner workings of JavaScript objects, not a field. ` +
    "Use the field's own name"
  );
}

/** A config string holding a field path: refuses `__proto__`, `prototype` and `constructor` segments. */
export function fieldPath(schema: z.ZodString = z.string()): z.ZodString {
  return schema.superRefine((value, ctx) => {
    const bad = forbiddenSegment(value);
    if (bad !== undefined) ctx.addIssue({ code: 'custom', message: forbiddenPathMessage(bad) });
  });
}

// Paths come from a flow's configuration, a handful per flow, and are read for every
// record: split once (a split per record and field was 3% of the engine's allocations).
const splitPaths = new Map<string, string[]>();
function partsOf(path: string): string[] {
  let parts = splitPaths.get(path);
  if (!parts) {
    if (splitPaths.size >= 1000) splitPaths.clear(); // never grows without bound
    splitPaths.set(path, (parts = path.split('.')));
  }
  return parts;
}

/** The value at `path`, through the record's own fields only (never `toString`, `__proto__` and the like). */
export function readPath(data: Record<string, unknown>, path: string): unknown {
  let cur: unknown = data;
  for (const part of partsOf(path)) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * Sets `value` at `path`, making the objects on the way. Safe by itself, whatever the path:
 * a forbidden segment throws (an assignment to `__proto__` sets the object's prototype), and
 * only own fields are walked into (an inherited object is replaced by a new own one).
 */
export function writePath(data: Record<string, unknown>, path: string, value: unknown): void {
  const parts = partsOf(path);
  const bad = parts.find((part) => FORBIDDEN_SEGMENTS.has(part));
  if (bad !== undefined) throw new Error(`Weft cannot write the field ${path}: ${forbiddenPathMessage(bad)}.`);
  let cur = data;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    const next = Object.hasOwn(cur, part) ? cur[part] : undefined;
    if (next === null || typeof next !== 'object') cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

/**
 * `writePath` on a shallow copy of a record's data: each object along the path is copied before it is
 * written, so objects shared with the record it came from (and with earlier steps) are left as they were.
 * A step that adds a few fields needs no deep clone of the whole record (structuredClone of every record
 * was a tenth of the engine's time in the bench).
 */
export function writePathCopying(data: Record<string, unknown>, path: string, value: unknown): void {
  const parts = partsOf(path);
  const bad = parts.find((part) => FORBIDDEN_SEGMENTS.has(part));
  if (bad !== undefined) throw new Error(`Weft cannot write the field ${path}: ${forbiddenPathMessage(bad)}.`);
  let cur = data;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = Object.hasOwn(cur, parts[i]) ? cur[parts[i]] : undefined;
    cur[parts[i]] = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...next } : {};
    cur = cur[parts[i]] as Record<string, unknown>;
  }
  writePath(cur, parts[parts.length - 1], value);
}

/** The objects of the list at `path` (a record's lines), other elements left out; an empty path: the record itself. */
export function objectsAt(data: Record<string, unknown>, path: string): Record<string, unknown>[] {
  if (!path) return [data];
  const list = readPath(data, path);
  return Array.isArray(list) ? list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
}

/** Text as a person would read it: null/undefined and Creatio's zero GUID are empty. */
export function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v === '00000000-0000-0000-0000-000000000000') return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** How a record is named in messages: `Opportunity "Acme — renewal"`, `Invoice "1041"` (its number), or its key when it has no name. */
export function recordLabel(r: {
  key: string;
  data: Record<string, unknown>;
  meta: { source: { entity: string } };
}): string {
  const name = asText(r.data.Name ?? r.data.Title ?? r.data.DisplayName ?? r.data.RefNumber ?? r.data.DocNumber);
  return `${r.meta.source.entity} "${name || r.key}"`;
}
