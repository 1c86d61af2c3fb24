// Vendors, items, accounts and transactions answered as QuickBooks does (reference C3–C5).
import { XMLParser } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildRequestSet } from '../../nodes/quickbooks/desktop/qbxml-build';
import { GOLDEN_REQUESTS } from '../../nodes/testing/qbd-requests';
import { CompanyFile } from './company-file';
import { DEFAULT_HOST, processRequestSet, type Host, type Session } from './qbxml-engine';
import { ParseFailure } from './qbxml-in';
import { seedCompany } from './seed';

let file: CompanyFile;
let session: Session;
const p = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  htmlEntities: true,
  isArray: (n) => n.endsWith('Ret') || n.endsWith('Line') || (n.endsWith('Rs') && n !== 'QBXMLMsgsRs'),
});
type Rs = Record<string, any> & { statusCode: string; statusMessage: string };
const set = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError">${body}</QBXMLMsgsRq></QBXML>`;
const ask = (body: string, host: Host = DEFAULT_HOST): Rs[] => {
  const doc = p.parse(processRequestSet(file, set(body), session, host)) as {
    QBXML: { QBXMLMsgsRs: Record<string, Rs[]> };
  };
  return Object.values(doc.QBXML.QBXMLMsgsRs).flat();
};
const one = (body: string, host?: Host) => ask(body, host)[0];
const ret = (rs: Rs, kind: string) => (rs[`${kind}Ret`] as Record<string, any>[])[0];

beforeEach(() => {
  file = new CompanyFile();
  file.now = () => Date.UTC(2026, 1, 1, 12, 0, 0);
  seedCompany(file, { accounts: 40, invoices: 6 });
  session = { iterators: new Map() };
});

describe('vendors (lists)', () => {
  it('adds, refuses a name a customer has (3100) and a 42-character name (3070), modifies with EditSequence (3200), deletes (3120 after)', () => {
    const customer = file.customers()[0].name.replace(/[^\x00-\x7f]/g, (c) => `&#${c.codePointAt(0)};`);
    const out =
      ask(`<VendorAddRq requestID="1"><VendorAdd><Name>Acme &amp; Parts</Name><CompanyName>Acme</CompanyName></VendorAdd></VendorAddRq>
      <VendorAddRq requestID="2"><VendorAdd><Name>${customer}</Name></VendorAdd></VendorAddRq>
      <VendorAddRq requestID="3"><VendorAdd><Name>${'v'.repeat(42)}</Name></VendorAdd></VendorAddRq>`);
    expect(out.map((r) => r.statusCode)).toEqual(['0', '3100', '3070']);
    const v = ret(out[0], 'Vendor');
    expect(v).toMatchObject({ Name: 'Acme & Parts', CompanyName: 'Acme', IsActive: 'true' });
    expect(v.ListID).toMatch(/^8[0-9A-F]{7}-\d{10}$/);
    expect(
      one(
        `<VendorModRq requestID="4"><VendorMod><ListID>${v.ListID}</ListID><EditSequence>1</EditSequence><Phone>1</Phone></VendorMod></VendorModRq>`,
      ).statusCode,
    ).toBe('3200');
    const mod = one(
      `<VendorModRq ` +
        `requestID="5"><VendorMod><ListID>${v.ListID}</ListID><EditSequence>${v.EditSequence}</EditSequence><Phone>555-0101</Phone></VendorMod></VendorModRq>`,
    );
    expect(ret(mod, 'Vendor')).toMatchObject({ Phone: '555-0101', CompanyName: 'Acme' });
    expect(Number(ret(mod, 'Vendor').EditSequence)).toBeGreaterThan(Number(v.EditSequence));
    const del = `<ListDelRq requestID="6"><ListDelType>Vendor</ListDelType><ListID>${v.ListID}</ListID></ListDelRq>`;
    expect(one(del)).toMatchObject({ statusCode: '0', FullName: 'Acme & Parts' });
    expect(one(del).statusCode).toBe('3120');
  });

  it('pages vendors with an iterator and filters by FromModifiedDate (lists)', () => {
    for (let i = 0; i < 5; i++)
      ask(`<VendorAddRq requestID="1"><VendorAdd><Name>V${i}</Name></VendorAdd></VendorAddRq>`);
    const start = one(
      '<VendorQueryRq requestID="1" ' +
        'iterator="Start"><MaxReturned>3</MaxReturned><ActiveStatus>All</ActiveStatus><FromModifiedDate>2026-01-01T00:00:00</FromModifiedDate></VendorQueryRq>',
    );
    expect(start).toMatchObject({ statusCode: '0', iteratorRemainingCount: '4' });
    const next = one(
      `<VendorQueryRq requestID="2" iterator="Continue" iteratorID="${start.iteratorID}"><MaxReturned>3</MaxReturned></VendorQueryRq>`,
    );
    expect(next.iteratorRemainingCount).toBe('1');
    expect(new Set([...start.VendorRet, ...next.VendorRet].map((v: Record<string, string>) => v.Name)).size).toBe(6);
    expect(() =>
      processRequestSet(
        file,
        set(
          '<VendorQueryRq requestID="1"><ModifiedDateRangeFilter><FromModifiedDate>2026-01-01</FromModifiedDate></ModifiedDateRangeFilter></VendorQueryRq>',
        ),
        session,
      ),
    ).toThrow(ParseFailure);
  });
});

