// Mapping: builds the target record field by field, from a source field, a
// fixed value, or a template such as "{{Name}} ({{Code}})". A value that does not
// fit (required but empty, too long) fails that record alone, with the field named
// — never a silent truncation that could create a near-duplicate in QuickBooks.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../define-node';
import { asText, readPath, writePath } from './field-path';

const FieldMapping = z
  .strictObject({
    target: z.string().min(1, 'name the target field'),
    /** Source field path; the value keeps its JSON type. */
    source: z.string().optional(),
    /** Fixed text, or a template with {{Field}} placeholders. Used when `source` is not set. */
    value: z.string().optional(),
    required: z.boolean().default(false),
    maxLength: z.number().int().positive().optional(),
    /** What to do with text longer than maxLength. */
    tooLong: z.enum(['fail', 'truncate']).default('fail'),
  })
  .refine((m) => m.source !== undefined || m.value !== undefined, { message: 'give a source field or a value' });

const Config = z.strictObject({
  /** Record type produced, e.g. `quickbooks-online.Customer`. */
  targetType: z.string().regex(/^[a-z-]+\.[A-Za-z]+$/, 'a record type looks like quickbooks-online.Customer'),
  mappings: z.array(FieldMapping).min(1, 'map at least one field'),
});

export type FieldMapping = z.infer<typeof FieldMapping>;
type Config = z.infer<typeof Config>;

const TEMPLATE = /\{\{\s*([\w.]+)\s*\}\}/g;

export function mapRecord(config: Config, record: FlowRecord): { data: Record<string, unknown> } | { error: { field: string; message: string; action: string } } {
  const out: Record<string, unknown> = {};
  const label = recordLabel(record);
  for (const m of config.mappings) {
    let v: unknown = m.source !== undefined ? readPath(record.data, m.source) : (m.value ?? '').replace(TEMPLATE, (_, p: string) => asText(readPath(record.data, p)));
    if (v === '00000000-0000-0000-0000-000000000000') v = ''; // Creatio's empty lookup
    const text = typeof v === 'string' ? v : null;
    const empty = v === undefined || v === null || (text !== null && text.trim() === '');
    if (empty) {
      if (m.required) {
        const from = m.source ? `its ${m.source} is empty` : 'the value is empty';
        return { error: { field: m.target, message: `${label}: ${m.target} needs a value, but ${from}.`, action: `Fill in ${m.source ?? 'the source field'} on the record, or change the mapping of ${m.target}.` } };
      }
      continue; // absent, not blank: a sparse update must not wipe the target's value
    }
    if (text !== null && m.maxLength !== undefined && [...text].length > m.maxLength) {
      if (m.tooLong === 'fail') {
        return { error: { field: m.target, message: `${label}: ${m.target} may hold ${m.maxLength} characters, but "${text}" has ${[...text].length}.`, action: `Shorten it in the source, or let the mapping of ${m.target} truncate.` } };
      }
      v = [...text].slice(0, m.maxLength).join('');
    }
    writePath(out, m.target, v);
  }
  return { data: out };
}

function recordLabel(r: FlowRecord): string {
  const name = asText(r.data.Name ?? r.data.Title ?? r.data.DisplayName);
  return `${r.meta.source.entity} "${name || r.key}"`;
}

export const mappingNode = defineNode({
  type: 'core.mapping',
  version: 1,
  title: 'Mapping',
  category: 'mapping',
  description: 'Builds the target record field by field: from a source field, a fixed value or a template like {{Name}}.',
  inputs: [{ name: 'in', label: 'Source records' }],
  outputs: [{ name: 'out', label: 'Mapped records', recordType: (c: Config) => c.targetType }],
  config: Config,
  defaults: { targetType: 'quickbooks-online.Customer', mappings: [{ target: 'DisplayName', source: 'Name', required: true, tooLong: 'fail' }] },
  ui: {
    icon: '⇄',
    color: '#7c3aed',
    fields: {
      targetType: { label: 'Produces', widget: 'text', help: 'The kind of record this mapping builds, e.g. quickbooks-online.Customer.' },
      mappings: { label: 'Fields', widget: 'mappings' },
    },
    summary: (c) => `${c.mappings.length} field${c.mappings.length === 1 ? '' : 's'} → ${c.targetType.split('.')[1]}`,
  },
  async process(_ctx, config, _state, batch) {
    return batch.map((record): RecordResult => {
      const r = mapRecord(config, record);
      if ('error' in r) return { record, outcome: 'failed', failure: { code: 'weft.mapping', ...r.error } };
      return { record: { ...record, data: r.data }, outcome: 'passed', port: 'out' };
    });
  },
});
