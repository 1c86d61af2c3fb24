// Test support for the QuickBooks Desktop money and accounting templates: a bookkeeper's
// entries (payments, credit memos, deposits, journal entries…) made in the company file through qbXML, as QuickBooks
// itself would take them (the sandbox's engine, its rules and numbering), outside
// any Web Connector session of Weft.
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import { processRequestSet, type CompanyFile } from '../sandbox/quickbooks-desktop';
import type { InvoiceRow } from '../sandbox/quickbooks-desktop/company-file-rows';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  htmlEntities: true,
  isArray: (n) => n.endsWith('Ret') || n === 'JournalDebitLine' || n === 'JournalCreditLine',
});
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Adds (or with `Mod`, changes) one `kind` (ReceivePayment, CreditMemo…) from its inner qbXML; fails the test unless QuickBooks took it. */
export function qbdSave(
  file: CompanyFile,
  kind: string,
  inner: string,
  op: 'Add' | 'Mod' = 'Add',
): Record<string, any> {
  const xml =
    '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">' +
    `<${kind}${op}Rq requestID="1"><${kind}${op}>${inner}</${kind}${op}></${kind}${op}Rq></QBXMLMsgsRq></QBXML>`;
  const doc = parser.parse(processRequestSet(file, xml, { iterators: new Map() })) as {
    QBXML: { QBXMLMsgsRs: Record<string, Record<string, any>> };
  };
  const rs = doc.QBXML.QBXMLMsgsRs[`${kind}${op}Rs`];
  expect(rs.statusCode, rs.statusMessage).toBe('0');
  return rs[`${kind}Ret`][0];
}

/** Every `kind` (Estimate, SalesOrder…) in the company file with its lines, as QuickBooks answers a query. */
export function qbdQuery(file: CompanyFile, kind: string): Record<string, any>[] {
  const xml =
    '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">' +
    `<${kind}QueryRq requestID="1"><IncludeLineItems>true</IncludeLineItems></${kind}QueryRq></QBXMLMsgsRq></QBXML>`;
  const doc = parser.parse(processRequestSet(file, xml, { iterators: new Map() })) as {
    QBXML: { QBXMLMsgsRs: Record<string, Record<string, any>> };
  };
  return (doc.QBXML.QBXMLMsgsRs[`${kind}QueryRs`][`${kind}Ret`] ?? []) as Record<string, any>[];
}

/** `<CustomerRef><ListID>…</ListID></CustomerRef>` */
export const customerRef = (listId: string) => `<CustomerRef><ListID>${listId}</ListID></CustomerRef>`;

/** A text element, escaped. */
export const el = (name: string, value: string | number) => `<${name}>${esc(String(value))}</${name}>`;

/** An invoice's total from its lines, to the cent. */
export const invoiceTotal = (i: InvoiceRow) =>
  Math.round(i.lines.reduce((s, l) => s + l.quantity * l.rate, 0) * 100) / 100;

/** A payment's `<AppliedToTxnAdd>` paying that invoice: its whole total unless another amount is given. */
export const appliedTo = (i: InvoiceRow, amount = invoiceTotal(i)) =>
  `<AppliedToTxnAdd>${el('TxnID', i.txnId)}${el('PaymentAmount', amount.toFixed(2))}</AppliedToTxnAdd>`;
