// Lookup value: turns a text (a QuickBooks payment method "Check", or a fixed
// "Payment") into the Id of the row of that name in a Creatio lookup object (a
// picklist such as the Transaction object's Payment Type, UsrPaymentType), so a
// mapping can fill the lookup column (UsrPaymentTypeId). Each lookup's rows are read
// once per run (lookups are short lists); names compare as Creatio compares text,
// ignoring case and surrounding spaces. A name the lookup lacks fails its record
// alone, naming the value and the lookup, or is left empty when so configured.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../define-node';
import { asText, fieldPath, readPath, recordLabel, writePath } from '../core/field-path';
import { addTo } from '../core/add-to';
import type { CreatioClient } from './creatio-client';
import { creatioClientFor } from './creatio-connection';

const config = z.strictObject({
  connection: z.string().min(1, 'Choose the Creatio site (add one under Connections).'),
  /** The lookup object, e.g. UsrPaymentType. */
  object: z.string().regex(/^[A-Za-z_]\w*$/, 'a Creatio object name, e.g. UsrPaymentType'),
  /** Field holding the name to look up, e.g. PaymentMethodRef.name; empty = the fixed name below. */
  nameField: fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/)).default(''),
  /** The name to look up on every record when no field is given, e.g. Payment. */
  name: z.string().max(250).default(''),
  /** Where the row's Id goes, e.g. PaymentTypeId. */
  into: fieldPath(z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field name such as PaymentTypeId')),
  /** A name the lookup lacks: fail the record (default), or go on without it. */
  whenMissing: z.enum(['fail', 'leave-empty']).default('fail'),
});
type Config = z.infer<typeof config>;

interface State {
  client: CreatioClient;
  /** Normalised name → Ids of the rows of that name, read on first use. */
  rows?: Map<string, string[]>;
}

const norm = (v: string) => v.trim().toLowerCase();

async function rowsOf(c: Config, state: State): Promise<Map<string, string[]>> {
  if (state.rows) return state.rows;
  const rows = new Map<string, string[]>();
  for await (const page of state.client.pages(c.object, { select: ['Id', 'Name'] }))
    for (const r of page) addTo(rows, norm(asText(r.Name)), String(r.Id));
  return (state.rows = rows);
}

export const creatioLookupValueNode = defineNode<typeof config, State>({
  type: 'creatio.lookup-value',
  version: 1,
  title: 'Creatio lookup value',
  category: 'binding',
  description:
    'Finds the row of a Creatio lookup (a picklist such as Payment Type) by its name, and puts its Id on the record for a mapping.',
  inputs: [{ name: 'in', label: 'Records' }],
  outputs: [{ name: 'out', label: 'With the lookup Id', recordType: { sameAs: 'in' } }],
  config,
  defaults: {
    connection: '',
    object: 'UsrPaymentType',
    nameField: '',
    name: '',
    into: 'LookupId',
    whenMissing: 'fail',
  },
  ui: {
    icon: '☰',
    color: '#0b6bcb',
    fields: {
      connection: { label: 'Creatio site', widget: 'connection', connectionKind: 'creatio' },
      object: { label: 'Lookup', help: 'The Creatio lookup object, e.g. UsrPaymentType (Payment Type).' },
      nameField: {
        label: 'Name from the field',
        help: "The record's field holding the name, e.g. PaymentMethodRef.name. Leave empty to use the fixed name.",
      },
      name: { label: 'Or the fixed name', widget: 'text', help: 'Looked up for every record, e.g. Payment.' },
      into: { label: 'Put its Id in', help: 'A new field the mapping fills the lookup column from.' },
      whenMissing: {
        label: 'When the lookup has no such name',
        widget: 'select',
        options: [
          { value: 'fail', label: 'fail the record, naming the value' },
          { value: 'leave-empty', label: 'go on without it' },
        ],
      },
    },
    summary: (c: Config) => `${c.nameField || `"${c.name}"`} → ${c.object}.Id into ${c.into}`,
  },
  open: async (ctx, c) => ({ client: await creatioClientFor(ctx, c.connection) }),
  process: async (_ctx, c, state, batch): Promise<RecordResult[]> => {
    const rows = await rowsOf(c, state);
    return batch.map((r): RecordResult => {
      const name = c.nameField ? asText(readPath(r.data, c.nameField)) : c.name;
      const ids = name.trim() ? rows.get(norm(name)) : undefined;
      const what = `${recordLabel(r)}: Creatio's lookup ${c.object}`;
      if (ids && ids.length > 1)
        return {
          record: r,
          outcome: 'failed',
          failure: {
            code: 'weft.lookup-value.ambiguous',
            field: c.nameField || undefined,
            message: `${what} has ${ids.length} rows named "${name}"; Weft cannot tell which one is meant.`,
            action: `Rename or remove the duplicate "${name}" rows of ${c.object} in Creatio, then reprocess.`,
          },
        };
      if (!ids && (c.whenMissing === 'fail' || (!c.nameField && name.trim())))
        return {
          record: r,
          outcome: 'failed',
          failure: {
            code: 'weft.lookup-value.missing',
            field: c.nameField || undefined,
            message: name.trim() ? `${what} has no row named "${name}".` : `${recordLabel(r)} has no ${c.nameField}.`,
            action: name.trim()
              ? `Add "${name}" to the ${c.object} lookup in Creatio (or correct the value), then reprocess.`
              : `Fill ${c.nameField} in the source, then reprocess.`,
          },
        };
      const record: FlowRecord = { ...r, data: { ...r.data } };
      if (ids) writePath(record.data, c.into, ids[0]);
      return { record, outcome: 'passed', port: 'out' };
    });
  },
});
