// Custom fields (data extensions) on QuickBooks Desktop customers, e.g. the
// Creatio account id (seed: AccountID). Defined once per company file with
// DataExtDefAdd (3100 = already defined), then set after the customer is saved:
// DataExtAdd on a new value, DataExtMod on an existing one. QuickBooks refuses an
// Add on a field that has a value (3180) and a Mod on one that has none (3120),
// so each is retried once the other way (reference C3).
import type { RecordFailure } from '../../define-node';
import { hashText, type QbdClient, type QbdResult } from './qbd-client';
import type { DataExtSet, QbdRequest } from './qbxml-request';
import { hresultFailure, statusFailure } from './qbd-status';

/** `object`: the ListDataExtType (Customer, Vendor, Item…). */
export interface CustomFieldJob {
  key: string;
  listId: string;
  created: boolean;
  label: string;
  fields: Record<string, string>;
  object?: string;
}

/** Public fields (OwnerID 0) are visible in QuickBooks' own screens. */
const OWNER = '0';

export function customFieldsOf(data: Record<string, unknown>): Record<string, string> {
  const ext = data.DataExt;
  if (!ext || typeof ext !== 'object') return {};
  return Object.fromEntries(
    Object.entries(ext as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
}

const failureOf = (r: QbdResult, label: string, name: string, objectName = 'customer'): RecordFailure =>
  r.error
    ? hresultFailure(r.error.hresult, r.error.message)
    : { ...statusFailure(r.rs!, `custom field ${name} of ${objectName}`, label), field: `DataExt.${name}` };

/** Sets the custom fields; returns a failure per job key that could not be fully set. */
export async function setCustomFields(
  client: QbdClient,
  defined: Set<string>,
  jobs: CustomFieldJob[],
): Promise<Map<string, RecordFailure>> {
  const failures = new Map<string, RecordFailure>();
  const objectOf = (j: CustomFieldJob) => j.object ?? 'Customer';
  const names = [...new Set(jobs.flatMap((j) => Object.keys(j.fields).map((n) => `${objectOf(j)}|${n}`)))].filter(
    (n) => !defined.has(n),
  );
  if (names.length) {
    const defs = await client.send(
      names.map((key) => {
        const [object, name] = key.split('|');
        return {
          key: `extdef|${client.connectionId}|${key}|${crypto.randomUUID()}`,
          request: {
            type: 'DataExtDefAdd' as const,
            ownerId: OWNER,
            name,
            dataExtType: 'STR255TYPE' as const,
            assignToObject: [object],
          },
        };
      }),
    );
    defs.forEach((d, i) => {
      if (d.rs && (d.rs.statusCode === 0 || d.rs.statusCode === 3100)) defined.add(names[i]);
    });
  }
  type Item = { job: CustomFieldJob; name: string; request: DataExtSet };
  let items: Item[] = jobs.flatMap((job) =>
    Object.entries(job.fields).map(([name, value]) => ({
      job,
      name,
      request: {
        type: job.created ? 'DataExtAdd' : 'DataExtMod',
        ownerId: OWNER,
        name,
        listDataExtType: objectOf(job),
        listObj: { ListID: job.listId },
        value,
      } as DataExtSet,
    })),
  );
  for (let round = 0; round < 2 && items.length; round++) {
    const answers = await client.send(
      await Promise.all(
        items.map(async (it) => ({
          key: `ext|${it.job.key}|${it.name}|${round}|${await hashText(JSON.stringify(it.request))}`,
          request: it.request as QbdRequest,
        })),
      ),
    );
    const again: Item[] = [];
    answers.forEach((a, i) => {
      const it = items[i];
      const code = a.rs?.statusCode;
      if (a.rs && a.rs.statusSeverity !== 'Error') return;
      if (
        round === 0 &&
        ((code === 3180 && it.request.type === 'DataExtAdd') || (code === 3120 && it.request.type === 'DataExtMod'))
      ) {
        again.push({
          ...it,
          request: { ...it.request, type: it.request.type === 'DataExtAdd' ? 'DataExtMod' : 'DataExtAdd' },
        });
      } else if (!failures.has(it.job.key))
        failures.set(it.job.key, failureOf(a, it.job.label, it.name, objectOf(it.job)));
    });
    items = again;
  }
  return failures;
}
