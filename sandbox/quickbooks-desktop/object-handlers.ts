// Add / Mod / Query / ListDel / TxnDel for every object of qb-schema.ts (all but
// Customer, which has its own handlers) as QuickBooks answers them (reference
// C3–C5): schema order and the edition's elements (else the whole set fails,
// 0x80040400), limits (3070, never truncated), names unique in their name list
// regardless of case (3100), references that must exist (3140), EditSequence on
// every Mod (3200), unknown ids (3120), an unbalanced journal entry or an
// overpayment refused (3180, 3210), amounts computed from the lines.
import { sec, type CompanyFile, type ObjectRow } from './company-file';
import { childText, childTexts, child, ParseFailure, type El } from './qbxml-in';
import { NO_MATCH, OK, badDate, notFound, tooLong, type Status } from './qbxml-out';
import { modifiedFilter, qbTime } from './company-clock';
import type { Host, Session } from './session';
import { filterRet, pageOf } from './iterators';
import { limitOf, SCHEMA, type EntityDef, type LineDef } from './qb-schema';
import { resolveRef, type Resolved } from './object-refs';

type Answer = [Status, Record<string, unknown>, Record<string, string>?];
type Data = Record<string, unknown>;
const money = (n: number) => n.toFixed(2);
const bad = (why: string) =>
  new ParseFailure(`QuickBooks found an error when parsing the provided XML text stream (${why}).`);

/** Children in schema order, only elements this edition has; lines and repeatable elements may repeat. */
function checkShape(d: EntityDef, el: El, order: readonly string[], host: Host): void {
  let pos = 0;
  for (const c of el.children) {
    const at = order.indexOf(c.name, pos);
    if (at < 0)
      throw bad(`${order.includes(c.name) ? 'out-of-order' : 'unexpected'} element <${c.name}> in <${el.name}>`);
    const only = d.country?.[c.name];
    if (only && !only.includes(host.country as never))
      throw bad(`element <${c.name}> does not exist in the ${host.country} edition`);
    const repeat = d.lines?.some((l) => l.add === c.name || l.mod === c.name) || c.name === 'IncludeRetElement';
    pos = repeat ? at : at + 1;
    const shape = d.shapes[c.name];
    if (shape && c.children.length) checkShape(d, c, shape, host);
    else if (c.name.endsWith('Ref')) checkShape(d, c, ['ListID', 'FullName'], host);
  }
}

/** The first value past its limit (refs: FullName 209, accounts 159). */
function overLimit(d: EntityDef, el: El): Status | null {
  for (const c of el.children) {
    if (c.children.length) {
      const hit = overLimit(d, c);
      if (hit) return hit;
      continue;
    }
    const max =
      c.name === 'FullName' && el.name.endsWith('Ref') ? (el.name.includes('Account') ? 159 : 209) : limitOf(d, c.name);
    if (max !== undefined && [...c.text].length > max) return tooLong(c.name, c.text);
  }
  return null;
}

/** An aggregate as data; lines as arrays; refs resolved to ListID + FullName (3140 when they point nowhere). */
function dataOf(file: CompanyFile, d: EntityDef, el: El, refs: Resolved[]): Data {
  const out: Data = {};
  for (const c of el.children) {
    let v: unknown = c.children.length ? dataOf(file, d, c, refs) : c.text;
    if (c.name.endsWith('Ref')) {
      const r = resolveRef(file, c.name, v as Data);
      refs.push(r);
      v = r.value;
    }
    const line = d.lines?.some((l) => l.add === c.name || l.mod === c.name);
    out[c.name] = line ? [...((out[c.name] as unknown[]) ?? []), v] : v;
  }
  return out;
}

function invalidRef(d: EntityDef, refs: Resolved[]): Status | null {
  const miss = refs.find((r) => r.missing);
  return miss
    ? {
        code: 3140,
        severity: 'Error',
        message: `There is an invalid reference to QuickBooks ${miss.kind} "${miss.missing}" in the ${d.name}. QuickBooks error message: Invalid argument. The specified record does not exist in the list.`,
      }
    : null;
}

const lineAmount = (l: Data) =>
  l.Amount !== undefined ? Number(l.Amount) : Number(l.Quantity ?? 1) * Number(l.Rate ?? l.Cost ?? 0);

