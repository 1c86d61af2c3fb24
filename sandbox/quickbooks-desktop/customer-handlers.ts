// CustomerQuery / CustomerAdd / CustomerMod as QuickBooks answers them: exclusive
// filter groups, names unique regardless of case (3100), field lengths (3070,
// never truncation), EditSequence checked on every Mod (3200), and only the
// fields sent by a Mod change (reference C3, C4, C5).
import { COMMON_LIMITS } from '../../wire/qbxml-objects';
import type { CompanyFile } from './company-file';
import { nameKey, sec, type CustomerRow } from './company-file-rows';
import { checkOrder, child, childText, childTexts, ParseFailure, toObject, type El } from './qbxml-in';
import { NO_MATCH, OK, badDate, notFound, tooLong, type Status } from './qbxml-out';
import { modifiedFilter, qbTime } from './company-clock';
import type { Session } from './session';
import { filterRet, pageOf } from './iterators';
import { JOB_RET, checkJobStatus, fullNameUnder, hierarchyRet, parentOf, renameJobs } from './customer-jobs';

const ADD = [
  'Name',
  'IsActive',
  'ClassRef',
  'ParentRef',
  'CompanyName',
  'Salutation',
  'FirstName',
  'MiddleName',
  'LastName',
  'JobTitle',
  'BillAddress',
  'ShipAddress',
  'ShipToAddress',
  'PrintAs',
  'Phone',
  'AltPhone',
  'Fax',
  'Email',
  'Cc',
  'Contact',
  'AltContact',
  'AdditionalContactRef',
  'Contacts',
  'CustomerTypeRef',
  'TermsRef',
  'SalesRepRef',
  'OpenBalance',
  'OpenBalanceDate',
  'SalesTaxCodeRef',
  'ItemSalesTaxRef',
  'SalesTaxCountry',
  'ResaleNumber',
  'AccountNumber',
  'CreditLimit',
  'PreferredPaymentMethodRef',
  'CreditCardInfo',
  'JobStatus',
  'JobStartDate',
  'JobProjectedEndDate',
  'JobEndDate',
  'JobDesc',
  'JobTypeRef',
  'Notes',
  'AdditionalNotes',
  'PreferredDeliveryMethod',
  'ExternalGUID',
  'TaxRegistrationNumber',
  'CurrencyRef',
];
const MOD = [
  'ListID',
  'EditSequence',
  ...ADD.filter((f) => !['OpenBalance', 'OpenBalanceDate', 'ExternalGUID'].includes(f)),
];
const ADDRESS = ['Addr1', 'Addr2', 'Addr3', 'Addr4', 'Addr5', 'City', 'State', 'PostalCode', 'Country', 'Note'];
const QUERY = [
  'ListID',
  'FullName',
  'MaxReturned',
  'ActiveStatus',
  'FromModifiedDate',
  'ToModifiedDate',
  'NameFilter',
  'NameRangeFilter',
  'TotalBalanceFilter',
  'CurrencyFilter',
  'ClassFilter',
  'IncludeRetElement',
  'OwnerID',
];
/** Reference C5 (qbxmlops70.xml): the limits every object shares, and the customer's own. */
const LIMITS: Record<string, number> = { ...COMMON_LIMITS, ResaleNumber: 15, JobDesc: 99, EditSequence: 16 };
const RET_ORDER = [
  'CompanyName',
  'Salutation',
  'FirstName',
  'MiddleName',
  'LastName',
  'JobTitle',
  'BillAddress',
  'ShipAddress',
  'Phone',
  'AltPhone',
  'Fax',
  'Email',
  'Cc',
  'Contact',
  'AltContact',
  'ResaleNumber',
  'AccountNumber',
  'CreditLimit',
  'JobDesc',
  'Notes',
];

