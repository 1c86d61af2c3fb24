// The company file answers qbXML as QuickBooks does (reference C3–C5).
import { beforeEach, describe, expect, it } from 'vitest';
import { demoAccount, isAlreadyInQuickBooks } from '../demo-data';
import { CompanyFile } from './company-file';
import { ParseFailure } from './qbxml-in';
import { processRequestSet, type Session } from './qbxml-engine';
import { seedCompany } from './seed';
import { XMLParser } from 'fast-xml-parser';

let file: CompanyFile;
let session: Session;
const p = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  htmlEntities: true,
  isArray: (n) => n.endsWith('Ret') || (n.endsWith('Rs') && n !== 'QBXMLMsgsRs'),
});

const set = (body: string, onError = 'continueOnError', version = '13.0') =>
  `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${version}"?><QBXML><QBXMLMsgsRq onError="${onError}">${body}</QBXMLMsgsRq></QBXML>`;
const ask = (body: string, onError?: string) => {
  const doc = p.parse(processRequestSet(file, set(body, onError), session)) as {
    QBXML: { QBXMLMsgsRs: Record<string, Record<string, unknown>[]> };
  };
  return Object.entries(doc.QBXML.QBXMLMsgsRs).flatMap(([name, list]) =>
    list.map((r) => ({ name, ...r })),
  ) as unknown as (Record<string, unknown> & { statusCode: string; statusMessage: string; requestID: string })[];
};
const add = (id: string, name: string, extra = '') =>
  `<CustomerAddRq requestID="${id}"><CustomerAdd><Name>${name}</Name>${extra}</CustomerAdd></CustomerAddRq>`;

beforeEach(() => {
  file = new CompanyFile();
  file.now = () => Date.UTC(2026, 1, 1, 12, 0, 0);
  seedCompany(file, { accounts: 40, invoices: 12 });
  session = { iterators: new Map() };
});