/** Business rules QuickBooks checks when saving (reference C4: 3180, 3210). */
function saveRules(file: CompanyFile, d: EntityDef, data: Data, self?: ObjectRow): Status | null {
  if (d.name === 'JournalEntry') {
    const sum = (k: string) => ((data[k] as Data[] | undefined) ?? []).reduce((s, l) => s + Number(l.Amount ?? 0), 0);
    if (Math.abs(sum('JournalDebitLine') - sum('JournalCreditLine')) > 0.005)
      return {
        code: 3180,
        severity: 'Error',
        message:
          'There was an error when saving a General Journal transaction. QuickBooks error message: Transaction not in balance.',
      };
  }
  if (d.name === 'ReceivePayment') {
    const applied = (data.AppliedToTxnAdd as Data[] | undefined) ?? [];
    const customer = (data.CustomerRef as Data | undefined)?.ListID;
    let total = 0;
    for (const a of applied) {
      const inv = file.object(String(a.TxnID ?? ''));
      if (!inv || inv.object !== 'Invoice' || (inv.data.CustomerRef as Data | undefined)?.ListID !== customer)
        return {
          code: 3140,
          severity: 'Error',
          message: `There is an invalid reference to QuickBooks Transaction "${String(a.TxnID)}" in the ReceivePayment. QuickBooks error message: Invalid argument. The specified record does not exist in the list.`,
        };
      const owed = invoiceBalance(inv) + (self ? appliedBy(self, inv.id) : 0);
      if (Number(a.PaymentAmount ?? 0) > owed + 0.005)
        return {
          code: 3210,
          severity: 'Error',
          message: `The "PaymentAmount" field has an invalid value "${String(a.PaymentAmount)}". QuickBooks error message: The payment amount is more than the open balance of the transaction.`,
        };
      total += Number(a.PaymentAmount ?? 0);
    }
    if (total > Number(data.TotalAmount ?? 0) + 0.005)
      return {
        code: 3210,
        severity: 'Error',
        message: `The "TotalAmount" field has an invalid value "${String(data.TotalAmount ?? '')}". QuickBooks error message: The amounts applied are more than the payment.`,
      };
  }
  return null;
}

const appliedBy = (payment: ObjectRow, invoiceId: string) =>
  ((payment.data.AppliedToTxnAdd as Data[] | undefined) ?? [])
    .filter((a) => a.TxnID === invoiceId)
    .reduce((s, a) => s + Number(a.PaymentAmount ?? 0), 0);
const invoiceTotal = (inv: ObjectRow) =>
  ((inv.data.InvoiceLineAdd as Data[] | undefined) ?? []).reduce((s, l) => s + lineAmount(l), 0);
function invoiceBalance(inv: ObjectRow): number {
  return invoiceTotal(inv) - Number(inv.data['#applied'] ?? 0);
}

/** Payments move what they apply onto the invoices (AppliedAmount, BalanceRemaining, IsPaid). */
function applyPayment(file: CompanyFile, payment: Data, sign: 1 | -1): void {
  for (const a of (payment.AppliedToTxnAdd as Data[] | undefined) ?? []) {
    const inv = file.object(String(a.TxnID));
    if (!inv) continue;
    file.saveObject({
      ...inv,
      data: { ...inv.data, '#applied': Number(inv.data['#applied'] ?? 0) + sign * Number(a.PaymentAmount ?? 0) },
      editSequence: file.nextEditSequence(inv.editSequence),
      timeModified: sec(file.now()),
    });
  }
}

let lineSeq = 0;
function numberLines(d: EntityDef, data: Data, seq: number): void {
  for (const l of d.lines ?? [])
    if (!l.keyed && Array.isArray(data[l.add]))
      for (const line of data[l.add] as Data[])
        if (!line.TxnLineID || line.TxnLineID === '-1') line.TxnLineID = `${seq}-${++lineSeq}`;
}