describe('items', () => {
  it('ItemQuery answers every item type with its own Ret; names are unique across item types; Name is at most 31', () => {
    const q = one('<ItemQueryRq requestID="1"><ActiveStatus>All</ActiveStatus></ItemQueryRq>');
    expect(
      Object.keys(q)
        .filter((k) => k.endsWith('Ret'))
        .sort(),
    ).toEqual(['ItemNonInventoryRet', 'ItemOtherChargeRet', 'ItemServiceRet']);
    expect(
      one('<ItemServiceAddRq requestID="2"><ItemServiceAdd><Name>Shipping</Name></ItemServiceAdd></ItemServiceAddRq>')
        .statusCode,
    ).toBe('3100');
    expect(
      one(
        `<ItemServiceAddRq requestID="3"><ItemServiceAdd><Name>${'i'.repeat(32)}</Name></ItemServiceAdd></ItemServiceAddRq>`,
      ).statusCode,
    ).toBe('3070');
    const bad = one(
      '<ItemServiceAddRq ' +
        'requestID="4"><ItemServiceAdd><Name>Audit</Name><SalesOrPurchase>' +
        '<Price>10.00</Price><AccountRef><FullName>Nowhere</FullName></AccountRef>' +
        '</SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>',
    );
    expect(bad).toMatchObject({ statusCode: '3140' });
    expect(bad.statusMessage).toContain('Account "Nowhere"');
  });
});

describe('sub-accounts', () => {
  const add = (body: string) => one(`<AccountAddRq requestID="1"><AccountAdd>${body}</AccountAdd></AccountAddRq>`);
  it('keeps the parent by ListID: FullName Parent:Child follows a rename, TotalBalance adds the sub-accounts', () => {
    const parent = ret(
      add('<Name>Savings</Name><AccountType>Bank</AccountType><OpenBalance>100.00</OpenBalance>'),
      'Account',
    );
    const child = ret(
      add(
        '<Name>Reserve</Name><ParentRef><FullName>Savings</FullName></ParentRef><AccountType>Bank</AccountType>' +
          '<OpenBalance>25.50</OpenBalance>',
      ),
      'Account',
    );
    expect(child).toMatchObject({ FullName: 'Savings:Reserve', Sublevel: '1', ParentRef: { ListID: parent.ListID } });
    const mod =
      `<AccountModRq requestID="2"><AccountMod><ListID>${parent.ListID}</ListID>` +
      `<EditSequence>${parent.EditSequence}</EditSequence><Name>Savings Plus</Name>` +
      `</AccountMod></AccountModRq>`;
    expect(ret(one(mod), 'Account')).toMatchObject({ Balance: '100.00', TotalBalance: '125.50', Sublevel: '0' });
    const q = one(`<AccountQueryRq requestID="3"><ListID>${child.ListID}</ListID></AccountQueryRq>`);
    expect(ret(q, 'Account')).toMatchObject({
      FullName: 'Savings Plus:Reserve',
      Balance: '25.50',
      TotalBalance: '25.50',
    });
    const orphan = add(
      '<Name>Lost</Name><ParentRef><FullName>Nowhere</FullName></ParentRef><AccountType>Bank</AccountType>',
    );
    expect(orphan).toMatchObject({ statusCode: '3140' });
    expect(orphan.statusMessage).toContain('Account "Nowhere"');
  });
});

