// `<Object>QueryRq` for every object of qb-schema.ts (and ItemQueryRq over every item
// type) as QuickBooks answers it (reference C3): elements in schema order, ids or names
// never mixed with filters (0x80040400), 500 when some are not found, iterators.
import type { CompanyFile } from './company-file';
import type { ObjectRow } from './company-file-rows';
import { childText, childTexts, child, type El } from './qbxml-in';
import { NO_MATCH, OK, badDate, type Status } from './qbxml-out';
import { modifiedFilter } from './company-clock';
import type { Session } from './session';
import { filterRet, pageOf } from './iterators';
import type { EntityDef } from './qb-schema';
import { bad } from './object-checks';
import { objectRet, type Answer } from './object-handlers';

type Data = Record<string, unknown>;

const LIST_QUERY = [
  'ListID',
  'FullName',
  'MaxReturned',
  'ActiveStatus',
  'FromModifiedDate',
  'ToModifiedDate',
  'NameFilter',
  'NameRangeFilter',
  'AccountType',
  'IncludeRetElement',
  'OwnerID',
];
const TXN_QUERY = [
  'TxnID',
  'RefNumber',
  'RefNumberCaseSensitive',
  'MaxReturned',
  'ModifiedDateRangeFilter',
  'TxnDateRangeFilter',
  'EntityFilter',
  'AccountFilter',
  'RefNumberFilter',
  'RefNumberRangeFilter',
  'CurrencyFilter',
  'PaidStatus',
  'IncludeLineItems',
  'IncludeLinkedTxns',
  'IncludeRetElement',
  'OwnerID',
];

/** `<Object>QueryRq`, or ItemQueryRq over every item type (`defs` several). */
export function objectQuery(file: CompanyFile, defs: EntityDef[], rq: El, session: Session): Answer {
  const d = defs[0];
  const txn = d.kind === 'txn';
  const order = txn ? TXN_QUERY : LIST_QUERY;
  let pos = 0;
  for (const c of rq.children) {
    const at = order.indexOf(c.name, pos);
    if (at < 0)
      throw bad(`${order.includes(c.name) ? 'out-of-order' : 'unexpected'} element <${c.name}> in <${rq.name}>`);
    pos = ['ListID', 'FullName', 'TxnID', 'RefNumber', 'IncludeRetElement'].includes(c.name) ? at : at + 1;
  }
  const ids = childTexts(rq, txn ? 'TxnID' : 'ListID');
  const names = childTexts(rq, txn ? 'RefNumber' : 'FullName');
  const filters = [
    'MaxReturned',
    'ActiveStatus',
    'FromModifiedDate',
    'ToModifiedDate',
    'NameFilter',
    'ModifiedDateRangeFilter',
    'TxnDateRangeFilter',
    'EntityFilter',
    'PaidStatus',
  ].filter((f) => child(rq, f));
  if ((ids.length || names.length) && filters.length)
    throw bad(
      `${filters[0]} may not be combined with ${ids.length ? (txn ? 'TxnID' : 'ListID') : txn ? 'RefNumber' : 'FullName'}`,
    );
  const ownerId = childText(rq, 'OwnerID');
  const include = childTexts(rq, 'IncludeRetElement');
  const lines = !txn || !d.lineItems ? true : childText(rq, 'IncludeLineItems') === 'true';
  const linked = txn && childText(rq, 'IncludeLinkedTxns') === 'true';
  const byName = new Map(defs.map((x) => [x.name, x]));
  const render = (rows: ObjectRow[]) =>
    rows.map((r) => filterRet(objectRet(file, byName.get(r.object)!, r, { lines, ownerId, linked }), include));
  const retName = defs.length > 1 ? null : `${d.name}Ret`;
  const group = (rows: ObjectRow[]): Data => {
    if (retName) return rows.length ? { [retName]: render(rows) } : {};
    const out: Data = {};
    for (const r of rows) out[`${r.object}Ret`] = [...((out[`${r.object}Ret`] as unknown[]) ?? []), ...render([r])];
    return out;
  };
  if (ids.length || names.length) {
    const found: ObjectRow[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const r = file.object(id);
      if (r && byName.has(r.object)) found.push(r);
      else missing.push(id);
    }
    for (const n of names) {
      const hits = txn
        ? file.objects([d.name]).filter((r) => r.name === n)
        : [file.objectByName(d.namespace ?? d.name, n)].filter((r): r is ObjectRow => !!r && byName.has(r.object));
      if (hits.length) found.push(...hits);
      else missing.push(n);
    }
    if (found.length === 0) return [NO_MATCH, {}];
    const status: Status = missing.length
      ? {
          code: 500,
          severity: 'Warn',
          message: `The query request has not been fully completed. There was a required element ("${missing[0]}") that could not be found in QuickBooks.`,
        }
      : OK;
    return [status, group(found)];
  }
  const range = txn ? child(rq, 'ModifiedDateRangeFilter') : rq;
  const from = range ? childText(range, 'FromModifiedDate') : undefined;
  const to = range ? childText(range, 'ToModifiedDate') : undefined;
  const modified = modifiedFilter(from, to, file.timeZone);
  if (!modified) return [badDate(from, to), {}];
  let rows = file
    .objects([...byName.keys()], {
      active: txn ? 'All' : ((childText(rq, 'ActiveStatus') as 'All') ?? 'ActiveOnly'),
      from: modified.from,
      to: modified.to,
    })
    .filter((r) => modified.keeps(r.timeModified));
  const entity = child(rq, 'EntityFilter');
  if (entity) {
    const who = childText(entity, 'ListID') ?? childText(entity, 'FullName');
    rows = rows.filter((r) =>
      Object.values(r.data).some(
        (v) =>
          v &&
          typeof v === 'object' &&
          !Array.isArray(v) &&
          ((v as Data).ListID === who || (v as Data).FullName === who),
      ),
    );
  }
  // PaidStatus (InvoiceQueryRq, qbXML OSR): NotPaidOnly keeps invoices with an open balance, PaidOnly the others.
  const paid = childText(rq, 'PaidStatus');
  if (paid === 'NotPaidOnly' || paid === 'PaidOnly')
    rows = rows.filter((r) => {
      if (r.object !== 'Invoice') return true;
      const isPaid = objectRet(file, d, r, { lines: false }).IsPaid === 'true';
      return paid === 'PaidOnly' ? isPaid : !isPaid;
    });
  const nf = child(rq, 'NameFilter');
  if (nf) {
    const crit = childText(nf, 'MatchCriterion');
    const n = (childText(nf, 'Name') ?? '').toLowerCase();
    rows = rows.filter((r) => {
      const k = String(r.name).toLowerCase();
      return crit === 'StartsWith' ? k.startsWith(n) : crit === 'EndsWith' ? k.endsWith(n) : k.includes(n);
    });
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const [status, body, extra] = pageOf(
    session,
    rq,
    rows.map((r) => r.id),
    (id) => byId.get(id) ?? file.object(id),
    render,
    '#rets',
  );
  const rets = (body['#rets'] as Data[] | undefined) ?? [];
  if (retName) return [status, rets.length ? { [retName]: rets } : {}, extra];
  // ItemQuery: re-group the page by type, in the page's order per type.
  const ids2 = rets.map((x) => String(x.ListID));
  return [status, group(ids2.map((id) => byId.get(id) ?? file.object(id)!)), extra];
}
