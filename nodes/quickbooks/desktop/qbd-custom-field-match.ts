// Binding by a custom field (seed §3.2: "If the binding ... is based on a product code or item SKU, a custom field
// named ItemCode is required in QuickBooks"). qbXML has no query filter on custom fields — DataExt values come back
// only as DataExtRet inside each record when OwnerID 0 is asked (qbXML OSR, ItemQueryRq / CustomerQueryRq
// OwnerID) — so the records of the object are read once per batch, active or not, and compared here: trimmed,
// regardless of case, like names. Two records holding the same value cannot be told apart (the caller fails it).
import type { FlowRecord, RecordFailure } from '../../define-node';
import type { QbdClient } from './qbd-client';
import type { EntityDef } from './qbd-catalogue';
import { normName, QbdQueryError, retsOf, type ObjectRet } from './qbd-lookup';
import { addTo } from '../../core/add-to';
import { asText, readPath } from '../../core/field-path';

/** Records of `d` by the value of their public custom field `field`, normalised (normName). */
export async function recordsByCustomField(
  client: QbdClient,
  d: EntityDef,
  keyBase: string,
  field: string,
): Promise<Map<string, ObjectRet[]>> {
  const [r] = await client.send([
    {
      key: `${keyBase}|${d.name}|custom-field|${field}`,
      request: { type: 'Query' as const, object: d.name, activeStatus: 'All' as const, ownerId: '0' },
    },
  ]);
  if (r.error) throw new QbdQueryError(null, r.error, r.error.message);
  if (!r.rs || (r.rs.statusSeverity === 'Error' && r.rs.statusCode !== 1))
    throw new QbdQueryError(
      r.rs,
      null,
      `QuickBooks Desktop could not look up ${d.name} records: ${r.rs?.statusMessage ?? 'no answer'}`,
    );
  const found = new Map<string, ObjectRet[]>();
  for (const ret of retsOf(d, r.rs)) {
    const ext = ret.DataExtRet;
    const list = (Array.isArray(ext) ? ext : ext ? [ext] : []) as Record<string, unknown>[];
    const value = list.find((x) => String(x.DataExtName ?? '').toLowerCase() === field.toLowerCase())?.DataExtValue;
    if (value !== undefined && String(value).trim() !== '') addTo(found, normName(value), ret);
  }
  return found;
}

/** Two QuickBooks records hold the value: which one the record is cannot be told. */
export function customFieldAmbiguous(
  entity: string,
  customField: string,
  r: FlowRecord,
  sourceField: string,
  hits: ObjectRet[],
): RecordFailure {
  const value = asText(readPath(r.data, sourceField));
  return {
    code: 'weft.binding.ambiguous',
    field: sourceField,
    message:
      `${hits.length} QuickBooks Desktop ${entity} records have ${customField} "${value}" ` +
      `(${hits.map((h) => String(h.FullName ?? h.ListID)).join(', ')}); Weft cannot tell which one this record is.`,
    action: `Give each ${entity} its own ${customField} in QuickBooks (or bind the record by hand), then reprocess.`,
  };
}
