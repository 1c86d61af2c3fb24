// Issue 15: on the first `weft start` the accounting templates carry something: the demo companies hold two
// deposits, journal entries, vendor credits, time entries and checks each (demo/demo-accounting.ts), and once the
// vendors and customers flows have linked their accounts, each template writes them all, none failing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { creatioRows } from './test-apgl';

/** Each accounting template, the Creatio object it writes and a column holding the entry's number, if it has one. */
const KINDS: [template: string, object: string, number?: string][] = [
  ['deposits-to-creatio-deposits', 'UsrQBDeposit'],
  ['journal-entries-to-creatio', 'UsrQBJournalEntry', 'UsrRefNumber'],
  ['vendor-credits-to-creatio', 'UsrQBVendorCredit', 'UsrRefNumber'],
  ['checks-to-creatio-opportunities', 'Opportunity', 'UsrInvoiceNumber'],
];

for (const db of testDatabases()) {
  describe(`demo accounting entries (weft start) on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_demo_acct', { demoCredits: true });
    });
    afterAll(() => g?.close());

    /** Runs a template of the demo and answers what its sink wrote. */
    const carried = async (template: string) => {
      const s = await runTemplate(g.weft, template);
      expect(s.status, template).toBe('succeeded');
      return sinkCounts(g.weft, s.runId, 'write');
    };
    const numbers = (object: string, column: string, prefix: string) =>
      creatioRows(g, object, [column])
        .map((r) => String(r[column]))
        .filter((n) => n.startsWith(prefix))
        .sort();

    for (const [system, kind, time, digit] of [
      ['QuickBooks Online', 'qbo', 'qbo-time-activities-to-creatio', '1'],
      ['QuickBooks Desktop', 'qbd', 'qbd-time-tracking-to-creatio', '0'],
    ] as const)
      it(`${system}: two deposits, journal entries, vendor credits, time entries and checks, all written`, async () => {
        // The links the templates need: vendors to supplier accounts, customers to accounts.
        expect((await runTemplate(g.weft, `${kind}-vendors-to-creatio-accounts`)).status).not.toBe('failed');
        expect((await runTemplate(g.weft, `${kind}-customers-to-creatio-accounts`)).status).not.toBe('failed');
        for (const [template] of KINDS)
          expect(await carried(`${kind}-${template}`), template).toMatchObject({ created: 2, failed: 0 });
        expect(await carried(time)).toMatchObject({ created: 2, failed: 0 });
        expect(numbers('UsrQBJournalEntry', 'UsrRefNumber', `JE-9${digit}`)).toEqual([
          `JE-9${digit}01`,
          `JE-9${digit}02`,
        ]);
        expect(numbers('UsrQBVendorCredit', 'UsrRefNumber', `VC-9${digit}`)).toEqual([
          `VC-9${digit}01`,
          `VC-9${digit}02`,
        ]);
        const checks = creatioRows(g, 'Opportunity', ['UsrInvoiceNumber', 'UsrVendorId', 'Amount']).filter((o) =>
          String(o.UsrInvoiceNumber).startsWith(`CHK-9${digit}`),
        );
        expect(checks.map((c) => c.Amount).sort()).toEqual([120, 64.5]);
        // Each check names its vendor's supplier account.
        expect(checks.every((c) => c.UsrVendorId)).toBe(true);
      });
  });
}
