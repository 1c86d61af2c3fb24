// "QB custom field to suppress transaction" (seed §5.2, QB to Creatio sync): a field of the
// incoming QuickBooks record that, when set, keeps that record out of Creatio. The
// bookkeeper ticks it in QuickBooks on the items or customers Creatio should not see.
// A suppressed record is skipped with the reason (counted, not failed) and comes back
// by itself on the next run after the field is cleared.
//
// QuickBooks keeps custom fields in lists, not as plain fields: Online as
// `CustomField: [{ Name, StringValue }]` on sales forms, Desktop as data extensions
// (`DataExtRet: [{ DataExtName, DataExtValue }]`). A path `CustomField.<name>` or
// `DataExt.<name>` reads the value of the custom field of that name from either shape.
import { z } from 'zod';
import type { FlowRecord, RecordResult } from '../define-node';
import { asText, fieldPath, readPath } from './field-path';

export const SUPPRESS_FIELDS = {
  /** The incoming record's field that, when set, keeps the record out (empty: none). */
  suppressField: fieldPath(z.string().regex(/^([A-Za-z_][\w. ]*)?$/, 'a field path such as DataExt.NoSync')).default(
    '',
  ),
};

export const SUPPRESS_DEFAULTS = { suppressField: '' };

export const SUPPRESS_UI = {
  suppressField: {
    label: 'Skip records whose field is set',
    help:
      'A QuickBooks field, usually a custom field (DataExt.<name> on Desktop, CustomField.<name> on Online ' +
      'sales forms): when it holds a value other than No / false / 0, the record is left out of Creatio.',
  },
};

type Data = Record<string, unknown>;

function customValue(list: unknown, name: string): unknown {
  // A qbXML list of one arrives as a single element.
  const items = Array.isArray(list) ? (list as Data[]) : list && typeof list === 'object' ? [list as Data] : [];
  const hit = items.find((f) => asText(f.Name ?? f.DataExtName).toLowerCase() === name.toLowerCase());
  return hit ? (hit.StringValue ?? hit.DataExtValue ?? hit.BooleanValue ?? hit.NumberValue) : undefined;
}

/** The field's value: a plain path, or a custom field by name in QuickBooks' list shapes. */
export function suppressValue(data: Data, path: string): unknown {
  const plain = readPath(data, path);
  if (plain !== undefined) return plain;
  const m = /^(CustomField|DataExt)\.(.+)$/.exec(path);
  if (!m) return undefined;
  return customValue(data.CustomField, m[2]) ?? customValue(data.DataExtRet, m[2]) ?? customValue(data.DataExt, m[2]);
}

const OFF = new Set(['', 'no', 'n', 'false', '0', 'off']);

/** A record whose suppress field is set: skipped, with the field named; null otherwise. */
export function applySuppression(
  c: { suppressField: string },
  record: FlowRecord,
  target: { system: string; entity: string },
): RecordResult | null {
  if (!c.suppressField) return null;
  const value = asText(suppressValue(record.data, c.suppressField)).trim();
  if (OFF.has(value.toLowerCase())) return null;
  return {
    record,
    outcome: 'skipped',
    failure: {
      code: 'weft.binding.suppressed',
      field: c.suppressField,
      message: `Not synced to ${target.system} ${target.entity}: ${c.suppressField} is "${value}" on this record.`,
      action: `Nothing to do. To sync it after all, clear ${c.suppressField} in QuickBooks; the next run takes it.`,
    },
  };
}
