// Jobs and sub-customers are found by their FullName, Parent:Name (qbXML OSR, CustomerRet FullName): their own
// Name is unique only under their parent — two customers may each have a job "Kitchen", and a job may share its
// name with a top-level customer. For records that name their parent's ListID (e.g. the customer a reference
// lookup found), the binding asks QuickBooks for the parents' FullNames and matches Parent:Name.
import type { FlowRecord, RecordFailure } from '../../define-node';
import { asText, readPath } from '../../core/field-path';
import type { QbdClient } from './qbd-client';
import type { EntityDef } from './qbd-catalogue';
import { recordsById } from './qbd-lookup';

/** Per record, the FullName prefix ("Parent:") its name is matched under, or why it cannot be looked up. */
export async function parentPrefixes(
  client: QbdClient,
  d: EntityDef,
  keyBase: string,
  records: FlowRecord[],
  parentField: string,
): Promise<Map<FlowRecord, string | RecordFailure>> {
  const idOf = (r: FlowRecord) => asText(readPath(r.data, parentField)).trim();
  const parents = await recordsById(client, d, `${keyBase}|parents`, [...new Set(records.map(idOf).filter(Boolean))]);
  const out = new Map<FlowRecord, string | RecordFailure>();
  for (const r of records) {
    const id = idOf(r);
    if (!id) out.set(r, '');
    else if (parents.get(id)?.FullName) out.set(r, `${String(parents.get(id)!.FullName)}:`);
    else
      out.set(r, {
        code: 'weft.qbd.parent-missing',
        field: parentField,
        message: `The QuickBooks Desktop ${d.name} ${id} this record belongs under (${parentField}) is not in the company file.`,
        action: `Bind the record's parent to an existing ${d.name} (run its flow first), then reprocess.`,
      });
  }
  return out;
}
