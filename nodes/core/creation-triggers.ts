// Creation triggers (seed §5.2): when a record with no counterpart yet may be created in
// the target — as soon as it exists (the default), once an opportunity reaches a chosen
// stage, once it is won, or once a field has a value. A record that does not meet the
// trigger is skipped with the reason and created by a later run, when it does. Records
// already bound are updated whatever the trigger: the permitted operations
// (permitted-operations.ts) decide that, unchanged.
//
// The same setting is offered on three kinds of node (seed §5.2 puts it on the flow's
// source and target): a binding node checks it on the record it binds; a source checks it
// on the record it reads (its own fields: the stage, the won flag) and marks a record that
// does not meet it (`meta.creationWaits`), so whichever node would create it skips it; a
// sink checks it on the record it writes (the target's fields, after the mapping).
import { z } from 'zod';
import type { FlowRecord, RecordResult } from '../define-node';
import { asText, fieldPath, readPath, recordLabel } from './field-path';
import { asWritten, updatesTarget } from './create-only';

export const CREATION_TRIGGERS = ['record-created', 'stage-reached', 'won', 'field-has-value'] as const;

export const CREATION_TRIGGER_FIELDS = {
  createWhen: z.enum(CREATION_TRIGGERS).default('record-created'),
  /** The stage field (e.g. Stage.Name) or the field that must have a value. */
  triggerField: fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/, 'a field path such as Stage.Name')).default(''),
  /** The stage name, the won stage's name, or the value the field must have (empty: any value). */
  triggerValue: z.string().max(200).default(''),
  /**
   * Seed §5.2 "Duplicate prevention": a source field that says the record was sent already (e.g. UsrQBSent,
   * set by "Write back to Creatio"). Such a record with no counterpart found is never created a second time.
   */
  sentField: fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/, 'a field path such as UsrQBSent')).default(''),
};

export const CREATION_TRIGGER_DEFAULTS = {
  createWhen: 'record-created' as (typeof CREATION_TRIGGERS)[number],
  triggerField: '',
  triggerValue: '',
  sentField: '',
};

type TriggerFields = typeof CREATION_TRIGGER_DEFAULTS;
export type CreationTrigger = { [K in Exclude<keyof TriggerFields, 'sentField'>]: TriggerFields[K] } & {
  sentField?: string;
};

export const CREATION_TRIGGER_UI = {
  createWhen: {
    label: 'Create new records when',
    widget: 'select' as const,
    options: [
      { value: 'record-created', label: 'the record is created' },
      { value: 'stage-reached', label: 'the opportunity reaches a stage' },
      { value: 'won', label: 'the opportunity is won' },
      { value: 'field-has-value', label: 'a field has a value' },
    ],
    help: 'Records already linked are updated whatever this says; the others wait until it is true.',
  },
  triggerField: {
    label: 'Stage or field',
    help: 'The stage field (e.g. Stage.Name), or the field that must have a value (e.g. UsrSyncToQuickBooks).',
  },
  triggerValue: {
    label: 'Stage or value',
    help: 'The stage to reach (e.g. Proposal), the won stage (default Closed won), or the value (empty: any value).',
  },
  sentField: {
    label: 'Duplicate prevention field',
    placeholder: 'UsrQBSent',
    help:
      'A Yes/No field of the source that says the record was sent already. A record marked sent that has no ' +
      'linked or matching record here is never created again; it waits in Failed records for you to link it.',
  },
};

/** On a sink the trigger reads the record it writes (the mapping's output): said so in its help. */
export const CREATION_TRIGGER_SINK_UI = {
  ...CREATION_TRIGGER_UI,
  createWhen: {
    ...CREATION_TRIGGER_UI.createWhen,
    help:
      'Judged on the record this step writes. Records already linked are updated whatever this says; ' +
      'the others wait until it is true (a source or binding step can say the same of the record read).',
  },
  triggerField: {
    label: 'Stage or field',
    help: 'A field of the record this step writes, e.g. CompanyName, or a stage field the mapping fills.',
  },
};

/** Why a record may not be created yet; null when the trigger allows it. */
export function creationWaits(t: CreationTrigger, record: FlowRecord): string | null {
  if (t.createWhen === 'record-created') return null;
  const field = t.triggerField || (t.createWhen === 'field-has-value' ? '' : 'Stage.Name');
  const value = field ? asText(readPath(record.data, field)).trim() : '';
  const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
  if (t.createWhen === 'field-has-value') {
    if (!field) return 'no field is named for the "a field has a value" trigger';
    if (t.triggerValue ? same(value, t.triggerValue) : value !== '') return null;
    return t.triggerValue ? `${field} is "${value}", not "${t.triggerValue}"` : `${field} is empty`;
  }
  const stage = t.triggerValue || (t.createWhen === 'won' ? 'Closed won' : '');
  if (same(value, stage)) return null;
  return t.createWhen === 'won'
    ? `it is not won yet (${field} is "${value}", not "${stage}")`
    : `it has not reached the stage "${stage}" yet (${field} is "${value}")`;
}

/** A Yes/No value as Creatio and people write it. */
function isYes(v: unknown): boolean {
  return v === true || /^(true|yes|1)$/i.test(asText(v).trim());
}

/** A record that would be created but does not meet the trigger: skipped, with the reason; null otherwise. */
export function applyCreationTrigger(
  t: CreationTrigger,
  record: FlowRecord,
  target: { system: string; entity: string },
): RecordResult | null {
  if (updatesTarget(record) || record.meta.deleted) return null;
  if (t.sentField && isYes(readPath(record.data, t.sentField))) {
    return {
      record,
      outcome: 'failed',
      failure: {
        code: 'weft.binding.already-sent',
        field: t.sentField,
        message:
          `${recordLabel(record)} is marked as sent already (${t.sentField}), but no ${target.system} ` +
          `${target.entity} is linked to it or matches it: it is not created again, to prevent a duplicate.`,
        action:
          `Find its ${target.entity} in ${target.system} and give the record its number (or link it), or clear ` +
          `${t.sentField} to create it anew; then reprocess.`,
      },
    };
  }
  const why = record.meta.creationWaits ?? creationWaits(t, record);
  if (!why) return null;
  return {
    record,
    outcome: 'skipped',
    failure: {
      code: 'weft.binding.not-triggered',
      message: `Not created in ${target.system} as a new ${target.entity} yet: ${why}.`,
      action: 'Nothing to do: a later run creates it once the trigger is met (see "Create new records when").',
    },
  };
}

/** A source's records: those that do not meet its trigger carry why (`meta.creationWaits`) to the node that creates. */
export function markCreationWaits(t: CreationTrigger, records: FlowRecord[]): FlowRecord[] {
  if (t.createWhen === 'record-created') return records;
  for (const r of records) {
    const why = creationWaits(t, r);
    if (why) r.meta.creationWaits = why;
  }
  return records;
}

/**
 * A sink's batch: records it would create that do not meet its trigger (or the source's) are skipped with
 * the reason; the others, bound ones (updates) always among them, go on to be written — an update without
 * the fields its mapping writes only when creating (create-only.ts). Every sink splits creates from updates
 * here first, so that rule is defined once for all of them.
 */
export function gateCreation(
  t: CreationTrigger,
  batch: FlowRecord[],
  target: { system: string; entity: string },
): { write: FlowRecord[]; skipped: RecordResult[] } {
  const write: FlowRecord[] = [];
  const skipped: RecordResult[] = [];
  for (const record of batch) {
    const waits = applyCreationTrigger(t, record, target);
    if (waits) skipped.push(waits);
    else write.push(asWritten(record));
  }
  return { write, skipped };
}
