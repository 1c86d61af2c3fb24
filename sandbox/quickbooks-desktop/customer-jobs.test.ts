// Jobs in the company file as QuickBooks Desktop keeps them (qbXML OSR, CustomerAdd/CustomerRet): a customer with a
// ParentRef is a job named Parent:Job, job names need only be unique under their parent, a ParentRef to nothing
// fails with 3140, an unknown JobStatus fails the request, and renaming a customer renames its jobs.
import { beforeEach, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { CompanyFile } from './company-file';
import { ParseFailure } from './qbxml-in';
import { processRequestSet, type Session } from './qbxml-engine';

let file: CompanyFile;
let session: Session;
const p = new XMLParser({ parseTagValue: false, ignoreAttributes: false, attributeNamePrefix: '' });
type Rs = { statusCode: string; statusMessage: string; CustomerRet?: Record<string, unknown> };
const ask = (rq: string): Rs => {
  const xml = `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError">${rq}</QBXMLMsgsRq></QBXML>`;
  const rs = (p.parse(processRequestSet(file, xml, session)) as { QBXML: { QBXMLMsgsRs: Record<string, Rs> } }).QBXML
    .QBXMLMsgsRs;
  return Object.values(rs)[0];
};
const add = (body: string) => ask(`<CustomerAddRq><CustomerAdd>${body}</CustomerAdd></CustomerAddRq>`);

beforeEach(() => {
  file = new CompanyFile();
  file.now = () => Date.UTC(2026, 1, 1, 12, 0, 0);
  session = { iterators: new Map() };
});

describe('QuickBooks Desktop jobs (sandbox)', () => {
  it('files a job under its customer as Parent:Job, with its status and dates', () => {
    const parent = add('<Name>Acme</Name>').CustomerRet!;
    const job = add(
      `<Name>Kitchen</Name><ParentRef><ListID>${String(parent.ListID)}</ListID></ParentRef>` +
        '<JobStatus>Awarded</JobStatus><JobStartDate>2026-02-01</JobStartDate>' +
        '<JobProjectedEndDate>2026-03-01</JobProjectedEndDate><JobDesc>New kitchen</JobDesc>',
    );
    expect(job.statusCode).toBe('0');
    expect(job.CustomerRet).toMatchObject({
      Name: 'Kitchen',
      FullName: 'Acme:Kitchen',
      ParentRef: { ListID: parent.ListID, FullName: 'Acme' },
      Sublevel: '1',
      JobStatus: 'Awarded',
      JobStartDate: '2026-02-01',
      JobProjectedEndDate: '2026-03-01',
      JobDesc: 'New kitchen',
    });
    // By FullName, two levels down, and the same job name under another customer.
    const deeper = add('<Name>Cabinets</Name><ParentRef><FullName>acme:kitchen</FullName></ParentRef>');
    expect(deeper.CustomerRet).toMatchObject({ FullName: 'Acme:Kitchen:Cabinets', Sublevel: '2' });
    add('<Name>Globex</Name>');
    expect(add('<Name>Kitchen</Name><ParentRef><FullName>Globex</FullName></ParentRef>').statusCode).toBe('0');
    expect(add('<Name>KITCHEN</Name><ParentRef><FullName>Acme</FullName></ParentRef>')).toMatchObject({
      statusCode: '3100',
      statusMessage: 'The name "Acme:KITCHEN" of the list element is already in use.',
    });
  });

  it('refuses a parent that does not exist (3140) and a JobStatus QuickBooks does not know', () => {
    expect(add('<Name>Kitchen</Name><ParentRef><FullName>Nobody</FullName></ParentRef>')).toMatchObject({
      statusCode: '3140',
      statusMessage: expect.stringContaining('invalid reference to QuickBooks Customer "Nobody"'),
    });
    expect(() => add('<Name>Acme</Name><JobStatus>Won</JobStatus>')).toThrow(ParseFailure);
  });

  it('renames the jobs of a renamed customer', () => {
    const parent = add('<Name>Acme</Name>').CustomerRet!;
    add('<Name>Kitchen</Name><ParentRef><FullName>Acme</FullName></ParentRef>');
    const mod = ask(
      `<CustomerModRq><CustomerMod><ListID>${String(parent.ListID)}</ListID>` +
        `<EditSequence>${String(parent.EditSequence)}</EditSequence><Name>Acme Corp</Name></CustomerMod></CustomerModRq>`,
    );
    expect(mod.statusCode).toBe('0');
    expect(file.customerByName('Acme Corp:Kitchen')).toBeDefined();
    expect(file.customerByName('Acme:Kitchen')).toBeUndefined();
  });
});
