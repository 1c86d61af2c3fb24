// Add / Mod / Query / ListDel / TxnDel for every object of qb-schema.ts (all but
// Customer, which has its own handlers) as QuickBooks answers them (reference
// C3–C5): schema order and the edition's elements (else the whole set fails,
// 0x80040400), limits (3070, never truncated), names unique in their name list
// regardless of case (3100), references that must exist (3140), EditSequence on
// every Mod (3200), unknown ids (3120), an unbalanced journal entry or an
// overpayment refused (3180, 3210), amounts computed from the lines.
// Checks: object-checks.ts; amounts and payments: object-amounts.ts; queries:
// object-query.ts.
import type { CompanyFile } from './company-file';
import { sec, type ObjectRow } from './company-file-rows';
import { childText, child, type El } from './qbxml-in';
import { OK, notFound, type Status } from './qbxml-out';
import { qbTime } from './company-clock';
import type { Host } from './session';
import { SCHEMA, type EntityDef, type LineDef } from './qb-schema';
import { resolveParent, type Resolved } from './object-refs';
import { bad, checkRequired, checkShape, dataOf, invalidRef, nameRules, overLimit } from './object-checks';
import { nextRefNumber } from './ref-numbers';
import { applyPayment, lineAmount, money, saveRules } from './object-amounts';
import { creditLinks, creditRemaining } from './credit-apply';

export type Answer = [Status, Record<string, unknown>, Record<string, string>?];
type Data = Record<string, unknown>;

let lineSeq = 0;
function numberLines(d: EntityDef, data: Data, seq: number): void {
  // A group item's ItemGroupLine is a component (ItemRef, Quantity), not a transaction line: no TxnLineID (OSR).
  if (d.kind !== 'txn') return;
  for (const l of d.lines ?? [])
    if (!l.keyed && Array.isArray(data[l.add]))
      for (const line of data[l.add] as Data[])
        if (!line.TxnLineID || line.TxnLineID === '-1') line.TxnLineID = `${seq}-${++lineSeq}`;
}

/**
 * A line's ItemRef as QuickBooks returns it: ListID and FullName both (qbXML OSR, InvoiceLineRet), also for a
 * line saved with the item's name only (the seeded invoices name their item before the item list is filled).
 */
function itemRefOf(file: CompanyFile, l: Data): Data {
  const ref = l.ItemRef as { ListID?: string; FullName?: string } | undefined;
  if (!ref?.FullName || ref.ListID) return {};
  const item = file.objectByName('Item', ref.FullName);
  return item ? { ItemRef: { ListID: item.id, FullName: ref.FullName } } : {};
}

export function objectRet(
  file: CompanyFile,
  d: EntityDef,
  r: ObjectRow,
  o: { lines?: boolean; ownerId?: string; linked?: boolean } = {},
): Data {
  const ret: Data = {
    [d.kind === 'txn' ? 'TxnID' : 'ListID']: r.id,
    TimeCreated: qbTime(r.timeCreated, file.timeZone),
    TimeModified: qbTime(r.timeModified, file.timeZone),
    EditSequence: r.editSequence,
  };
  if (d.kind === 'list') {
    const path = parentPath(file, d, r);
    Object.assign(ret, {
      Name: r.data.Name,
      FullName: [...path.map((p) => p.data.Name), r.data.Name].join(':'),
      IsActive: String(r.isActive),
      Sublevel: String(path.length),
    });
  } else ret.TxnNumber = String(r.seq);
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
      ...itemRefOf(file, l),
      ...(line.keyed || d.kind !== 'txn' ? {} : { Amount: money(lineAmount(l)) }),
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
  // CreditMemoRet carries CreditRemaining, what is left to apply (qbXML OSR, CreditMemoQueryRs): its total less the
  // credits payments set against invoices (credit-apply.ts).
  if (d.name === 'CreditMemo') ret.CreditRemaining = money(creditRemaining(r));
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
  if (d.name === 'Account') {
    // AccountRet has Balance and TotalBalance, never the OpenBalance an AccountAdd may carry (OSR).
    delete ret.OpenBalance;
    delete ret.OpenBalanceDate;
    Object.assign(ret, accountBalances(file, d, r));
  }
  delete ret['#applied'];
  delete ret['#credited'];
  return o.linked && d.name === 'CreditMemo' ? withLinks(ret, creditLinks(file, r)) : ret;
}

/** LinkedTxn goes after the header fields, before the lines (OSR element order of CreditMemoRet). */
function withLinks(ret: Data, links: Data[]): Data {
  if (!links.length) return ret;
  const out: Data = {};
  const at = Object.keys(ret).find((k) => k.endsWith('LineRet')) ?? null;
  for (const [k, v] of Object.entries(ret)) {
    if (k === at) out.LinkedTxn = links;
    out[k] = v;
  }
  if (!at) out.LinkedTxn = links;
  return out;
}

