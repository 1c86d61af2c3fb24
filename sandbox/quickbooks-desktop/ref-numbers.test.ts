// Sales forms added without a RefNumber get QuickBooks' next number, as the real company file does when its
// preference to number forms automatically is on (ref-numbers.ts); a number sent is kept as sent.
import { XMLParser } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { CompanyFile } from './company-file';
import { DEFAULT_HOST, processRequestSet, type Session } from './qbxml-engine';
import { seedCompany } from './seed';

let file: CompanyFile;
let session: Session;
const p = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  isArray: (n) => n.endsWith('Ret') || (n.endsWith('Rs') && n !== 'QBXMLMsgsRs'),
});
const add = (object: string, ref?: string) => {
  const customer = file.customers()[0].listId;
  const body =
    `<${object}AddRq><${object}Add><CustomerRef><ListID>${customer}</ListID></CustomerRef>` +
    (ref === undefined ? '' : `<RefNumber>${ref}</RefNumber>`) +
    `<${object}LineAdd><ItemRef><FullName>Consulting Hours</FullName></ItemRef><Quantity>1</Quantity>` +
    `<Rate>10.00</Rate></${object}LineAdd></${object}Add></${object}AddRq>`;
  const xml = processRequestSet(
    file,
    `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${body}` +
      '</QBXMLMsgsRq></QBXML>',
    session,
    DEFAULT_HOST,
  );
  const rs = (p.parse(xml) as { QBXML: { QBXMLMsgsRs: Record<string, Record<string, any>[]> } }).QBXML.QBXMLMsgsRs[
    `${object}AddRs`
  ][0];
  expect(rs.statusCode).toBe('0');
  return rs[`${object}Ret`][0] as Record<string, string>;
};

beforeEach(() => {
  file = new CompanyFile();
  file.now = () => Date.UTC(2026, 1, 1, 12, 0, 0);
  seedCompany(file, { accounts: 4, invoices: 0 });
  session = { iterators: new Map() };
});

describe('sales form numbers', () => {
  it('numbers an invoice sent without one after the last invoice, keeping the width of its digits', () => {
    expect(add('Invoice').RefNumber).toBe('1');
    expect(add('Invoice', 'INV-0099').RefNumber).toBe('INV-0099');
    expect(add('Invoice').RefNumber).toBe('INV-0100');
    expect(file.objects(['Invoice']).map((r) => r.name)).toEqual(['1', 'INV-0099', 'INV-0100']);
  });

  it('numbers each sales form on its own: receipts, estimates and invoices each follow their last number', () => {
    add('Invoice', '1041');
    expect(add('SalesReceipt').RefNumber).toBe('1');
    expect(add('Estimate', 'E-7').RefNumber).toBe('E-7');
    expect(add('Estimate').RefNumber).toBe('E-8');
    expect(add('Invoice').RefNumber).toBe('1042');
  });
});
