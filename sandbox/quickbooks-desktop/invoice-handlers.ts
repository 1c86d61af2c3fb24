// InvoiceQuery as QuickBooks answers it: transactions filter by
// ModifiedDateRangeFilter (a list-style FromModifiedDate directly under the
// request is a schema error, pitfall 8), TxnID/RefNumber exclusive with the
// filters, line items only with IncludeLineItems, iterators (reference C3).
import type { CompanyFile, InvoiceRow } from './company-file';
import { checkOrder, child, childText, childTexts, ParseFailure, type El } from './qbxml-in';
import { parseQbTime, qbTime, type Status } from './qbxml-out';
import type { Session } from './qbxml-engine';
import { filterRet, pageOf } from './iterators';

const QUERY = ['TxnID', 'RefNumber', 'RefNumberCaseSensitive', 'MaxReturned', 'ModifiedDateRangeFilter', 'TxnDateRangeFilter', 'EntityFilter', 'AccountFilter', 'RefNumberFilter', 'RefNumberRangeFilter', 'CurrencyFilter', 'PaidStatus', 'IncludeLineItems', 'IncludeLinkedTxns', 'IncludeRetElement', 'OwnerID'];

const money = (n: number) => n.toFixed(2);

function invoiceRet(file: CompanyFile, i: InvoiceRow, lines: boolean): Record<string, unknown> {
  const c = file.customer(i.customerListId);
  const subtotal = i.lines.reduce((s, l) => s + l.quantity * l.rate, 0);
  const ret: Record<string, unknown> = {
    TxnID: i.txnId, TimeCreated: qbTime(i.timeCreated), TimeModified: qbTime(i.timeModified), EditSequence: i.editSequence, TxnNumber: String(i.txnNumber),
    CustomerRef: { ListID: i.customerListId, FullName: c?.name ?? '' }, ARAccountRef: { FullName: 'Accounts Receivable' }, TemplateRef: { FullName: 'Intuit Service Invoice' },
    TxnDate: i.txnDate, RefNumber: i.refNumber, IsPending: 'false', DueDate: i.dueDate, Subtotal: money(subtotal), SalesTaxPercentage: '0.00', SalesTaxTotal: '0.00',
    AppliedAmount: money(i.isPaid ? -subtotal : 0), BalanceRemaining: money(i.isPaid ? 0 : subtotal), Memo: i.memo || undefined, IsPaid: String(i.isPaid),
  };
  if (lines) ret.InvoiceLineRet = i.lines.map((l, n) => ({ TxnLineID: `${i.txnNumber}-${n + 1}`, ItemRef: { FullName: l.item }, Desc: l.desc, Quantity: String(l.quantity), Rate: money(l.rate), Amount: money(l.quantity * l.rate) }));
  return ret;
}

export function invoiceQuery(file: CompanyFile, rq: El, session: Session): [Status, Record<string, unknown>, Record<string, string>] {
  checkOrder(rq, QUERY);
  const ids = childTexts(rq, 'TxnID');
  const refs = childTexts(rq, 'RefNumber');
  const filters = ['MaxReturned', 'ModifiedDateRangeFilter', 'TxnDateRangeFilter', 'EntityFilter', 'PaidStatus'].filter((f) => child(rq, f));
  if ((ids.length || refs.length) && filters.length) throw new ParseFailure(`QuickBooks found an error when parsing the provided XML text stream (${filters[0]} may not be combined with ${ids.length ? 'TxnID' : 'RefNumber'}).`);
  const range = child(rq, 'ModifiedDateRangeFilter');
  if (range) checkOrder(range, ['FromModifiedDate', 'ToModifiedDate']);
  const from = range ? childText(range, 'FromModifiedDate') : undefined;
  const to = range ? childText(range, 'ToModifiedDate') : undefined;
  for (const [f, v] of [['FromModifiedDate', from], ['ToModifiedDate', to]] as const) if (v !== undefined && Number.isNaN(parseQbTime(v))) return [{ code: 3020, severity: 'Error', message: `There was an error when converting the date value "${v}" in the field "${f}".` }, {}, {}];
  const entity = child(rq, 'EntityFilter');
  const who = entity ? (childText(entity, 'ListID') ?? file.customerByName(childText(entity, 'FullName') ?? '')?.listId ?? '-') : undefined;
  const paid = childText(rq, 'PaidStatus');
  let rows = file.invoices({ from: from ? parseQbTime(from) : undefined, to: to ? parseQbTime(to) : undefined, txnIds: ids.length ? ids : undefined, refNumbers: refs.length ? refs : undefined, customerListId: who });
  if (paid === 'PaidOnly') rows = rows.filter((r) => r.isPaid);
  if (paid === 'NotPaidOnly') rows = rows.filter((r) => !r.isPaid);
  const lines = childText(rq, 'IncludeLineItems') === 'true';
  const include = childTexts(rq, 'IncludeRetElement');
  const byId = new Map(rows.map((r) => [r.txnId, r]));
  return pageOf(session, rq, rows.map((r) => r.txnId), (id) => byId.get(id) ?? file.invoices({ txnIds: [id] })[0], (rs) => rs.map((r) => filterRet(invoiceRet(file, r, lines), include)), 'InvoiceRet');
}
