// Preflight against the simulator's $metadata, and against sites that lack or misshape fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startCreatioSandbox, type CreatioSandbox } from '../../sandbox/creatio/index';
import { CreatioClient } from './creatio-client';
import type { CreatioEntity } from './creatio-metadata';
import { checkRequirements, creatioRequirements, preflightFlow, type FlowShape } from './creatio-preflight';

// Templates name the kind of system ("@creatio"); here their slot is the demo site's connection.
const template = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../templates/${name}.json`, import.meta.url), 'utf8').replaceAll(
      '"@creatio"',
      '"creatio-sandbox"',
    ),
  ) as FlowShape;

let sb: CreatioSandbox;
let meta: CreatioEntity[];
beforeAll(async () => {
  sb = await startCreatioSandbox({ seed: { accounts: 1 } });
  meta = await new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password }).metadata();
});
afterAll(() => sb.close());

describe('Creatio preflight', () => {
  it('finds everything the shipped flows need on the demo site', async () => {
    for (const name of [
      'creatio-accounts-to-qbo-customers',
      'creatio-opportunities-to-qbo-invoices',
      'creatio-contacts-to-qbo-customers',
      'qbo-customers-to-creatio-accounts',
      'qbo-payments-to-creatio-payments',
      'qbd-credit-memos-to-creatio-credit-memos',
      'qbo-aging-to-creatio-accounts',
    ]) {
      const report = await preflightFlow(template(name), async () => meta);
      expect(report.problems, name).toEqual([]);
    }
    const renamed = template('creatio-contacts-to-qbo-customers');
    renamed.nodes[0].config.entity = 'Contacts';
    expect((await preflightFlow(renamed, async () => meta)).problems).toEqual([
      {
        connection: 'creatio-sandbox',
        entity: 'Contacts',
        kind: 'missing-object',
        expected: 'object',
        message: 'Creatio has no object Contacts (used by contacts).',
        action:
          'Check the object name on contacts (as Creatio spells it, e.g. Account or Opportunity), or ' +
          'publish the object in Creatio, then run the preflight again.',
      },
    ]);
    const needs = creatioRequirements(template('creatio-opportunities-to-qbo-invoices')).map(
      (r) => `${r.entity}.${r.field}`,
    );
    // The line id it reads with the expanded products is a field of the product line, not of the opportunity.
    expect(needs).toEqual([
      'Opportunity.UsrQBLastModified',
      'OpportunityProduct.UsrQBLineId',
      'Opportunity.UsrInvoiceNumber',
    ]);
    const accounts = creatioRequirements(template('creatio-accounts-to-qbo-customers'));
    expect(accounts.find((r) => r.field === 'UsrActive')!.usedBy).toEqual(['accounts', 'active']);
  });

  it("reports the aging fields and custom objects a site lacks, with the seed's type and length", async () => {
    // The demo site has them (the finance templates write them): a site before its administrator created them.
    const before = meta
      .filter((e) => !/^Usr(PaymentQB|CreditMemo|Transaction)$/.test(e.name))
      .map((e) => ({ ...e, fields: e.fields.filter((f) => !/^Usr(CurrBal|AccRecv)/.test(f.name)) }));
    const report = await preflightFlow(template('creatio-accounts-to-qbo-customers'), async () => before, {
      aging: true,
      payments: true,
    });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.kind, p.entity, p.field ?? null, p.expected])).toEqual([
      ['missing-field', 'Account', 'UsrCurrBalPymts', 'Currency(9,2)'],
      ['missing-field', 'Account', 'UsrAccRecvOver30', 'Currency(9,2)'],
      ['missing-field', 'Account', 'UsrAccRecvOver60', 'Currency(9,2)'],
      ['missing-field', 'Account', 'UsrAccRecvOver90', 'Currency(9,2)'],
      ['missing-object', 'UsrPaymentQB', null, 'custom object "Payment QB"'],
      ['missing-object', 'UsrCreditMemo', null, 'custom object "Credit Memo"'],
    ]);
    expect(report.problems[0]).toMatchObject({
      message: 'Account has no field UsrCurrBalPymts ("Curr Bal Pymts", Currency(9,2)); seed §3.1, 30/60/90-day aging.',
      action:
        'In Creatio, add a Currency(9,2) field titled "Curr Bal Pymts" with the code UsrCurrBalPymts to Account and publish it, then run the preflight again.',
    });
    expect(report.problems[4].action).toContain('UsrPaymentNumber "Payment Number (external ID, unique)" Text(13)');
  });

  it('tells a site without the Payment QB object to create it, with the fields the payments flow writes', async () => {
    const before = meta.filter((e) => e.name !== 'UsrPaymentQB');
    const report = await preflightFlow(template('qbo-payments-to-creatio-payments'), async () => before);
    expect(report.problems.map((p) => [p.kind, p.entity, p.expected])).toEqual([
      ['missing-object', 'UsrPaymentQB', 'custom object "Payment QB"'],
    ]);
    expect(report.problems[0].action).toBe(
      'In Creatio, create the object UsrPaymentQB with the fields UsrPaymentNumber "Payment Number (external ID, ' +
        'unique)" Text(13), UsrRefNumber "Ref Number" Text(20), UsrOpportunity "Opportunity (lookup)" Lookup, ' +
        'UsrTotalAmount "Total Amount" Currency(15,2), UsrTransactionDate "Transaction Date" Date, ' +
        'UsrName "Name" Text(250), publish it, then run the preflight again.',
    );
    // A Ref Number shorter than the seed's 20 characters is named with both lengths.
    const short = meta.map((e) =>
      e.name === 'UsrPaymentQB'
        ? { ...e, fields: e.fields.map((f) => (f.name === 'UsrRefNumber' ? { ...f, maxLength: 10 } : f)) }
        : e,
    );
    const shortReport = await preflightFlow(template('qbo-payments-to-creatio-payments'), async () => short);
    expect(shortReport.problems.map((p) => [p.kind, p.field, p.expected, p.found])).toEqual([
      ['too-short', 'UsrRefNumber', 'Text(20)', 'Edm.String(10)'],
    ]);
  });

  it('names the picklist a Transactions flow looks rows up in when the site lacks it', async () => {
    const flow = template('qbo-payments-to-creatio-transactions');
    expect((await preflightFlow(flow, async () => meta)).problems).toEqual([]);
    const before = meta.filter((e) => e.name !== 'UsrPaymentType');
    const report = await preflightFlow(flow, async () => before);
    expect(report.problems.map((p) => [p.kind, p.entity, p.message])).toEqual([
      ['missing-object', 'UsrPaymentType', 'Creatio has no object UsrPaymentType (used by payment-type).'],
    ]);
  });

  it('says when a field exists but is too short, of the wrong type, or missing on a bare site', () => {
    const reqs = creatioRequirements(template('qbo-customers-to-creatio-accounts'));
    const account = meta.find((e) => e.name === 'Account')!;
    const shrunk: CreatioEntity = {
      ...account,
      fields: account.fields.map((f) =>
        f.name === 'UsrQBFullName'
          ? { ...f, maxLength: 50 }
          : f.name === 'UsrQBLastModified'
            ? { ...f, type: 'Edm.String' }
            : f,
      ),
    };
    const report = checkRequirements(reqs, new Map([['creatio-sandbox', [shrunk]]]));
    expect(report.problems.map((p) => [p.kind, p.field, p.expected, p.found])).toEqual([
      ['too-short', 'UsrQBFullName', 'Text(210)', 'Edm.String(50)'],
      ['wrong-type', 'UsrQBLastModified', 'Date/Time', 'Edm.String'],
    ]);
    expect(report.problems[0].message).toBe(
      'Account.UsrQBFullName ("QB Full Name") is Edm.String(50), but the integration needs ' +
        'Text(210) (used by bind-accounts, map-account); seed §3.1 Table 1 (mandatory): binds the ' +
        'account to its QuickBooks customer or vendor.',
    );
    const bare: CreatioEntity = { ...account, fields: account.fields.filter((f) => !f.name.startsWith('Usr')) };
    const missing = checkRequirements(reqs, new Map([['creatio-sandbox', [bare]]])).problems;
    expect(missing.map((p) => `${p.field} ${p.expected}`)).toEqual([
      'UsrQBFullName Text(210)',
      'UsrQBLastModified Date/Time',
      'UsrActive Lookup',
    ]);
    expect(missing[2].action).toBe(
      'In Creatio, add a Lookup field titled "Active (picklist Yes/No, API name Active__c)" with ' +
        'the code UsrActiveId to Account and publish it, then run the preflight again.',
    );
  });

  it('knows the accounting objects: all there on the demo site, and said whole when a site lacks one', async () => {
    const ledger = [
      'qbo-accounts-to-creatio-gl-accounts',
      'qbd-deposits-to-creatio-deposits',
      'qbo-journal-entries-to-creatio',
      'qbd-vendor-credits-to-creatio',
      'qbo-time-activities-to-creatio',
    ];
    for (const name of ledger)
      expect((await preflightFlow(template(name), async () => meta)).problems, name).toEqual([]);

    const lacking = meta.filter((e) => e.name !== 'UsrQBJournalLine');
    const report = await preflightFlow(template('qbo-journal-entries-to-creatio'), async () => lacking);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({
      entity: 'UsrQBJournalLine',
      kind: 'missing-object',
      expected: 'custom object "QB Journal Line"',
      message:
        'Creatio has no object UsrQBJournalLine ("QB Journal Line") (used by write-lines); ' +
        'seed §1, the accounting records QuickBooks keeps.',
    });
    expect(report.problems[0].action).toMatch(/^In Creatio, create the object UsrQBJournalLine with the fields /);
    expect(report.problems[0].action).toContain(
      'UsrJournalEntry "Journal Entry (lookup to QB Journal Entry)" Lookup, UsrQBLineId "QuickBooks Line Id" ' +
        'Text(50), UsrPostingType "Debit or Credit" Text(50), UsrDebit "Debit" Currency(15,2)',
    );

    // The object is there but a field the template writes is not: that field is named, with its type.
    const gl = meta.find((e) => e.name === 'UsrQBGLAccount')!;
    const partial = meta.map((e) =>
      e === gl ? { ...gl, fields: gl.fields.filter((f) => f.name !== 'UsrBalance') } : e,
    );
    const missing = await preflightFlow(template('qbd-accounts-to-creatio-gl-accounts'), async () => partial);
    expect(missing.problems.map((p) => [p.kind, p.entity, p.field, p.expected])).toEqual([
      ['missing-field', 'UsrQBGLAccount', 'UsrBalance', 'Currency(15,2)'],
    ]);
    expect(missing.problems[0].action).toBe(
      'In Creatio, add a Currency(15,2) field titled "Balance" with the code UsrBalance to UsrQBGLAccount ' +
        'and publish it, then run the preflight again.',
    );
  });
});
