import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiEntities, buildRequestSet } from './qbxml-build';
import { countryProblems, entityDef, overLimit, unknownFields } from './qbd-catalogue';
import { negotiateVersion, parseHcpResponse, parseResponseSet, QbxmlParseError } from './qbxml-parse';
import { GOLDEN_REQUESTS } from '../../testing/qbd-requests';
import { CompanyFile, processRequestSet } from '../../../sandbox/quickbooks-desktop';

const golden = (name: string) => readFileSync(join(__dirname, 'golden', `${name}.xml`), 'utf8').trimEnd();

describe('qbXML request sets (golden files)', () => {
  for (const [name, request] of Object.entries(GOLDEN_REQUESTS)) {
    it(`builds ${name} exactly as golden/${name}.xml`, () => {
      expect(buildRequestSet('13.0', [{ requestID: '7', request }])).toBe(golden(name));
    });
  }

  it('puts fields in schema order whatever order the mapping produced them in', () => {
    const xml = golden('customer-add');
    const order = ['<Name>', '<CompanyName>', '<BillAddress>', '<Phone>', '<Email>', '<Notes>'].map((t) =>
      xml.indexOf(t),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(xml.indexOf('<Addr1>')).toBeLessThan(xml.indexOf('<City>'));
  });

  it('leaves out what the negotiated version lacks (ExternalGUID before qbXML 8.0), so QuickBooks takes the set', () => {
    const request = {
      type: 'Add' as const,
      object: 'Invoice',
      fields: {
        CustomerRef: { FullName: 'Acme' },
        RefNumber: 'R-1',
        ExternalGUID: '{6B29FC40-CA47-1067-B31D-00DD010662DA}',
        Lines: [{ Desc: 'Work', Amount: 10 }],
      },
    };
    const old = buildRequestSet('7.0', [{ requestID: '1', request }]);
    expect(old).not.toContain('ExternalGUID');
    expect(old).toContain('<RefNumber>R-1</RefNumber>');
    expect(buildRequestSet('8.0', [{ requestID: '1', request }])).toContain(
      '<ExternalGUID>{6B29FC40-CA47-1067-B31D-00DD010662DA}</ExternalGUID>',
    );
    // The Desktop sandbox (QuickBooks' schema for 7.0) refuses the element and takes the set without it.
    const file = new CompanyFile();
    file.addCustomer({ name: 'Acme', fields: {} });
    const session = { iterators: new Map() };
    expect(() =>
      processRequestSet(
        file,
        old.replace(
          '<InvoiceLineAdd>',
          '<ExternalGUID>{6B29FC40-CA47-1067-B31D-00DD010662DA}</ExternalGUID><InvoiceLineAdd>',
        ),
        session,
      ),
    ).toThrow(/<ExternalGUID> is not in qbXML 7\.0/);
    expect(processRequestSet(file, old, session)).toContain('statusCode="0"');
    file.close();
  });

  it('escapes & < > quotes and sends every non-ASCII character as a numeric entity', () => {
    const xml = buildRequestSet('13.0', [
      {
        requestID: '1',
        request: { type: 'CustomerAdd', fields: { Name: 'Ampersand && Quote " Mix <b>bold</b> 😀 Ærø' } },
      },
    ]);
    expect(xml).toContain(
      '<Name>Ampersand &amp;&amp; Quote &quot; Mix &lt;b&gt;bold&lt;/b&gt; &#128512; &#198;r&#248;</Name>',
    );
    expect(/[^\x00-\x7f]/.test(xml)).toBe(false);
    expect(asciiEntities('Décor')).toBe('D&#233;cor');
  });

  it('keeps requests of a set in the order given, each with its requestID, in the negotiated version', () => {
    const xml = buildRequestSet(
      '8.0',
      [
        { requestID: '3', request: { type: 'CustomerAdd', fields: { Name: 'A' } } },
        { requestID: '4', request: { type: 'CustomerQuery', fullNames: ['B'] } },
        { requestID: '5', request: { type: 'CustomerAdd', fields: { Name: 'C' } } },
      ],
      'stopOnError',
    );
    expect(xml).toContain('<?qbxml version="8.0"?>');
    expect(xml).toContain('onError="stopOnError"');
    expect([...xml.matchAll(/requestID="(\d+)"/g)].map((m) => m[1])).toEqual(['3', '4', '5']);
  });

  it('names fields an object does not have (lines and aggregates too), instead of sending them', () => {
    expect(
      unknownFields(entityDef('Customer'), { Name: 'x', DisplayName: 'y', BillAddress: { Line1: 'z', City: 'c' } }),
    ).toEqual(['DisplayName', 'BillAddress.Line1']);
    expect(
      unknownFields(entityDef('Invoice'), {
        RefNumber: '1',
        Lines: [{ ItemRef: { FullName: 'A' }, Colour: 'red' }],
        DataExt: { A: '1' },
      }),
    ).toEqual(['Lines.Colour', 'DataExt']);
  });

  it("finds values past QuickBooks' limits (per object, lines, ref FullNames) and fields the edition lacks", () => {
    expect(overLimit(entityDef('ItemService'), { Name: 'i'.repeat(32) })).toEqual({
      field: 'Name',
      value: 'i'.repeat(32),
    });
    expect(overLimit(entityDef('Customer'), { Name: 'i'.repeat(32) })).toBeNull();
    expect(overLimit(entityDef('Invoice'), { Lines: [{ ItemRef: { FullName: 'x'.repeat(210) } }] })?.field).toBe(
      'Lines.ItemRef.FullName',
    );
    expect(overLimit(entityDef('Bill'), { RefNumber: 'r'.repeat(21) })?.field).toBe('RefNumber');
    expect(
      countryProblems(entityDef('Invoice'), { ItemSalesTaxRef: { FullName: 'T' }, IsTaxIncluded: true }, 'UK'),
    ).toEqual([{ field: 'ItemSalesTaxRef', only: ['US'] }]);
    expect(
      countryProblems(entityDef('JournalEntry'), { JournalDebitLine: [{ ItemSalesTaxRef: 'T' }] }, 'CA').map(
        (p) => p.field,
      ),
    ).toEqual(['JournalDebitLine.ItemSalesTaxRef']);
  });
});

describe('qbXML responses', () => {
  const response = `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>
    <CustomerQueryRs requestID="2" statusCode="0" statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="3" iteratorID="{ABC}">
      <CustomerRet><ListID>80000001-1551813140</ListID><EditSequence>1551813140</EditSequence>
      <Name>D&#233;cor &amp; &lt;More&gt;</Name><FullName>D&#233;cor &amp; &lt;More&gt;</FullName>
      <AccountNumber>00123</AccountNumber></CustomerRet>
      <CustomerRet><ListID>80000002-1551813140</ListID><Name>Two</Name></CustomerRet>
    </CustomerQueryRs>
    <CustomerAddRs requestID="3" statusCode="3100" statusSeverity="Error"
      statusMessage="The name &quot;Acme Inc&quot; of the list element is already in use." />
    <InvoiceQueryRs requestID="4" statusCode="1" statusSeverity="Info" statusMessage="A query request did not find a matching object in QuickBooks" />
  </QBXMLMsgsRs></QBXML>`;

  it('reads every answer with its status, iterator and records, keeping ids and numbers as text', () => {
    const rs = parseResponseSet(response);
    expect(rs.map((r) => [r.name, r.requestID, r.statusCode, r.statusSeverity])).toEqual([
      ['CustomerQueryRs', '2', 0, 'Info'],
      ['CustomerAddRs', '3', 3100, 'Error'],
      ['InvoiceQueryRs', '4', 1, 'Info'],
    ]);
    expect(rs[0]).toMatchObject({ iteratorID: '{ABC}', iteratorRemainingCount: 3 });
    expect(rs[0].rets[0]).toMatchObject({
      Name: 'Décor & <More>',
      AccountNumber: '00123',
      EditSequence: '1551813140',
      '#kind': 'CustomerRet',
    });
    expect(rs[0].rets).toHaveLength(2);
    expect(rs[1].statusMessage).toBe('The name "Acme Inc" of the list element is already in use.');
    expect(rs[2].rets).toEqual([]);
  });

  it('refuses an answer that is not qbXML', () => {
    expect(() => parseResponseSet('<QBXML><QBXMLMsgsRs><CustomerAddRs')).toThrow(QbxmlParseError);
    expect(() => parseResponseSet('<html>hi</html>')).toThrow(/no QBXMLMsgsRs/);
  });

  it('negotiates the highest qbXML version both sides know from HostQuery', () => {
    const hcp = `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><HostQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK">
      <HostRet><ProductName>QuickBooks Pro 2012</ProductName><MajorVersion>22</MajorVersion><Country>CA</Country>
      <SupportedQBXMLVersion>1.0</SupportedQBXMLVersion>
      <SupportedQBXMLVersion>CA3.0</SupportedQBXMLVersion>
      <SupportedQBXMLVersion>11.0</SupportedQBXMLVersion>
      <SupportedQBXMLVersion>12.0</SupportedQBXMLVersion><QBFileMode>MultiUser</QBFileMode></HostRet>
      </HostQueryRs>
      <CompanyQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><CompanyRet>
      <CompanyName>Maple &amp; Co</CompanyName></CompanyRet></CompanyQueryRs></QBXMLMsgsRs></QBXML>`;
    const host = parseHcpResponse(hcp)!;
    expect(host).toMatchObject({
      country: 'CA',
      productName: 'QuickBooks Pro 2012',
      fileMode: 'MultiUser',
      companyName: 'Maple & Co',
    });
    expect(negotiateVersion(host.supportedVersions)).toBe('12.0');
    expect(negotiateVersion(['13.0', '14.0', '16.0'])).toBe('13.0');
    expect(negotiateVersion(['1.0', '2.1', '4.1'])).toBeNull();
    expect(parseHcpResponse('')).toBeNull();
  });
});