describe('QuickBooks Desktop company file (sandbox)', () => {
  it('is seeded from the demo data: customers for the accounts already in QuickBooks, invoices for them', () => {
    const expected = Array.from({ length: 40 }, (_, i) => i)
      .filter(isAlreadyInQuickBooks)
      .map((i) => demoAccount(i).name);
    expect(
      file
        .customers({ active: 'All' })
        .map((c) => c.name)
        .sort(),
    ).toEqual(expected.sort());
    expect(file.invoices({})).toHaveLength(12);
    expect(file.customer(file.customers()[0].listId)!.listId).toMatch(/^8[0-9A-F]{7}-\d{10}$/);
  });

  it('adds customers, refuses a taken name (any case) with 3100 and a 42-character name with 3070, each alone', () => {
    const out = ask(
      add('1', 'Smith &amp; Sons') +
        add(
          '2',
          'CAFÉ DÉJÀ VU CRÈME'.replace(/[^\x00-\x7f]/g, (c) => `&#${c.codePointAt(0)};`),
        ) +
        add('3', 'x'.repeat(42)) +
        add('4', 'Fine Co'),
    );
    expect(out.map((r) => [r.requestID, r.statusCode])).toEqual([
      ['1', '0'],
      ['2', '3100'],
      ['3', '3070'],
      ['4', '0'],
    ]);
    expect(out[1].statusMessage).toBe('The name "CAFÉ DÉJÀ VU CRÈME" of the list element is already in use.');
    expect(out[2].statusMessage).toBe(`The string "${'x'.repeat(42)}" in the field "Name" is too long.`);
    expect(file.customerByName('smith & sons')!.name).toBe('Smith & Sons');
  });

  it('stops at the first error under stopOnError: later requests get no answer and are not done', () => {
    const out = ask(add('1', 'x'.repeat(42)) + add('2', 'Never Added'), 'stopOnError');
    expect(out.map((r) => r.requestID)).toEqual(['1']);
    expect(file.customerByName('Never Added')).toBeUndefined();
  });

  it('fails the whole set (HRESULT 0x80040400) for elements out of schema order, raw accents, or a missing version', () => {
    expect(() =>
      processRequestSet(
        file,
        set(add('1', 'A', '').replace('<Name>A</Name>', '<Phone>1</Phone><Name>A</Name>')),
        session,
      ),
    ).toThrow(ParseFailure);
    expect(() => processRequestSet(file, set(add('1', 'Café')), session)).toThrow(/non-ASCII/);
    // Control characters XML 1.0 does not allow, raw or as a character reference (issue 18).
    expect(() => processRequestSet(file, set(add('1', 'Tab\u000Bbed')), session)).toThrow(
      /a character XML does not allow/,
    );
    expect(() => processRequestSet(file, set(add('1', 'Ref&#11;erence')), session)).toThrow(
      /a character XML does not allow/,
    );
    expect(processRequestSet(file, set(add('1', 'Tab&#9;Ok')), session)).toBeTruthy();
    expect(() => processRequestSet(file, set(add('1', 'A'), 'continueOnError', '99.0'), session)).toThrow(
      /not supported/,
    );
    expect(() =>
      processRequestSet(
        file,
        set('<CustomerQueryRq requestID="1"><FullName>A</FullName><MaxReturned>5</MaxReturned></CustomerQueryRq>'),
        session,
      ),
    ).toThrow(/may not be combined/);
    // Transactions filter by ModifiedDateRangeFilter; the list-style element is a schema error (pitfall 8).
    expect(() =>
      processRequestSet(
        file,
        set('<InvoiceQueryRq requestID="1"><FromModifiedDate>2026-01-01</FromModifiedDate></InvoiceQueryRq>'),
        session,
      ),
    ).toThrow(/unexpected element <FromModifiedDate>/);
    expect(file.customerByName('A')).toBeUndefined();
  });

  it('refuses an element the declared qbXML version does not have yet (ExternalGUID in 7.0) with 0x80040400', () => {
    const invoice = (guid: string) =>
      `<InvoiceAddRq requestID="1"><InvoiceAdd><CustomerRef>` +
      `<FullName>${file.customers()[0].name.replace(/[^\x00-\x7f]/g, (ch) => `&#${ch.codePointAt(0)};`)}</FullName>` +
      `</CustomerRef><RefNumber>V-1</RefNumber>${guid}<InvoiceLineAdd><Desc>Work</Desc>` +
      `<Amount>10.00</Amount></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>`;
    const guid = '<ExternalGUID>{6B29FC40-CA47-1067-B31D-00DD010662DA}</ExternalGUID>';
    expect(() => processRequestSet(file, set(invoice(guid), 'continueOnError', '7.0'), session)).toThrow(
      /parsing the provided XML text stream \(element <ExternalGUID> is not in qbXML 7\.0/,
    );
    expect(file.invoices({}).some((i) => i.refNumber === 'V-1')).toBe(false);
    expect(() => processRequestSet(file, set(invoice(''), 'continueOnError', '7.0'), session)).not.toThrow();
    expect(() =>
      processRequestSet(file, set(invoice(guid).replace('V-1', 'V-2'), 'continueOnError', '8.0'), session),
    ).not.toThrow();
  });

  it('checks EditSequence on every Mod (3200) and changes only the fields sent', () => {
    const c = file.customers()[0];
    const stale = ask(
      `<CustomerModRq requestID="1"><CustomerMod><ListID>${c.listId}</ListID><EditSequence>1</EditSequence><Phone>555</Phone></CustomerMod></CustomerModRq>`,
    );
    expect(stale[0]).toMatchObject({
      statusCode: '3200',
      statusMessage: 'The provided edit sequence "1" is out-of-date.',
    });
    const ok = ask(
      `<CustomerModRq ` +
        `requestID="2"><CustomerMod><ListID>${c.listId}</ListID>` +
        `<EditSequence>${c.editSequence}</EditSequence><Phone>555-0199</Phone>` +
        `</CustomerMod></CustomerModRq>`,
    );
    const ret = (ok[0].CustomerRet as Record<string, unknown>[])[0];
    expect(ret).toMatchObject({ Phone: '555-0199', CompanyName: c.fields.CompanyName, Name: c.name });
    expect(Number(ret.EditSequence)).toBeGreaterThan(Number(c.editSequence));
    expect(
      ask(
        `<CustomerModRq requestID="3"><CustomerMod><ListID>80009999-1</ListID><EditSequence>1</EditSequence></CustomerMod></CustomerModRq>`,
      )[0].statusCode,
    ).toBe('3120');
  });

  it('answers name look-ups with 0, 500 (some missing) or 1 (no match, Info)', () => {
    const name = demoAccount(3).name.replace(/[^\x00-\x7f]/g, (ch) => `&#${ch.codePointAt(0)};`);
    const out = ask(
      `<CustomerQueryRq ` +
        `requestID="1"><FullName>${name}</FullName></CustomerQueryRq><CustomerQueryRq ` +
        `requestID="2"><FullName>${name}</FullName><FullName>Nobody</FullName></CustomerQueryRq><CustomerQueryRq ` +
        `requestID="3"><FullName>Nobody</FullName></CustomerQueryRq>`,
    );
    expect(out.map((r) => [r.statusCode, r.statusSeverity])).toEqual([
      ['0', 'Info'],
      ['500', 'Warn'],
      ['1', 'Info'],
    ]);
    expect((out[0].CustomerRet as { Name: string }[])[0].Name).toBe('Café Déjà Vu Crème');
  });

  it('pages invoices with an iterator that lives only in its session', () => {
    const start = ask(
      '<InvoiceQueryRq requestID="1" ' +
        'iterator="Start"><MaxReturned>5</MaxReturned><ModifiedDateRangeFilter>' +
        '<FromModifiedDate>2026-01-01T00:00:00</FromModifiedDate>' +
        '</ModifiedDateRangeFilter><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>',
    )[0];
    expect(start).toMatchObject({ statusCode: '0', iteratorRemainingCount: '7' });
    expect((start.InvoiceRet as Record<string, unknown>[])[0]).toMatchObject({
      RefNumber: '1001',
      // Each line as QuickBooks returns it: numbered, and its item by ListID and FullName.
      InvoiceLineRet: [
        expect.objectContaining({
          TxnLineID: expect.any(String),
          ItemRef: { ListID: expect.any(String), FullName: 'Consulting Hours' },
        }),
      ],
    });
    const id = String(start.iteratorID);
    const next = ask(
      `<InvoiceQueryRq requestID="2" iterator="Continue" iteratorID="${id}"><MaxReturned>5</MaxReturned></InvoiceQueryRq>`,
    )[0];
    expect(next).toMatchObject({ iteratorRemainingCount: '2' });
    session = { iterators: new Map() };
    expect(
      ask(
        `<InvoiceQueryRq requestID="3" iterator="Continue" iteratorID="${id}"><MaxReturned>5</MaxReturned></InvoiceQueryRq>`,
      )[0].statusCode,
    ).toBe('3120');
  });

  it('keeps custom fields: defined once, DataExtAdd once (3180 the second time), then DataExtMod', () => {
    const c = file.customers()[0];
    const body = (kind: string, v: string) =>
      `<${kind}Rq ` +
      `requestID="1"><${kind}><OwnerID>0</OwnerID><DataExtName>AccountID</DataExtName>` +
      `<ListDataExtType>Customer</ListDataExtType><ListObjRef>` +
      `<ListID>${c.listId}</ListID></ListObjRef><DataExtValue>${v}</DataExtValue>` +
      `</${kind}></${kind}Rq>`;
    // A value needs its field defined first (3120), and a field is defined once (3100).
    expect(ask(body('DataExtAdd', 'a-1'))[0].statusCode).toBe('3120');
    const def =
      '<DataExtDefAddRq ' +
      'requestID="1"><DataExtDefAdd><OwnerID>0</OwnerID>' +
      '<DataExtName>AccountID</DataExtName><DataExtType>STR255TYPE</DataExtType>' +
      '<AssignToObject>Customer</AssignToObject></DataExtDefAdd></DataExtDefAddRq>';
    expect(ask(def)[0].statusCode).toBe('0');
    expect(ask(def)[0].statusCode).toBe('3100');
    expect(ask(body('DataExtAdd', 'a-1'))[0].statusCode).toBe('0');
    expect(ask(body('DataExtAdd', 'a-2'))[0].statusCode).toBe('3180');
    expect(ask(body('DataExtMod', 'a-2'))[0].statusCode).toBe('0');
    const q = ask(
      `<CustomerQueryRq requestID="9"><ListID>${c.listId}</ListID><OwnerID>0</OwnerID></CustomerQueryRq>`,
    )[0];
    expect((q.CustomerRet as Record<string, unknown>[])[0].DataExtRet).toEqual([
      { OwnerID: '0', DataExtName: 'AccountID', DataExtType: 'STR255TYPE', DataExtValue: 'a-2' },
    ]);
  });
});