describe('transactions', () => {
  const customer = () => file.customers()[0];
  const invoiceAdd = (
    ref: string,
    item = 'Consulting Hours',
  ) => `<InvoiceAddRq requestID="1"><InvoiceAdd><CustomerRef><ListID>${customer().listId}</ListID></CustomerRef><RefNumber>${ref}</RefNumber>
    <InvoiceLineAdd><ItemRef><FullName>${item}</FullName></ItemRef><Quantity>2</Quantity>
    <Rate>100.00</Rate></InvoiceLineAdd><InvoiceLineAdd><ItemRef><FullName>Shipping</FullName></ItemRef>
    <Amount>15.00</Amount></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>`;

  it('adds an invoice with lines and computes its amounts; an unknown item is 3140; Mod replaces lines; TxnDel deletes', () => {
    const inv = ret(one(invoiceAdd('W-1')), 'Invoice');
    expect(inv.TxnID).toMatch(/^[0-9A-F]+-\d{10}$/);
    expect(inv).toMatchObject({
      RefNumber: 'W-1',
      Subtotal: '215.00',
      BalanceRemaining: '215.00',
      IsPaid: 'false',
      CustomerRef: { ListID: customer().listId, FullName: customer().name },
    });
    expect(inv.InvoiceLineRet.map((l: Record<string, string>) => l.Amount)).toEqual(['200.00', '15.00']);
    const missing = one(invoiceAdd('W-2', 'Nothing Like It'));
    expect(missing.statusCode).toBe('3140');
    expect(missing.statusMessage).toBe(
      'There is an invalid reference to QuickBooks Item "Nothing Like It" in the Invoice. ' +
        'QuickBooks error message: Invalid argument. The specified record does not exist in the ' +
        'list.',
    );
    const line = inv.InvoiceLineRet[0].TxnLineID;
    const mod = one(
      `<InvoiceModRq ` +
        `requestID="2"><InvoiceMod><TxnID>${inv.TxnID}</TxnID>` +
        `<EditSequence>${inv.EditSequence}</EditSequence><InvoiceLineMod>` +
        `<TxnLineID>${line}</TxnLineID><Quantity>3</Quantity></InvoiceLineMod>` +
        `</InvoiceMod></InvoiceModRq>`,
    );
    expect(ret(mod, 'Invoice')).toMatchObject({ Subtotal: '300.00' });
    expect(
      one(
        `<InvoiceModRq ` +
          `requestID="3"><InvoiceMod><TxnID>${inv.TxnID}</TxnID><EditSequence>${inv.EditSequence}</EditSequence><Memo>x</Memo></InvoiceMod></InvoiceModRq>`,
      ).statusCode,
    ).toBe('3200');
    expect(
      one(`<TxnDelRq requestID="4"><TxnDelType>Invoice</TxnDelType><TxnID>${inv.TxnID}</TxnID></TxnDelRq>`),
    ).toMatchObject({ statusCode: '0', RefNumber: 'W-1' });
    expect(one(`<InvoiceQueryRq requestID="5"><TxnID>${inv.TxnID}</TxnID></InvoiceQueryRq>`).statusCode).toBe('1');
  });

  it("ReceivePayment applies to open invoices (balance, IsPaid); overpaying is 3210, another customer's invoice 3140", () => {
    const inv = ret(one(invoiceAdd('P-1')), 'Invoice');
    const pay = (amount: string, txn = inv.TxnID, total = amount) =>
      `<ReceivePaymentAddRq ` +
      `requestID="1"><ReceivePaymentAdd><CustomerRef><ListID>${customer().listId}</ListID></CustomerRef><RefNumber>CHK ` +
      `1</RefNumber><TotalAmount>${total}</TotalAmount><AppliedToTxnAdd>` +
      `<TxnID>${txn}</TxnID><PaymentAmount>${amount}</PaymentAmount></AppliedToTxnAdd>` +
      `</ReceivePaymentAdd></ReceivePaymentAddRq>`;
    expect(one(pay('300.00')).statusCode).toBe('3210');
    expect(one(pay('10.00', '99-1')).statusCode).toBe('3140');
    const ok = ret(one(pay('215.00', inv.TxnID, '250.00')), 'ReceivePayment');
    expect(ok).toMatchObject({
      TotalAmount: '250.00',
      UnusedPayment: '35.00',
      AppliedToTxnRet: [{ TxnID: inv.TxnID, PaymentAmount: '215.00' }],
    });
    expect(
      ret(one(`<InvoiceQueryRq requestID="2"><TxnID>${inv.TxnID}</TxnID></InvoiceQueryRq>`), 'Invoice'),
    ).toMatchObject({ BalanceRemaining: '0.00', IsPaid: 'true' });
  });

  it('a journal entry must balance: 3180 "Transaction not in balance" otherwise', () => {
    const je = (credit: string) =>
      `<JournalEntryAddRq ` +
      `requestID="1"><JournalEntryAdd><RefNumber>JE-1</RefNumber><JournalDebitLine>` +
      `<AccountRef><FullName>Checking</FullName></AccountRef><Amount>100.00</Amount>` +
      `</JournalDebitLine><JournalCreditLine><AccountRef><FullName>Sales ` +
      `Income</FullName></AccountRef><Amount>${credit}</Amount></JournalCreditLine></JournalEntryAdd></JournalEntryAddRq>`;
    const bad = one(je('90.00'));
    expect(bad).toMatchObject({
      statusCode: '3180',
      statusMessage:
        'There was an error when saving a General Journal transaction. QuickBooks error message: Transaction not in balance.',
    });
    const ok = ret(one(je('100.00')), 'JournalEntry');
    expect(ok.JournalDebitLine[0]).toMatchObject({ AccountRef: { FullName: 'Checking' }, Amount: '100.00' });
    // Sent without a TxnDate, it is dated today in the company's clock (2026-02-01 12:00 UTC is 07:00 in New York).
    expect(ok.TxnDate).toBe('2026-02-01');
  });

  it('bills add expense and item lines (AmountDue); RefNumber is at most 20; transactions filter by ModifiedDateRangeFilter', () => {
    const bill = (ref: string) =>
      `<BillAddRq requestID="1"><BillAdd><VendorRef><FullName>Northwind ` +
      `Supplies</FullName></VendorRef><RefNumber>${ref}</RefNumber><ExpenseLineAdd><AccountRef><FullName>Office ` +
      `Expenses</FullName></AccountRef><Amount>50.00</Amount></ExpenseLineAdd><ItemLineAdd><ItemRef><FullName>Hardware ` +
      `Kit</FullName></ItemRef><Quantity>2</Quantity><Cost>5.00</Cost></ItemLineAdd></BillAdd></BillAddRq>`;
    expect(ret(one(bill('B-1')), 'Bill')).toMatchObject({
      AmountDue: '60.00',
      VendorRef: { FullName: 'Northwind Supplies' },
    });
    expect(one(bill('x'.repeat(21))).statusCode).toBe('3070');
    const q = one(
      '<BillQueryRq ' +
        'requestID="2"><ModifiedDateRangeFilter>' +
        '<FromModifiedDate>2026-01-01T00:00:00</FromModifiedDate>' +
        '</ModifiedDateRangeFilter><IncludeLineItems>true</IncludeLineItems></BillQueryRq>',
    );
    expect(q.BillRet).toHaveLength(1);
    expect(() =>
      processRequestSet(
        file,
        set('<BillQueryRq requestID="1"><FromModifiedDate>2026-01-01</FromModifiedDate></BillQueryRq>'),
        session,
      ),
    ).toThrow(/unexpected element <FromModifiedDate>/);
  });
});