export function objectRet(
  file: CompanyFile,
  d: EntityDef,
  r: ObjectRow,
  o: { lines?: boolean; ownerId?: string } = {},
): Data {
  const ret: Data = {
    [d.kind === 'txn' ? 'TxnID' : 'ListID']: r.id,
    TimeCreated: qbTime(r.timeCreated, file.timeZone),
    TimeModified: qbTime(r.timeModified, file.timeZone),
    EditSequence: r.editSequence,
  };
  if (d.kind === 'list')
    Object.assign(ret, { Name: r.data.Name, FullName: r.data.Name, IsActive: String(r.isActive), Sublevel: '0' });
  else ret.TxnNumber = String(r.seq);
  for (const f of d.add ?? []) {
    const line = d.lines?.find((l) => l.add === f);
    if (f === 'Name' || f === 'IsActive' || r.data[f] === undefined) continue;
    if (!line) {
      ret[f] = r.data[f];
      continue;
    }
    if (o.lines === false) continue;
    ret[line.ret] = (r.data[f] as Data[]).map((l) => ({
      ...l,
      ...(line.keyed ? {} : { Amount: money(lineAmount(l)) }),
    }));
  }
  const total = (d.lines ?? [])
    .filter((l) => !l.keyed && d.name !== 'JournalEntry' && d.name !== 'ItemGroup')
    .reduce((s, l) => s + ((r.data[l.add] as Data[] | undefined) ?? []).reduce((t, x) => t + lineAmount(x), 0), 0);
  if (d.name === 'Invoice')
    Object.assign(ret, {
      Subtotal: money(total),
      SalesTaxPercentage: '0.00',
      SalesTaxTotal: '0.00',
      AppliedAmount: money(-Number(r.data['#applied'] ?? 0)),
      BalanceRemaining: money(total - Number(r.data['#applied'] ?? 0)),
      IsPaid: String(total > 0 && total - Number(r.data['#applied'] ?? 0) <= 0.005),
    });
  else if (d.total) ret[d.total] = money(total);
  if (d.name === 'ReceivePayment')
    ret.UnusedPayment = money(
      Number(r.data.TotalAmount ?? 0) -
        ((r.data.AppliedToTxnAdd as Data[] | undefined) ?? []).reduce((s, a) => s + Number(a.PaymentAmount ?? 0), 0),
    );
  if (o.ownerId !== undefined && d.kind === 'list') {
    const ext = file.dataExts(r.id).filter((x) => (o.ownerId === '0' ? x.ownerId === '0' : x.ownerId === o.ownerId));
    if (ext.length)
      ret.DataExtRet = ext.map((x) => ({
        OwnerID: x.ownerId,
        DataExtName: x.name,
        DataExtType: 'STR255TYPE',
        DataExtValue: x.value,
      }));
  }
  delete ret['#applied'];
  return ret;
}

function nameRules(file: CompanyFile, d: EntityDef, name: string | undefined, self?: ObjectRow): Status | null {
  if (d.kind !== 'list' || name === undefined) return null;
  if (name.trim() === '')
    return {
      code: 3180,
      severity: 'Error',
      message: `There was an error when saving a ${d.name} list, element "". QuickBooks error message: A name is required.`,
    };
  if (name.includes(':'))
    return {
      code: 3020,
      severity: 'Error',
      message: `There was an error when converting the name "${name}" of the ${d.name}. The name may not contain ":".`,
    };
  const other = file.objectByName(d.namespace ?? d.name, name);
  const customer = d.namespace === 'Name' ? file.customerByName(name) : undefined;
  if ((other && other.id !== self?.id) || customer)
    return { code: 3100, severity: 'Error', message: `The name "${name}" of the list element is already in use.` };
  return null;
}

export function objectAdd(file: CompanyFile, d: EntityDef, rq: El, host: Host): Answer {
  const body = child(rq, `${d.name}Add`);
  if (!body || !d.add) throw bad(`${rq.name} without ${d.name}Add`);
  checkShape(d, body, d.add, host);
  if (d.kind === 'list' && childText(body, 'Name') === undefined) throw bad(`${d.name}Add without Name`);
  const long = overLimit(d, body);
  if (long) return [long, {}];
  const refs: Resolved[] = [];
  const data = dataOf(file, d, body, refs);
  const refused = nameRules(file, d, childText(body, 'Name')) ?? invalidRef(d, refs) ?? saveRules(file, d, data);
  if (refused) return [refused, {}];
  const row = file.addObject({
    object: d.name,
    kind: d.kind,
    name: d.kind === 'list' ? String(data.Name) : (childText(body, 'RefNumber') ?? null),
    namespace: d.namespace ?? d.name,
    isActive: childText(body, 'IsActive') !== 'false',
    data,
  });
  numberLines(d, row.data, row.seq);
  file.saveObject(row);
  if (d.name === 'ReceivePayment') applyPayment(file, row.data, 1);
  return [OK, { [`${d.name}Ret`]: objectRet(file, d, row) }];
}

