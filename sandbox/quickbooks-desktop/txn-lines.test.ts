// The lines of the transactions Weft writes from opportunities, numbered and edited as QuickBooks does (qbXML OSR,
// EstimateMod, SalesReceiptMod, SalesOrderMod, PurchaseOrderMod, BillMod, CheckMod; "Modify, delete and void
// requests"): every line saved gets a TxnLineID; a Mod's …LineMod edits the line its TxnLineID names, -1 adds one,
// a line left out is deleted; a TxnLineID that is not a line of the transaction is refused (3120), nothing saved.
import { XMLParser } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { CompanyFile } from './company-file';
import { processRequestSet, type Session } from './qbxml-engine';
import { SEED_ITEMS, SEED_VENDORS, seedCompany } from './seed';

type Rs = Record<string, any> & { statusCode: string; statusMessage: string };
const p = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  isArray: (n) => n.endsWith('Ret') || (n.endsWith('Rs') && n !== 'QBXMLMsgsRs'),
});
let file: CompanyFile;
let session: Session;
const one = (body: string): Rs => {
  const set = `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${body}</QBXMLMsgsRq></QBXML>`;
  const doc = p.parse(processRequestSet(file, set, session)) as { QBXML: { QBXMLMsgsRs: Record<string, Rs[]> } };
  return Object.values(doc.QBXML.QBXMLMsgsRs).flat()[0];
};

beforeEach(() => {
  file = new CompanyFile();
  file.now = () => Date.UTC(2026, 1, 1, 12, 0, 0);
  seedCompany(file, { accounts: 40, invoices: 2 });
  session = { iterators: new Map() };
});

/** Each form: its head (who it is for), its item lines' element and the line's price element. */
const FORMS = [
  { kind: 'Estimate', head: 'customer', line: 'EstimateLine', price: 'Rate' },
  { kind: 'SalesReceipt', head: 'customer', line: 'SalesReceiptLine', price: 'Rate' },
  { kind: 'SalesOrder', head: 'customer', line: 'SalesOrderLine', price: 'Rate' },
  { kind: 'PurchaseOrder', head: 'vendor', line: 'PurchaseOrderLine', price: 'Rate' },
  { kind: 'Bill', head: 'vendor', line: 'ItemLine', price: 'Cost' },
  { kind: 'Check', head: 'payee', line: 'ItemLine', price: 'Cost' },
] as const;

for (const f of FORMS) {
  describe(`${f.kind} lines`, () => {
    const head = () =>
      f.head === 'customer'
        ? `<CustomerRef><ListID>${file.customers()[0].listId}</ListID></CustomerRef>`
        : f.head === 'vendor'
          ? `<VendorRef><FullName>${SEED_VENDORS[0]}</FullName></VendorRef>`
          : `<AccountRef><FullName>Checking</FullName></AccountRef><PayeeEntityRef><FullName>${SEED_VENDORS[0]}</FullName></PayeeEntityRef>`;
    const line = (tag: string, id: string | null, item: string, qty: number) =>
      `<${f.line}${tag}>${id === null ? '' : `<TxnLineID>${id}</TxnLineID>`}<ItemRef><FullName>${item}</FullName></ItemRef>` +
      `<Quantity>${qty}</Quantity><${f.price}>10.00</${f.price}></${f.line}${tag}>`;
    const add = () =>
      one(
        `<${f.kind}AddRq><${f.kind}Add>${head()}<RefNumber>W-1</RefNumber>` +
          `${line('Add', null, SEED_ITEMS[0], 1)}${line('Add', null, SEED_ITEMS[1], 2)}</${f.kind}Add></${f.kind}AddRq>`,
      )[`${f.kind}Ret`][0];
    const mod = (t: Rs, lines: string) =>
      one(
        `<${f.kind}ModRq><${f.kind}Mod><TxnID>${t.TxnID}</TxnID><EditSequence>${t.EditSequence}</EditSequence>` +
          `${lines}</${f.kind}Mod></${f.kind}ModRq>`,
      );
    const linesOf = (t: Rs) => t[`${f.line}Ret`] as Rs[];

    it('numbers each line it saves; a Mod edits the line its TxnLineID names, adds a -1 line, drops one left out', () => {
      const t = add();
      const [a, b] = linesOf(t);
      expect(a.TxnLineID).toEqual(expect.any(String));
      expect(b.TxnLineID).not.toBe(a.TxnLineID);
      const rs = mod(t, line('Mod', b.TxnLineID, SEED_ITEMS[1], 7) + line('Mod', '-1', SEED_ITEMS[2], 3));
      expect(rs.statusCode).toBe('0');
      const after = linesOf(rs[`${f.kind}Ret`][0]);
      expect(after.map((l) => [l.TxnLineID === b.TxnLineID, l.Quantity, l.Amount])).toEqual([
        [true, '7', '70.00'],
        [false, '3', '30.00'],
      ]);
      expect([a.TxnLineID, b.TxnLineID]).not.toContain(after[1].TxnLineID);
    });

    it('refuses a TxnLineID that is not a line of the transaction (3120) and saves nothing', () => {
      const t = add();
      const other = linesOf(add())[0].TxnLineID; // a line of another transaction
      const rs = mod(t, line('Mod', linesOf(t)[0].TxnLineID, SEED_ITEMS[0], 5) + line('Mod', other, SEED_ITEMS[1], 9));
      expect(rs).toMatchObject({ statusCode: '3120', statusMessage: expect.stringContaining(other) });
      const saved = file.object(t.TxnID)!;
      expect(saved.editSequence).toBe(t.EditSequence);
      expect((saved.data[`${f.line}Add`] as Rs[]).map((l) => l.Quantity)).toEqual(['1', '2']);
    });
  });
}
