// Mapping: builds the target record field by field, from a source field, a
// fixed value, a template such as "{{Name}} ({{Code}})", or the product of number
// fields (quantity × price). Lists of lines (an invoice's Line[]) are built from a
// child collection of the source record (an opportunity's products), one line per
// element, with the same kinds of field mappings. A value that does not fit
// (required but empty, too long) fails that record alone, with the field named —
// never a silent truncation that could create a near-duplicate in QuickBooks.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../define-node';
import {
  asText,
  fieldPath,
  forbiddenPathMessage,
  forbiddenSegment,
  readPath,
  recordLabel,
  writePath,
} from './field-path';

const TEMPLATE = /\{\{\s*([\w.]+)\s*\}\}/g;

/** A template's {{placeholders}} are field paths too. */
function refusePlaceholders(value: string, ctx: z.RefinementCtx): void {
  for (const [, path] of value.matchAll(TEMPLATE)) {
    const bad = forbiddenSegment(path);
    if (bad !== undefined) ctx.addIssue({ code: 'custom', message: forbiddenPathMessage(bad) });
  }
}

const FieldMapping = z
  .strictObject({
    target: fieldPath(z.string().min(1, 'name the target field')),
    /** Source field path; the value keeps its JSON type. */
    source: fieldPath().optional(),
    /** Fixed text, or a template with {{Field}} placeholders. Used when `source` is not set. */
    value: z.string().superRefine(refusePlaceholders).optional(),
    /** Number fields to multiply (e.g. Quantity and Price), rounded to cents: a line amount QuickBooks accepts (6070). */
    multiply: z
      .array(fieldPath(z.string().min(1)))
      .min(2)
      .optional(),
    /** Convert the value: `date` keeps the calendar date of a timestamp (2026-02-04T09:00:00Z → 2026-02-04), as QuickBooks dates are written. */
    as: z.enum(['text', 'number', 'date']).optional(),
    required: z.boolean().default(false),
    maxLength: z.number().int().positive().optional(),
    /** What to do with text longer than maxLength. */
    tooLong: z.enum(['fail', 'truncate']).default('fail'),
  })
  .refine((m) => m.source !== undefined || m.value !== undefined || m.multiply !== undefined, {
    message: 'give a source field, a value or fields to multiply',
  });

/** One target list (e.g. Line) built from a child collection (e.g. OpportunityProductCollectionByOpportunity). */
const LinesMapping = z.strictObject({
  target: fieldPath(z.string().min(1, 'name the target list, e.g. Line')),
  from: fieldPath(z.string().min(1, "name the source list, e.g. the opportunity's products")),
  fields: z.array(FieldMapping).min(1, 'map at least one field of each line'),
  /** Fewer elements than this fails the record (QuickBooks refuses an invoice without lines). */
  minItems: z.number().int().min(0).default(0),
});

const Config = z.strictObject({
  /** Record type produced, e.g. `quickbooks-online.Customer`. */
  targetType: z.string().regex(/^[a-z-]+\.[A-Za-z]+$/, 'a record type looks like quickbooks-online.Customer'),
  mappings: z.array(FieldMapping).min(1, 'map at least one field'),
  lines: z.array(LinesMapping).optional(),
});

export type FieldMapping = z.infer<typeof FieldMapping>;
type Config = z.infer<typeof Config>;
type MapError = { field: string; message: string; action: string };

/**
 * Apply field mappings to one source object (a record, or one element of a list) into `out`.
 * `label` names the record in messages; made only when one is written (most records map cleanly).
 */
