// A mapping applied to one record, with the mapping compiled once per run (mapping-compile.ts): each field's value
// read or evaluated, checked (conversion, required, length) and written into the target record, lines included.
// JSONata 2.x evaluates asynchronously; a mapping whose expressions all run as plain functions maps synchronously
// (mapSync), so it pays for no promise per record. Every record passes here: the value checks (`place`) stay in
// this file, beside the loops that call them for each field.
import type { FlowRecord } from '../define-node';
import { asText, objectsAt, readPath, recordLabel, writePath } from './field-path';
import type { CompiledField, CompiledLines, CompiledMapping } from './mapping-compile';
import { FALLBACK } from './expression-fast';

export type MapError = { field: string; message: string; action: string };
/** `skipped`: the record is not written, on purpose (too few lines and the mapping says skip). */
/** `emptied`: the target fields the mapping owns but left empty (RecordMeta.emptied), when there are any. */
export type MapResult =
  { data: Record<string, unknown>; emptied?: string[] } | { error: MapError } | { skipped: MapError };

/** Collects the fields left empty: `Fax`, or `Line[].Description` for a field of the lines. */
type LeftEmpty = (target: string) => void;

function convert(as: 'text' | 'number' | 'date', v: unknown): unknown {
  if (as === 'text') return asText(v);
  if (as === 'number') {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    return Number.isFinite(n) ? n : undefined;
  }
  const m = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(String(v));
  return m ? m[1] : undefined;
}

/** The checks after a value is known: conversion, required, length. Writes it into `out`, or answers the error. */
function place(
  f: CompiledField,
  raw: unknown,
  label: () => string,
  out: Record<string, unknown>,
  where: string,
  left?: LeftEmpty,
) {
  const m = f.m;
  const target = where ? `${where}${m.target}` : m.target;
  const from = m.source ?? (m.expression !== undefined ? `the expression \`${m.expression}\`` : 'the value');
  let v = raw;
  if (v === '00000000-0000-0000-0000-000000000000') v = ''; // Creatio's empty lookup
  if (m.as && v !== undefined && v !== null && v !== '') {
    const converted = convert(m.as, v);
    if (converted === undefined) {
      return {
        field: target,
        message: `${label()}: ${target} needs a ${m.as}, but got "${asText(v)}".`,
        action: `Correct ${m.source ?? 'the value'} in the source, or change the mapping of ${m.target}.`,
      };
    }
    v = converted;
  }
  const text = typeof v === 'string' ? v : null;
  const empty = v === undefined || v === null || (text !== null && text.trim() === '');
  if (empty) {
    if (m.required) {
      const why = m.source ? `its ${m.source} is empty` : `${from} gave nothing`;
      return {
        field: target,
        message: `${label()}: ${target} needs a value, but ${why}.`,
        action: `Fill in ${m.source ?? 'the source field'} on the record, or change the mapping of ${m.target}.`,
      };
    }
    left?.(m.target);
    return null; // absent, not blank: a sparse update must not wipe the target's value
  }
  // Characters are counted as code points, but only when the UTF-16 length is over the limit
  // (never fewer code points than UTF-16 units): spreading every value was a tenth of the engine's allocations.
  if (text !== null && m.maxLength !== undefined && text.length > m.maxLength && [...text].length > m.maxLength) {
    if (m.tooLong === 'fail') {
      return {
        field: target,
        message: `${label()}: ${target} may hold ${m.maxLength} characters, but "${text}" has ${[...text].length}.`,
        action: `Shorten it in the source, or let the mapping of ${m.target} truncate.`,
      };
    }
    v = [...text].slice(0, m.maxLength).join('');
  }
  writePath(out, m.target, v);
  return null;
}

function expressionFailed(f: CompiledField, e: unknown, label: () => string, where: string): MapError {
  const err = e as { message?: string; position?: number };
  const at = typeof err.position === 'number' && err.position > 0 ? ` (at column ${err.position})` : '';
  const target = where ? `${where}${f.m.target}` : f.m.target;
  return {
    field: target,
    message: `${label()}: ${f.name}: the expression \`${f.m.expression}\` failed${at}: ${err.message ?? String(e)}`,
    action: `Correct the expression of ${f.m.target} in the mapping, or the record's data, then reprocess.`,
  };
}

/** JSONata answers a sequence as an array marked `sequence`; a plain array is what the target gets. */
function plain(v: unknown): unknown {
  return Array.isArray(v) && (v as { sequence?: boolean }).sequence ? [...v] : v;
}

function mapFieldsSync(
  fields: CompiledField[],
  data: Record<string, unknown>,
  label: () => string,
  out: Record<string, unknown>,
  left: LeftEmpty,
  where = '',
) {
  for (const f of fields) {
    const v = f.fast ? f.fast(data) : f.get!(data);
    if (v === FALLBACK) return FALLBACK; // a value only JSONata itself can evaluate: the record is mapped again by it
    const err = place(f, v, label, out, where, left);
    if (err) return err;
  }
  return null;
}

async function mapFieldsAsync(
  fields: CompiledField[],
  data: Record<string, unknown>,
  label: () => string,
  out: Record<string, unknown>,
  left: LeftEmpty,
  where = '',
) {
  for (const f of fields) {
    let v: unknown = f.fast ? f.fast(data) : f.get?.(data);
    if (f.expr && (!f.fast || v === FALLBACK)) {
      try {
        v = plain(await f.expr.evaluate(data));
      } catch (e) {
        return expressionFailed(f, e, label, where);
      }
    }
    const err = place(f, v, label, out, where, left);
    if (err) return err;
  }
  return null;
}

