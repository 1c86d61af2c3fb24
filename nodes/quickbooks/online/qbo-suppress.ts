// "QB custom field to suppress transaction" (seed §5.2): an accountant marks a QuickBooks transaction, e.g.
// its custom field "Sync" set to "Do not sync", and Weft leaves it alone from then on: updates of it are
// skipped, with the reason on the node. New transactions have no value yet and are created as usual.
import { z } from 'zod';
import type { FlowRecord } from '../../define-node';
import { asText, readPath } from '../../core/field-path';
import type { QboClient } from './qbo-client';
import { includeInactive } from './qbo-entities';
import { qboIn } from './qbo-query';

export const SUPPRESS_FIELDS = {
  /** A custom field's name (e.g. Sync) or a field path of the QuickBooks record (e.g. PrivateNote); empty: off. */
  suppressField: z.string().max(100).default(''),
  suppressValue: z.string().max(100).default('Do not sync'),
};

export const SUPPRESS_UI = {
  suppressField: {
    label: 'QuickBooks field that stops updates',
    widget: 'text' as const,
    placeholder: 'Sync',
    help:
      'A custom field (by its name) or a field of the QuickBooks record. When it holds the value below, Weft ' +
      'no longer updates that record; leave empty to update every record.',
  },
  suppressValue: { label: '… when it holds', widget: 'text' as const, placeholder: 'Do not sync' },
};

/** A field of a QuickBooks row: a custom field by its name (case aside), else a path. */
export function qboFieldValue(row: Record<string, unknown>, field: string): string {
  const custom = Array.isArray(row.CustomField) ? (row.CustomField as Record<string, unknown>[]) : [];
  const cf = custom.find((f) => String(f.Name ?? '').toLowerCase() === field.toLowerCase());
  return asText(cf ? cf.StringValue : readPath(row, field)).trim();
}

/** The bound records whose QuickBooks row holds the suppressing value, read in queries of 100 ids. */
export async function suppressedRecords(
  client: QboClient,
  entity: string,
  c: { suppressField: string; suppressValue: string },
  records: FlowRecord[],
): Promise<Set<FlowRecord>> {
  const out = new Set<FlowRecord>();
  if (!c.suppressField) return out;
  const bound = records.filter((r) => r.meta.binding?.targetId);
  const want = c.suppressValue.trim().toLowerCase();
  for (let i = 0; i < bound.length; i += 100) {
    const part = bound.slice(i, i + 100);
    const ids = part.map((r) => r.meta.binding!.targetId!);
    const { rows } = await client.query(
      `select * from ${entity} where ${qboIn('Id', ids)}${includeInactive(entity)} maxresults 1000`,
    );
    const held = new Set(
      rows.filter((row) => qboFieldValue(row, c.suppressField).toLowerCase() === want).map((row) => String(row.Id)),
    );
    for (const r of part) if (held.has(r.meta.binding!.targetId!)) out.add(r);
  }
  return out;
}