function mapFields(
  mappings: FieldMapping[],
  data: Record<string, unknown>,
  label: () => string,
  out: Record<string, unknown>,
  where = '',
): MapError | null {
  for (const m of mappings) {
    const target = where ? `${where}${m.target}` : m.target; // no new string per record and field when not in a line
    let v: unknown;
    if (m.multiply) {
      const nums = m.multiply.map((p) => Number(readPath(data, p)));
      const bad = m.multiply.find((_, i) => !Number.isFinite(nums[i]) || asText(readPath(data, m.multiply![i])) === '');
      if (bad !== undefined) {
        return {
          field: target,
          message: `${label()}: ${target} is ${m.multiply.join(' × ')}, but ${bad} is not a number.`,
          action: `Fill in ${bad} with a number in the source, then reprocess.`,
        };
      }
      v = Math.round(nums.reduce((a, b) => a * b, 1) * 100) / 100;
    } else {
      v =
        m.source !== undefined
          ? readPath(data, m.source)
          : (m.value ?? '').replace(TEMPLATE, (_, p: string) => asText(readPath(data, p)));
    }
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
        const from = m.source ? `its ${m.source} is empty` : 'the value is empty';
        return {
          field: target,
          message: `${label()}: ${target} needs a value, but ${from}.`,
          action: `Fill in ${m.source ?? 'the source field'} on the record, or change the mapping of ${m.target}.`,
        };
      }
      continue; // absent, not blank: a sparse update must not wipe the target's value
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
  }
  return null;
}

function convert(as: 'text' | 'number' | 'date', v: unknown): unknown {
  if (as === 'text') return asText(v);
  if (as === 'number') {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    return Number.isFinite(n) ? n : undefined;
  }
  const m = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(String(v));
  return m ? m[1] : undefined;
}

export function mapRecord(config: Config, record: FlowRecord): { data: Record<string, unknown> } | { error: MapError } {
  const out: Record<string, unknown> = {};
  const label = () => recordLabel(record);
  const error = mapFields(config.mappings, record.data, label, out);
  if (error) return { error };
  for (const l of config.lines ?? []) {
    const list = readPath(record.data, l.from);
    const items = Array.isArray(list)
      ? list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
      : [];
    if (items.length < l.minItems) {
      return {
        error: {
          field: l.target,
          message: `${label()}: ${l.target} needs at least ${l.minItems} line${l.minItems === 1 ? '' : 's'}, but ${l.from} has ${items.length}.`,
          action: `Add lines (${l.from}) to the record in the source, then reprocess.`,
        },
      };
    }
    const lines: Record<string, unknown>[] = [];
    for (const [i, item] of items.entries()) {
      const line: Record<string, unknown> = {};
      const err = mapFields(l.fields, item, () => `${label()}, line ${i + 1}`, line, `${l.target}[${i}].`);
      if (err) return { error: err };
      lines.push(line);
    }
    if (lines.length) writePath(out, l.target, lines);
  }
  return { data: out };
}

export const mappingNode = defineNode({
  type: 'core.mapping',
  version: 1,
  title: 'Mapping',
  category: 'mapping',
  description:
    'Builds the target record field by field: from a source field, a fixed value or a template like {{Name}}.',
  inputs: [{ name: 'in', label: 'Source records' }],
  outputs: [{ name: 'out', label: 'Mapped records', recordType: (c: Config) => c.targetType }],
  config: Config,
  defaults: {
    targetType: 'quickbooks-online.Customer',
    mappings: [{ target: 'DisplayName', source: 'Name', required: true, tooLong: 'fail' }],
  },
  ui: {
    icon: '⇄',
    color: '#7c3aed',
    fields: {
      targetType: {
        label: 'Produces',
        widget: 'text',
        help: 'The kind of record this mapping builds, e.g. quickbooks-online.Customer.',
      },
      mappings: { label: 'Fields', widget: 'mappings' },
      lines: {
        label: 'Lists of lines',
        help: "Build a list such as an invoice's Line from a list of the source record, e.g. its products: one line per element.",
      },
    },
    summary: (c) =>
      `${c.mappings.length} field${c.mappings.length === 1 ? '' : 's'}${c.lines?.length ? ` + ${c.lines.map((l) => l.target).join(', ')}` : ''} → ${c.targetType.split('.')[1]}`,
  },
  async process(_ctx, config, _state, batch) {
    return batch.map((record): RecordResult => {
      // A deletion read from the source (e.g. QuickBooks Online CDC) carries only its Id:
      // there is nothing to map, and failing it would hide the deletion from the sink,
      // which decides what a deletion means for its system.
      if (record.meta.deleted) return { record, outcome: 'passed', port: 'out' };
      const r = mapRecord(config, record);
      if ('error' in r) return { record, outcome: 'failed', failure: { code: 'weft.mapping', ...r.error } };
      return { record: { ...record, data: r.data }, outcome: 'passed', port: 'out' };
    });
  },
});