describe('country editions and the request shapes Weft builds', () => {
  it("a field the edition does not have fails the whole set, as the edition's schema has no such element", () => {
    const body =
      `<InvoiceAddRq ` +
      `requestID="1"><InvoiceAdd><CustomerRef><ListID>${file.customers()[0].listId}</ListID></CustomerRef><ItemSalesTaxRef><FullName>State ` +
      `Tax</FullName></ItemSalesTaxRef></InvoiceAdd></InvoiceAddRq>`;
    expect(() => processRequestSet(file, set(body), session, { ...DEFAULT_HOST, country: 'UK' })).toThrow(
      /does not exist in the UK edition/,
    );
    expect(one(body).statusCode).toBe('0');
    const vat =
      `<InvoiceAddRq ` +
      `requestID="1"><InvoiceAdd><CustomerRef>` +
      `<ListID>${file.customers()[0].listId}</ListID></CustomerRef>` +
      `<IsTaxIncluded>true</IsTaxIncluded></InvoiceAdd></InvoiceAddRq>`;
    expect(() => processRequestSet(file, set(vat), session)).toThrow(/does not exist in the US edition/);
    expect(one(vat, { ...DEFAULT_HOST, country: 'UK' }).statusCode).toBe('0');
  });

  it('parses every golden request Weft builds (schema order agrees on both sides)', () => {
    for (const [name, request] of Object.entries(GOLDEN_REQUESTS)) {
      if (request.type === 'HostQuery') continue;
      expect(
        () => processRequestSet(file, buildRequestSet('13.0', [{ requestID: '1', request }]), session),
        name,
      ).not.toThrow();
    }
  });
});
