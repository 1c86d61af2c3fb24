// Discount and group items as QuickBooks Desktop keeps them (qbXML OSR 13.0, ItemDiscountAdd / ItemGroupAdd):
// a discount needs its AccountRef and one rate, a group's components must be items of the file (3140).
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
  isArray: (n) => n.endsWith('Ret') || n.endsWith('Line') || (n.endsWith('Rs') && n !== 'QBXMLMsgsRs'),
});
type Rs = Record<string, any> & { statusCode: string; statusMessage: string };
const set = (body: string) =>
  '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML>' +
  `<QBXMLMsgsRq onError="continueOnError">${body}</QBXMLMsgsRq></QBXML>`;
const one = (body: string): Rs => {
  const doc = p.parse(processRequestSet(file, set(body), session, DEFAULT_HOST)) as {
    QBXML: { QBXMLMsgsRs: Record<string, Rs[]> };
  };
  return Object.values(doc.QBXML.QBXMLMsgsRs).flat()[0];
};
const discountAdd = (inner: string) =>
  `<ItemDiscountAddRq requestID="1"><ItemDiscountAdd>${inner}</ItemDiscountAdd></ItemDiscountAddRq>`;
const groupAdd = (name: string, lines: string) =>
  `<ItemGroupAddRq requestID="1"><ItemGroupAdd><Name>${name}</Name><ItemDesc>Kit</ItemDesc>` +
  `<IsPrintItemsInGroup>true</IsPrintItemsInGroup>${lines}</ItemGroupAdd></ItemGroupAddRq>`;
const line = (item: string, qty: string) =>
  `<ItemGroupLine><ItemRef><FullName>${item}</FullName></ItemRef><Quantity>${qty}</Quantity></ItemGroupLine>`;

beforeEach(() => {
  file = new CompanyFile();
  file.now = () => Date.UTC(2026, 1, 1, 12, 0, 0);
  seedCompany(file, { accounts: 4, invoices: 0 });
  session = { iterators: new Map() };
});

describe('discount items', () => {
  it('adds a discount with its rate and account, and answers it among the items', () => {
    const rs = one(
      discountAdd(
        '<Name>Loyalty 5%</Name><ItemDesc>Loyal customers</ItemDesc><DiscountRatePercent>5</DiscountRatePercent>' +
          '<AccountRef><FullName>Sales Income</FullName></AccountRef>',
      ),
    );
    expect(rs.statusCode).toBe('0');
    expect(rs.ItemDiscountRet[0]).toMatchObject({
      Name: 'Loyalty 5%',
      DiscountRatePercent: '5',
      AccountRef: { FullName: 'Sales Income' },
    });
    const q = one('<ItemQueryRq requestID="2"><FullName>Loyalty 5%</FullName></ItemQueryRq>');
    expect(q.ItemDiscountRet[0]).toMatchObject({ ItemDesc: 'Loyal customers' });
  });

  it('refuses a discount without an account or with both rates, as the qbXML schema does', () => {
    expect(() => one(discountAdd('<Name>Promo</Name><DiscountRate>10.00</DiscountRate>'))).toThrow(
      /missing element <AccountRef>/,
    );
    const both =
      '<Name>Promo</Name><DiscountRate>10.00</DiscountRate><DiscountRatePercent>5</DiscountRatePercent>' +
      '<AccountRef><FullName>Sales Income</FullName></AccountRef>';
    expect(() => one(discountAdd(both))).toThrow(/only one of <DiscountRate>, <DiscountRatePercent>/);
  });
});

describe('group items', () => {
  it('adds a group of existing items with their quantities', () => {
    const rs = one(groupAdd('Starter Kit', line('Consulting Hours', '2') + line('Shipping', '1')));
    expect(rs.statusCode).toBe('0');
    expect(rs.ItemGroupRet[0]).toMatchObject({ Name: 'Starter Kit', IsPrintItemsInGroup: 'true' });
    expect(rs.ItemGroupRet[0].ItemGroupLine).toEqual([
      { ItemRef: expect.objectContaining({ FullName: 'Consulting Hours' }), Quantity: '2' },
      { ItemRef: expect.objectContaining({ FullName: 'Shipping' }), Quantity: '1' },
    ]);
  });

  it('refuses a group whose component is not an item of the company file (3140) and saves nothing', () => {
    const rs = one(groupAdd('Ghost Kit', line('Consulting Hours', '1') + line('Nowhere Widget', '3')));
    expect(rs.statusCode).toBe('3140');
    expect(rs.statusMessage).toContain('Item "Nowhere Widget" in the ItemGroup');
    expect(file.objectByName('Item', 'Ghost Kit')).toBeUndefined();
  });
});