/**
 * The line's description from the product line's text and the product's (seed §5.2): "overwrite" takes the
 * line's when it has one, "concatenate" joins both. Nothing to say leaves what the fields mapped.
 */
function describeLine(
  l: CompiledLines,
  item: Record<string, unknown>,
  label: () => string,
  line: Record<string, unknown>,
  where: string,
  left: LeftEmpty,
) {
  const d = l.description;
  if (!d) return null;
  const own = asText(readPath(item, d.line)).trim();
  const product = asText(readPath(item, d.product)).trim();
  const text = d.how === 'overwrite' ? own || product : [product, own].filter(Boolean).join(d.separator);
  if (!text) {
    left(d.target);
    return null;
  }
  const m = {
    target: d.target,
    source: `${d.product} and ${d.line}`,
    maxLength: d.maxLength,
    tooLong: 'fail',
    required: false,
  } as const;
  return place({ m, name: d.target }, text, label, line, where);
}

function listItems(
  data: Record<string, unknown>,
  l: CompiledLines,
  label: () => string,
): Record<string, unknown>[] | MapResult {
  // `onlyWith`: only the lines that have this field (QuickBooks Online's subtotal line has no item).
  const items = objectsAt(data, l.from).filter((x) => !l.onlyWith || readPath(x, l.onlyWith) != null);
  if (items.length >= l.minItems) return items;
  const lines = `${l.minItems} line${l.minItems === 1 ? '' : 's'}`;
  if (l.whenFewer === 'skip')
    return {
      skipped: {
        field: l.target,
        message: `${label()} was not sent: it has ${items.length} ${l.from} and ${l.target} needs at least ${lines}.`,
        action: `Add lines (${l.from}) to the record in the source: it is sent at its next change.`,
      },
    };
  return {
    error: {
      field: l.target,
      message: `${label()}: ${l.target} needs at least ${lines}, but ${l.from} has ${items.length}.`,
      action: `Add lines (${l.from}) to the record in the source, then reprocess.`,
    },
  };
}

/** Maps one record: synchronously when the mapping has no expression, else as a promise. */
export function mapWith(c: CompiledMapping, record: FlowRecord): MapResult | Promise<MapResult> {
  if (c.async) return mapAsync(c, record);
  const r = mapSync(c, record);
  return r === FALLBACK ? mapAsync(c, record) : r;
}

function mapSync(c: CompiledMapping, record: FlowRecord): MapResult | typeof FALLBACK {
  const out: Record<string, unknown> = {};
  const label = () => recordLabel(record);
  const emptied = new Set<string>();
  const error = mapFieldsSync(c.fields, record.data, label, out, (t) => emptied.add(t));
  if (error === FALLBACK) return FALLBACK;
  if (error) return { error };
  for (const l of c.lines) {
    const items = listItems(record.data, l, label);
    if (!Array.isArray(items)) return items;
    const lines: Record<string, unknown>[] = [];
    const inLine: LeftEmpty = (t) => emptied.add(`${l.target}[].${t}`);
    for (const [i, item] of items.entries()) {
      const line: Record<string, unknown> = {};
      const at = () => `${label()}, line ${i + 1}`;
      const err =
        mapFieldsSync(l.fields, item, at, line, inLine, `${l.target}[${i}].`) ??
        describeLine(l, item, at, line, `${l.target}[${i}].`, inLine);
      if (err === FALLBACK) return FALLBACK;
      if (err) return { error: err };
      lines.push(line);
    }
    if (lines.length) writePath(out, l.target, lines);
  }
  return withEmptied(out, emptied);
}

async function mapAsync(c: CompiledMapping, record: FlowRecord): Promise<MapResult> {
  const out: Record<string, unknown> = {};
  const label = () => recordLabel(record);
  const emptied = new Set<string>();
  const error = await mapFieldsAsync(c.fields, record.data, label, out, (t) => emptied.add(t));
  if (error) return { error };
  for (const l of c.lines) {
    const items = listItems(record.data, l, label);
    if (!Array.isArray(items)) return items;
    const lines: Record<string, unknown>[] = [];
    const inLine: LeftEmpty = (t) => emptied.add(`${l.target}[].${t}`);
    for (const [i, item] of items.entries()) {
      const line: Record<string, unknown> = {};
      const at = () => `${label()}, line ${i + 1}`;
      const err =
        (await mapFieldsAsync(l.fields, item, at, line, inLine, `${l.target}[${i}].`)) ??
        describeLine(l, item, at, line, `${l.target}[${i}].`, inLine);
      if (err) return { error: err };
      lines.push(line);
    }
    if (lines.length) writePath(out, l.target, lines);
  }
  return withEmptied(out, emptied);
}

/**
 * The fields left empty go with the record (RecordMeta.emptied) so that the echo memory counts them. A field
 * left empty on some lines but written on others is named once: the lines are compared one by one anyway.
 */
function withEmptied(data: Record<string, unknown>, emptied: Set<string>): MapResult {
  return emptied.size ? { data, emptied: [...emptied] } : { data };
}