export function customerRet(file: CompanyFile, c: CustomerRow, ownerId?: string): Record<string, unknown> {
  const ret: Record<string, unknown> = {
    ListID: c.listId,
    TimeCreated: qbTime(c.timeCreated, file.timeZone),
    TimeModified: qbTime(c.timeModified, file.timeZone),
    EditSequence: c.editSequence,
    ...hierarchyRet(file, c, String(c.isActive)),
  };
  for (const f of RET_ORDER) {
    const v = c.fields[f];
    if (v === undefined) continue;
    if (typeof v === 'object' && v)
      ret[f] = Object.fromEntries(
        ADDRESS.filter((a) => (v as Record<string, unknown>)[a] !== undefined).map((a) => [
          a,
          (v as Record<string, unknown>)[a],
        ]),
      );
    else ret[f] = v;
  }
  ret.Balance = '0.00';
  ret.TotalBalance = '0.00';
  for (const f of JOB_RET) if (c.fields[f] !== undefined) ret[f] = c.fields[f];
  ret.JobStatus ??= 'None';
  if (ownerId !== undefined) {
    const ext = file.dataExts(c.listId).filter((d) => (ownerId === '0' ? d.ownerId === '0' : d.ownerId === ownerId));
    if (ext.length)
      ret.DataExtRet = ext.map((d) => ({
        OwnerID: d.ownerId,
        DataExtName: d.name,
        DataExtType: 'STR255TYPE',
        DataExtValue: d.value,
      }));
  }
  return ret;
}

function checkFields(body: El): Status | null {
  for (const c of body.children) {
    if (c.name === 'BillAddress' || c.name === 'ShipAddress') {
      checkOrder(c, ADDRESS);
      for (const a of c.children)
        if ([...a.text].length > (COMMON_LIMITS[a.name] ?? 41)) return tooLong(a.name, a.text);
    } else if (LIMITS[c.name] !== undefined && [...c.text].length > LIMITS[c.name]) return tooLong(c.name, c.text);
  }
  const name = childText(body, 'Name');
  // ":" separates parent and child in FullName (reference C5).
  if (name !== undefined && name.includes(':'))
    return {
      code: 3020,
      severity: 'Error',
      message: `There was an error when converting the name "${name}" of the customer. The name may not contain ":".`,
    };
  return null;
}

function fieldsOf(body: El, skip: string[]): Record<string, unknown> {
  const o = toObject(body);
  for (const k of skip) delete o[k];
  return o;
}

export function customerAdd(file: CompanyFile, rq: El): [Status, Record<string, unknown>] {
  const body = child(rq, 'CustomerAdd');
  if (!body)
    throw new ParseFailure(
      'QuickBooks found an error when parsing the provided XML text stream (CustomerAddRq without CustomerAdd).',
    );
  checkOrder(body, ADD);
  const name = childText(body, 'Name');
  if (name === undefined)
    throw new ParseFailure(
      'QuickBooks found an error when parsing the provided XML text stream (CustomerAdd without Name).',
    );
  const bad = checkFields(body);
  if (bad) return [bad, {}];
  checkJobStatus(body);
  const under = parentOf(file, body);
  if (under && 'status' in under) return [under.status, {}];
  const full = fullNameUnder(under?.parent, name);
  if (typeof full !== 'string') return [full, {}];
  if (name.trim() === '')
    return [
      {
        code: 3180,
        severity: 'Error',
        message:
          'There was an error when saving a Customers list, element "". QuickBooks error message: A name is required.',
      },
      {},
    ];
  // Customers, vendors (and employees, other names) share one list of names (reference C4, 3100); a job's
  // name needs only be unique under its parent.
  if (file.customerByName(full) || (!under && file.objectByName('Name', name)))
    return [
      { code: 3100, severity: 'Error', message: `The name "${full}" of the list element is already in use.` },
      {},
    ];
  const row = file.addCustomer({
    name: full,
    isActive: childText(body, 'IsActive') !== 'false',
    fields: fieldsOf(body, ['Name', 'IsActive', 'ParentRef']),
  });
  return [OK, { CustomerRet: customerRet(file, row) }];
}

