// Sales-form custom fields by name (reference B4). QuickBooks wants
// `CustomField: [{ DefinitionId, Name, Type: 'StringType', StringValue }]`, and the
// DefinitionId ("1".."3") is only found in the company's Preferences
// (SalesFormsPrefs.CustomField). A mapping instead targets `CustomField.<name>`
// (e.g. "CustomField.PO Number"), which gives the record `CustomField: { 'PO Number': … }`;
// the sink turns that into QuickBooks' list here, reading Preferences once per run.
// A list already in QuickBooks' shape passes unchanged.
import type { FlowRecord, RecordResult } from '../../define-node';
import type { QboClient } from './qbo-client';
import { QBO_ENTITY_INFO, type QboEntityName } from './qbo-entities';
import { QboError } from './qbo-error';
import { qboFailure, unexpectedFailure } from './qbo-failure';

/** Intuit's limit for a string custom field value. */
export const CUSTOM_FIELD_MAX = 31;

type Body = Record<string, unknown>;
/** Enabled custom fields by lower-cased name → { DefinitionId, Name }. */
export type CustomFieldDefs = Map<string, { id: string; name: string }>;

export function parseCustomFieldDefs(prefs: Body | undefined): CustomFieldDefs {
  const groups = ((prefs?.SalesFormsPrefs as Body | undefined)?.CustomField ?? []) as Body[];
  const on = new Set<string>();
  const names = new Map<string, string>();
  for (const it of groups.flatMap((g) => (g.CustomField ?? []) as Body[])) {
    const name = String(it.Name ?? '');
    const use = /^SalesFormsPrefs\.UseSalesCustom(\d)$/.exec(name);
    if (use && it.BooleanValue === true) on.add(use[1]);
    const label = /^SalesFormsPrefs\.SalesCustomName(\d)$/.exec(name);
    if (label && it.StringValue) names.set(label[1], String(it.StringValue));
  }
  return new Map(
    [...names].filter(([id]) => on.has(id)).map(([id, name]) => [name.trim().toLowerCase(), { id, name }]),
  );
}

export async function loadCustomFieldDefs(client: QboClient): Promise<CustomFieldDefs> {
  const { rows } = await client.query('select * from Preferences');
  return parseCustomFieldDefs(rows[0]);
}

const isByName = (v: unknown): v is Body => !!v && typeof v === 'object' && !Array.isArray(v);

/** The wire list for one record's `CustomField` object, or what is wrong with it (in plain words). */
function toWire(
  entity: string,
  record: FlowRecord,
  byName: Body,
  defs: CustomFieldDefs,
): { list: Body[] } | { failure: NonNullable<RecordResult['failure']> } {
  const list: Body[] = [];
  const label = String(record.data.DocNumber ?? record.key);
  for (const [name, value] of Object.entries(byName)) {
    const def = defs.get(name.trim().toLowerCase());
    if (!def) {
      const known = [...defs.values()].map((d) => `"${d.name}"`).join(', ');
      return {
        failure: {
          code: 'weft.qbo.custom-field-unknown',
          field: `CustomField.${name}`,
          message: `QuickBooks has no custom field named "${name}" on sales forms (${entity} ${label}); the company defines ${known || 'none'}.`,
          action:
            `Rename the mapping target to CustomField.<one of ${known || 'the defined names'}>, or add ` +
            `the field in QuickBooks (Settings → Custom fields), then reprocess.`,
        },
      };
    }
    const text = value === undefined || value === null ? '' : String(value);
    if (text.length > CUSTOM_FIELD_MAX) {
      return {
        failure: {
          code: 'weft.qbo.custom-field-too-long',
          field: `CustomField.${def.name}`,
          message: `Custom field "${def.name}" of ${entity} ${label} is too long: ${text.length} characters, QuickBooks allows at most ${CUSTOM_FIELD_MAX}.`,
          action:
            `Shorten "${def.name}" in the source or map a shorter value (at most ${CUSTOM_FIELD_MAX} ` +
            `characters), then reprocess. Weft never truncates it for you.`,
        },
      };
    }
    list.push({ DefinitionId: def.id, Name: def.name, Type: 'StringType', ...(text ? { StringValue: text } : {}) });
  }
  return { list };
}

/**
 * Resolve custom fields given by name on the records of one batch. Returns the
 * records ready to write and failures for the others. `cache` holds the run's
 * definitions so Preferences is read at most once per run.
 */
export async function prepareCustomFields(
  client: QboClient,
  entity: string,
  batch: FlowRecord[],
  cache: { customFields?: Promise<CustomFieldDefs> },
): Promise<{ records: FlowRecord[]; failed: RecordResult[] }> {
  const named = batch.filter((r) => isByName(r.data.CustomField));
  if (!named.length) return { records: batch, failed: [] };
  const failed: RecordResult[] = [];
  if (!QBO_ENTITY_INFO[entity as QboEntityName]?.customFields) {
    for (const record of named)
      failed.push({
        record,
        outcome: 'failed',
        failure: {
          code: 'weft.qbo.custom-field-unsupported',
          field: 'CustomField',
          message: `QuickBooks ${entity} has no custom fields through the API; only Invoice, SalesReceipt, Estimate and CreditMemo do.`,
          action: 'Remove the CustomField mapping from this flow.',
        },
      });
    return { records: batch.filter((r) => !named.includes(r)), failed };
  }
  let defs: CustomFieldDefs;
  try {
    cache.customFields ??= loadCustomFieldDefs(client);
    defs = await cache.customFields;
  } catch (e) {
    cache.customFields = undefined; // try again with the next batch
    const failure = e instanceof QboError ? qboFailure(e, 'Preferences') : unexpectedFailure(e);
    return {
      records: batch.filter((r) => !named.includes(r)),
      failed: named.map((record) => ({ record, outcome: 'failed', failure })),
    };
  }
  const records: FlowRecord[] = [];
  for (const record of batch) {
    if (!named.includes(record)) {
      records.push(record);
      continue;
    }
    const out = toWire(entity, record, record.data.CustomField as Body, defs);
    if ('failure' in out) failed.push({ record, outcome: 'failed', failure: out.failure });
    else {
      record.data = { ...record.data, CustomField: out.list };
      records.push(record);
    }
  }
  return { records, failed };
}