/** Mod: only the fields sent change; lines sent replace the lines (TxnLineID -1 = new; lines left out are deleted). */
export function objectMod(file: CompanyFile, d: EntityDef, rq: El, host: Host): Answer {
  const body = child(rq, `${d.name}Mod`);
  const idName = d.kind === 'txn' ? 'TxnID' : 'ListID';
  if (!body || !d.add) throw bad(`${rq.name} without ${d.name}Mod`);
  checkShape(d, body, [idName, 'EditSequence', ...(d.mod ?? d.add)], host);
  const id = childText(body, idName);
  const seq = childText(body, 'EditSequence');
  if (!id || seq === undefined) throw bad(`${d.name}Mod needs ${idName} and EditSequence`);
  const long = overLimit(d, body);
  if (long) return [long, {}];
  const cur = file.object(id);
  if (!cur || cur.object !== d.name) return [notFound(id), {}];
  if (cur.editSequence !== seq)
    return [{ code: 3200, severity: 'Error', message: `The provided edit sequence "${seq}" is out-of-date.` }, {}];
  const refs: Resolved[] = [];
  const patch = dataOf(file, d, body, refs);
  delete patch[idName];
  delete patch.EditSequence;
  const data: Data = { ...cur.data };
  for (const [k, v] of Object.entries(patch)) {
    const line = d.lines?.filter((l) => l.mod === k);
    if (line?.length) Object.assign(data, modLines(cur.data, line, v as Data[]));
    else if (k.endsWith('Mod') && d.shapes[k.slice(0, -3)])
      data[k.slice(0, -3)] = { ...(cur.data[k.slice(0, -3)] as Data | undefined), ...(v as Data) };
    else if (d.shapes[k] && typeof v === 'object' && !Array.isArray(v))
      data[k] = { ...(cur.data[k] as Data | undefined), ...(v as Data) };
    else data[k] = v;
  }
  const refused =
    nameRules(file, d, childText(body, 'Name'), cur) ?? invalidRef(d, refs) ?? saveRules(file, d, data, cur);
  if (refused) return [refused, {}];
  if (d.name === 'ReceivePayment') {
    applyPayment(file, cur.data, -1);
    applyPayment(file, data, 1);
  }
  numberLines(d, data, cur.seq);
  const next: ObjectRow = {
    ...cur,
    data,
    name: d.kind === 'list' ? String(data.Name) : ((data.RefNumber as string | undefined) ?? null),
    isActive: childText(body, 'IsActive') === undefined ? cur.isActive : childText(body, 'IsActive') !== 'false',
    editSequence: file.nextEditSequence(cur.editSequence),
    timeModified: sec(file.now()),
  };
  file.saveObject(next);
  return [OK, { [`${d.name}Ret`]: objectRet(file, d, next) }];
}

function modLines(cur: Data, defs: LineDef[], sent: Data[]): Data {
  const out: Data = {};
  for (const l of defs) {
    const mine = l.lineType ? sent.filter((x) => x.JournalLineType === l.lineType) : sent;
    const old = (cur[l.add] as Data[] | undefined) ?? [];
    out[l.add] = mine.map((x) => {
      const { JournalLineType: _t, ...rest } = x;
      const prev = l.keyed
        ? old.find((o) => o[l.keyed!] === x[l.keyed!])
        : old.find((o) => o.TxnLineID === x.TxnLineID);
      return prev && x.TxnLineID !== '-1' ? { ...prev, ...rest } : rest;
    });
  }
  return out;
}

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
  const byName = new Map(defs.map((x) => [x.name, x]));
  const render = (rows: ObjectRow[]) =>
    rows.map((r) => filterRet(objectRet(file, byName.get(r.object)!, r, { lines, ownerId }), include));
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

/** ListDelRq / TxnDelRq: 3120 when there is no such object of that type. */
export function objectDel(file: CompanyFile, rq: El): Answer {
  const txn = rq.name === 'TxnDelRq';
  const type = childText(rq, txn ? 'TxnDelType' : 'ListDelType') ?? '';
  const id = childText(rq, txn ? 'TxnID' : 'ListID') ?? '';
  const d = SCHEMA.get(type);
  if (type === 'Customer' && !txn) {
    const c = file.customer(id);
    if (!c) return [notFound(id), {}];
    file.deleteCustomer(id);
    return [
      OK,
      { ListDelType: type, ListID: id, TimeDeleted: qbTime(sec(file.now()), file.timeZone), FullName: c.name },
    ];
  }
  if (!d || (d.kind === 'txn') !== txn) throw bad(`${type} is not a ${txn ? 'TxnDelType' : 'ListDelType'}`);
  const cur = file.object(id);
  if (!cur || cur.object !== d.name) return [notFound(id), {}];
  if (d.name === 'ReceivePayment') applyPayment(file, cur.data, -1);
  file.deleteObject(id);
  return [
    OK,
    txn
      ? {
          TxnDelType: type,
          TxnID: id,
          TimeDeleted: qbTime(sec(file.now()), file.timeZone),
          ...(cur.name ? { RefNumber: cur.name } : {}),
        }
      : { ListDelType: type, ListID: id, TimeDeleted: qbTime(sec(file.now()), file.timeZone), FullName: cur.name },
  ];
}
