// Golden test of "Creatio opportunities → QuickBooks Online invoices, sales receipts or estimates by type" (seed
// §5.2 "QB Multiple Transaction Supported"): the whole Weft runs the accounts flow, then this one, against both
// sandboxes; its router sends each opportunity to the branch its field UsrQBTxnType names, and the company must
// hold exactly one transaction of that kind per opportunity — an empty or unknown type makes an invoice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUPLICATE_INDEX } from '../sandbox/demo-data';
import { PRODUCTS, opportunityLines } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { qboRows } from './test-options';

const ACCOUNTS = 300;
const FLOW = 'creatio-opportunities-to-qbo-sales-forms-by-type';
const docNumber = (i: number) => `OPP-${String(i).padStart(6, '0')}`;
/** What the salesperson picked on a few opportunities (the others leave the field empty). */
const PICKED: Record<number, string> = {
  21: 'Invoice',
  31: 'Sales Receipt',
  41: ' estimate ',
  51: 'Bill',
  61: 'Estimate',
};

type Form = { DocNumber: string; TotalAmt: number; Line: { DetailType: string }[] };

for (const db of testDatabases()) {
  describe(`template "${FLOW}" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_by_type');
    });
    afterAll(() => g?.close());

    const longProduct = PRODUCTS.findIndex((p) => p.Name.length > 100);
    const opps = Array.from({ length: ACCOUNTS }, (_, i) => i).filter((i) => i % 10 === 1);
    const unbound = opps.filter((i) => i === DUPLICATE_INDEX + 1 || i === DUPLICATE_INDEX);
    const longName = opps.filter(
      (i) => !unbound.includes(i) && opportunityLines(i).some((l) => l.product === longProduct),
    );
    const good = opps.filter((i) => !unbound.includes(i) && !longName.includes(i));
    const receipts = [31];
    const estimates = [41, 61];
    const invoices = good.filter((i) => !receipts.includes(i) && !estimates.includes(i));
    const numbers = (entity: string) =>
      qboRows<Form>(g.weft, entity)
        .map((f) => f.DocNumber)
        .filter((n) => n.startsWith('OPP-'))
        .sort();

    it('makes each opportunity the transaction its type names; empty or unknown types become invoices', async () => {
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      const creatio = await creatioSession(g.weft);
      for (const [i, type] of Object.entries(PICKED)) {
        const filter = encodeURIComponent(`UsrInvoiceNumber eq '${docNumber(Number(i))}'`);
        const [opp] = await creatio.get<{ Id: string }>(`Opportunity?$filter=${filter}&$select=Id`);
        expect(await creatio.patch(`Opportunity(${opp.Id})`, { UsrQBTxnType: type })).toBe(204);
      }
      expect(good).toEqual(expect.arrayContaining([21, 31, 41, 51, 61]));

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(node(s, 'items')).toMatchObject({ out: good.length, failed: longName.length });
      expect(node(s, 'by-type')).toMatchObject({ in: good.length, out: good.length, failed: 0 });
      expect(node(s, 'map-invoice')).toMatchObject({ in: invoices.length, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'invoices')).toMatchObject({ created: invoices.length, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'sales-receipts')).toMatchObject({ created: 1, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'estimates')).toMatchObject({ created: 2, failed: 0 });

      expect(numbers('Invoice')).toEqual(invoices.map(docNumber).sort());
      expect(numbers('SalesReceipt')).toEqual(receipts.map(docNumber));
      expect(numbers('Estimate')).toEqual(estimates.map(docNumber));
      // Each carries its opportunity's lines and total, whichever kind it is.
      for (const [entity, i] of [
        ['SalesReceipt', 31],
        ['Estimate', 41],
        ['Invoice', 51],
      ] as const) {
        const f = qboRows<Form>(g.weft, entity).find((x) => x.DocNumber === docNumber(i))!;
        const want = opportunityLines(i);
        expect(f.Line.filter((l) => l.DetailType === 'SalesItemLineDetail')).toHaveLength(want.length);
        expect(f.TotalAmt).toBe(Math.round(want.reduce((t, l) => t + l.amount, 0) * 100) / 100);
      }
    });

    it('reruns update each transaction in place, on its own branch', async () => {
      await g.weft.services.runs.setWatermark('default', `template-${FLOW}`, 'opportunities', null);
      const again = await runTemplate(g.weft, FLOW);
      expect(await sinkCounts(g.weft, again.runId, 'invoices')).toMatchObject({ created: 0, updated: invoices.length });
      expect(await sinkCounts(g.weft, again.runId, 'sales-receipts')).toMatchObject({ created: 0, updated: 1 });
      expect(await sinkCounts(g.weft, again.runId, 'estimates')).toMatchObject({ created: 0, updated: 2 });
      expect(numbers('Invoice')).toHaveLength(invoices.length);
    });
  });
}