/**
 * The parents of a list record, outermost first: qbXML's FullName joins their names and its own with
 * colons ("Utilities:Telephone") and Sublevel counts them (OSR, AccountRet/ItemServiceRet).
 */
function parentPath(file: CompanyFile, d: EntityDef, r: ObjectRow): ObjectRow[] {
  const out: ObjectRow[] = [];
  for (let cur = r; out.length < 5;) {
    const p = cur.data.ParentRef as Data | undefined;
    const parent = p?.ListID
      ? file.object(String(p.ListID))
      : p?.FullName
        ? file.objectByName(d.namespace ?? d.name, String(p.FullName).split(':').pop()!)
        : undefined;
    if (!parent || parent.id === r.id) break;
    out.unshift(parent);
    cur = parent;
  }
  return out;
}

/**
 * AccountRet's Balance (the account alone) and TotalBalance (with its sub-accounts), OSR. The sandbox
 * posts no transactions to accounts: an account's balance is the OpenBalance it was created with.
 */
function accountBalances(file: CompanyFile, d: EntityDef, r: ObjectRow): Data {
  const own = (x: ObjectRow) => Number(x.data.OpenBalance ?? 0);
  const under = file
    .objects(['Account'], { active: 'All' })
    .filter((x) => parentPath(file, d, x).some((p) => p.id === r.id))
    .reduce((t, x) => t + own(x), 0);
  return { Balance: money(own(r)), TotalBalance: money(own(r) + under) };
}

export function objectAdd(file: CompanyFile, d: EntityDef, rq: El, host: Host): Answer {
  const body = child(rq, `${d.name}Add`);
  if (!body || !d.add) throw bad(`${rq.name} without ${d.name}Add`);
  checkShape(d, body, d.add, host);
  checkRequired(d, body);
  if (d.kind === 'list' && childText(body, 'Name') === undefined) throw bad(`${d.name}Add without Name`);
  const long = overLimit(d, body);
  if (long) return [long, {}];
  const refs: Resolved[] = [];
  const data = dataOf(file, d, body, refs);
  const parent = d.kind === 'list' ? resolveParent(file, d.name, d.namespace ?? d.name, data) : null;
  if (parent) refs.push(parent);
  const refused = nameRules(file, d, childText(body, 'Name')) ?? invalidRef(d, refs) ?? saveRules(file, d, data);
  if (refused) return [refused, {}];
  // A transaction sent without a date is dated today in the company's clock: the SDK's reference (QBXML OSR,
  // e.g. InvoiceAdd/TxnDate) says QuickBooks uses the current date when TxnDate is omitted.
  if (d.kind === 'txn' && d.add?.includes('TxnDate') && data.TxnDate === undefined)
    data.TxnDate = qbTime(file.now(), file.timeZone).slice(0, 10);
  // Sales forms sent without a number get QuickBooks' next one (ref-numbers.ts).
  const auto = d.kind === 'txn' && data.RefNumber === undefined ? nextRefNumber(file, d.name) : undefined;
  if (auto !== undefined) data.RefNumber = auto;
  const row = file.addObject({
    object: d.name,
    kind: d.kind,
    name: d.kind === 'list' ? String(data.Name) : ((data.RefNumber as string | undefined) ?? null),
    namespace: d.namespace ?? d.name,
    isActive: childText(body, 'IsActive') !== 'false',
    data,
  });
  numberLines(d, row.data, row.seq);
  file.saveObject(row, false);
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
  const parent = d.kind === 'list' ? resolveParent(file, d.name, d.namespace ?? d.name, patch) : null;
  if (parent) refs.push(parent);
  delete patch[idName];
  delete patch.EditSequence;
  const stray = unknownLine(cur.data, d.lines ?? [], patch);
  if (stray) return [notFound(stray), {}];
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

/**
 * A line Mod names the line it edits by the TxnLineID QuickBooks gave it, or -1 for a new line (qbXML OSR, e.g.
 * InvoiceMod, EstimateMod, BillMod: "supply an …LineMod and TxnLineID for each line you want to modify"). A
 * TxnLineID that is not a line of this transaction, of that kind (an ItemLineMod naming an expense line), is
 * refused like any unknown id: 3120 "Object … specified in the request cannot be found", nothing saved.
 */
function unknownLine(cur: Data, defs: readonly LineDef[], patch: Data): string | undefined {
  for (const l of defs) {
    if (l.keyed || !Array.isArray(patch[l.mod])) continue;
    const old = ((cur[l.add] as Data[] | undefined) ?? []).map((o) => o.TxnLineID);
    const mine = (patch[l.mod] as Data[]).filter((x) => !l.lineType || x.JournalLineType === l.lineType);
    const stray = mine.find((x) => x.TxnLineID !== undefined && x.TxnLineID !== '-1' && !old.includes(x.TxnLineID));
    if (stray) return String(stray.TxnLineID);
  }
  return undefined;
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
