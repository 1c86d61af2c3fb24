// Update trigger (seed §5.2 "QB to Creatio Sync": triggers for Creatio account creation and
// update, "QB Customer created/modified" or "QB Customer field value"): a record already
// linked is updated whenever it was modified (the default), or only while one of its
// fields has a value — e.g. a QuickBooks custom field the bookkeeper ticks to send a
// change on. A record held back is skipped with the reason; creation has its own trigger
// (creation-triggers.ts).
import { z } from 'zod';
import type { FlowRecord, RecordResult } from '../define-node';
import { asText, fieldPath } from './field-path';
import { suppressValue } from './suppress-field';

export const UPDATE_TRIGGER_FIELDS = {
  updateWhen: z.enum(['record-modified', 'field-has-value']).default('record-modified'),
  /** The field that must have a value (a path, or DataExt.<name> / CustomField.<name>). */
  updateField: fieldPath(z.string().regex(/^([A-Za-z_][\w. ]*)?$/, 'a field path such as DataExt.SendChanges')).default(
    '',
  ),
  /** The value it must have (empty: any value). */
  updateValue: z.string().max(200).default(''),
};

export const UPDATE_TRIGGER_DEFAULTS = {
  updateWhen: 'record-modified' as 'record-modified' | 'field-has-value',
  updateField: '',
  updateValue: '',
};

export const UPDATE_TRIGGER_UI = {
  updateWhen: {
    label: 'Update linked records when',
    widget: 'select' as const,
    options: [
      { value: 'record-modified', label: 'the record is modified' },
      { value: 'field-has-value', label: 'a field has a value' },
    ],
    help: 'New records follow "Create new records when"; this decides when records already linked are updated.',
  },
  updateField: { label: 'Update field', help: 'The field that must have a value, e.g. DataExt.SendChanges.' },
  updateValue: { label: 'Update value', help: 'The value it must have; empty: any value.' },
};

/** A linked record the update trigger holds back: skipped, with the reason; null otherwise. */
export function applyUpdateTrigger(
  t: typeof UPDATE_TRIGGER_DEFAULTS,
  record: FlowRecord,
  target: { system: string; entity: string },
): RecordResult | null {
  if (t.updateWhen === 'record-modified' || !record.meta.binding?.targetId) return null;
  const value = asText(suppressValue(record.data, t.updateField)).trim();
  const ok = t.updateValue ? value.toLowerCase() === t.updateValue.toLowerCase() : value !== '';
  if (ok && t.updateField) return null;
  const why = !t.updateField
    ? 'no field is named for the "a field has a value" update trigger'
    : t.updateValue
      ? `${t.updateField} is "${value}", not "${t.updateValue}"`
      : `${t.updateField} is empty`;
  return {
    record,
    outcome: 'skipped',
    failure: {
      code: 'weft.binding.not-triggered',
      field: t.updateField || undefined,
      message: `Not updated in ${target.system} ${target.entity}: ${why}.`,
      action:
        'Nothing to do: it is updated on a later change once the field has its value (see "Update linked records when").',
    },
  };
}