export function customerMod(file: CompanyFile, rq: El): [Status, Record<string, unknown>] {
  const body = child(rq, 'CustomerMod');
  if (!body)
    throw new ParseFailure(
      'QuickBooks found an error when parsing the provided XML text stream (CustomerModRq without CustomerMod).',
    );
  checkOrder(body, MOD);
  const listId = childText(body, 'ListID');
  const seq = childText(body, 'EditSequence');
  if (!listId || seq === undefined)
    throw new ParseFailure(
      'QuickBooks found an error when parsing the provided XML text stream (CustomerMod needs ListID and EditSequence).',
    );
  const bad = checkFields(body);
  if (bad) return [bad, {}];
  const cur = file.customer(listId);
  if (!cur) return [notFound(listId), {}];
  if (cur.editSequence !== seq)
    return [{ code: 3200, severity: 'Error', message: `The provided edit sequence "${seq}" is out-of-date.` }, {}];
  checkJobStatus(body);
  const under = parentOf(file, body);
  if (under && 'status' in under) return [under.status, {}];
  // A Mod without ParentRef keeps the parent; with one, moves the customer under it.
  const parentName = cur.name.slice(0, Math.max(0, cur.name.lastIndexOf(':')));
  const parent = under ? under.parent : parentName ? file.customerByName(parentName) : undefined;
  const name = childText(body, 'Name');
  const full = fullNameUnder(parent, name ?? cur.name.slice(cur.name.lastIndexOf(':') + 1));
  if (typeof full !== 'string') return [full, {}];
  if (
    nameKey(full) !== nameKey(cur.name) &&
    (file.customerByName(full) || (!parent && file.objectByName('Name', full)))
  )
    return [
      { code: 3100, severity: 'Error', message: `The name "${full}" of the list element is already in use.` },
      {},
    ];
  const patch = fieldsOf(body, ['ListID', 'EditSequence', 'Name', 'IsActive', 'ParentRef']);
  const next: CustomerRow = {
    ...cur,
    name: full,
    isActive: childText(body, 'IsActive') === undefined ? cur.isActive : childText(body, 'IsActive') !== 'false',
    fields: { ...cur.fields, ...patch },
    editSequence: file.nextEditSequence(cur.editSequence),
    timeModified: sec(file.now()),
  };
  for (const a of ['BillAddress', 'ShipAddress'])
    if (patch[a]) next.fields[a] = { ...(cur.fields[a] as object | undefined), ...(patch[a] as object) };
  file.saveCustomer(next);
  renameJobs(file, cur.name, next.name);
  return [OK, { CustomerRet: customerRet(file, next) }];
}

export function customerQuery(
  file: CompanyFile,
  rq: El,
  session: Session,
): [Status, Record<string, unknown>, Record<string, string>] {
  checkOrder(rq, QUERY);
  const ids = childTexts(rq, 'ListID');
  const names = childTexts(rq, 'FullName');
  const filters = [
    'MaxReturned',
    'ActiveStatus',
    'FromModifiedDate',
    'ToModifiedDate',
    'NameFilter',
    'NameRangeFilter',
  ].filter((f) => child(rq, f));
  // Exclusive groups (reference C3): ids/names or list filters, never both.
  if ((ids.length || names.length) && filters.length)
    throw new ParseFailure(
      `QuickBooks found an error when parsing the provided XML text stream (${filters[0]} may not be combined with ${ids.length ? 'ListID' : 'FullName'}).`,
    );
  const ownerId = childText(rq, 'OwnerID');
  const include = childTexts(rq, 'IncludeRetElement');
  const render = (rows: CustomerRow[]) => rows.map((c) => filterRet(customerRet(file, c, ownerId), include));
  if (ids.length || names.length) {
    const long = names.find((n) => [...n].length > 209);
    if (long) return [tooLong('FullName', long), {}, {}];
    const found: CustomerRow[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const c = file.customer(id);
      if (c) found.push(c);
      else missing.push(id);
    }
    for (const n of names) {
      const c = file.customerByName(n);
      if (c) found.push(c);
      else missing.push(n);
    }
    if (found.length === 0) return [NO_MATCH, {}, {}];
    const status: Status = missing.length
      ? {
          code: 500,
          severity: 'Warn',
          message: `The query request has not been fully completed. There was a required element ("${missing[0]}") that could not be found in QuickBooks.`,
        }
      : OK;
    return [status, { CustomerRet: render(found) }, {}];
  }
  const from = childText(rq, 'FromModifiedDate');
  const to = childText(rq, 'ToModifiedDate');
  const modified = modifiedFilter(from, to, file.timeZone);
  if (!modified) return [badDate(from, to), {}, {}];
  let rows = file
    .customers({
      active: (childText(rq, 'ActiveStatus') as 'All') ?? 'ActiveOnly',
      from: modified.from,
      to: modified.to,
    })
    .filter((c) => modified.keeps(c.timeModified));
  const nf = child(rq, 'NameFilter');
  if (nf) {
    const crit = childText(nf, 'MatchCriterion');
    const n = (childText(nf, 'Name') ?? '').toLowerCase();
    rows = rows.filter((c) => {
      const k = c.name.toLowerCase();
      return crit === 'StartsWith' ? k.startsWith(n) : crit === 'EndsWith' ? k.endsWith(n) : k.includes(n);
    });
  }
  return pageOf(
    session,
    rq,
    rows.map((r) => r.listId),
    (id) => file.customer(id),
    render,
    'CustomerRet',
  );
}
