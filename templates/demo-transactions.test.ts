// Issue 15: on the first `weft start` the QuickBooks → Creatio transaction and jobs templates carry something: the
// demo companies hold two estimates, sales receipts, purchase orders, bills and jobs each, and Desktop two sales
// orders (demo/demo-transactions.ts). Once the customers, vendors and items flows have linked their accounts and
// products, each template makes two opportunities, none failing, each form's lines its products.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { creatioRows } from './test-apgl';
import { DEMO_JOBS } from '../demo/demo-transactions';

/** Each template (without its qbo-/qbd- prefix), its opportunity sink, and the numbers of the forms it reads. */
const FORMS: [template: string, sink: string, prefix: string][] = [
  ['estimates-to-creatio-opportunities', 'opportunities', 'EST'],
  ['sales-receipts-to-creatio-opportunities', 'opportunities', 'SR'],
  ['purchase-orders-to-creatio-opportunities', 'write', 'PO'],
  ['bills-to-creatio-opportunities', 'write', 'BILL'],
];

for (const db of testDatabases()) {
  describe(`demo sales and purchase forms and jobs (weft start) on ${db.name}`, { timeout: 300_000 }, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_demo_txn', { demoCredits: true });
    });
    afterAll(() => g?.close());

    /** Runs a template of the demo and answers what its opportunity sink wrote. */
    const carried = async (template: string, sink: string) => {
      const s = await runTemplate(g.weft, template);
      const failed = s.nodes.filter((n) => n.failed);
      const why = await Promise.all(failed.map((n) => g.weft.services.runs.failures('default', s.runId, n.id, 3)));
      expect(
        why.flat().map((f) => `${f.nodeId}: ${f.failure.message}`),
        template,
      ).toEqual([]);
      expect(s.status, template).toBe('succeeded');
      return sinkCounts(g.weft, s.runId, sink);
    };
    /** The opportunities numbered `prefix`-9<digit>01 and -02, with how many products of a product each has. */
    const opportunities = (prefix: string, digit: string) => {
      const products = creatioRows(g, 'OpportunityProduct', ['OpportunityId', 'ProductId']);
      return creatioRows(g, 'Opportunity', ['Id', 'UsrInvoiceNumber'])
        .filter((o) => String(o.UsrInvoiceNumber).startsWith(`${prefix}-9${digit}`))
        .map((o) => ({
          number: o.UsrInvoiceNumber,
          products: products.filter((p) => p.OpportunityId === o.Id && p.ProductId).length,
        }))
        .sort((a, b) => String(a.number).localeCompare(String(b.number)));
    };

    for (const [system, kind, digit] of [
      ['QuickBooks Online', 'qbo', '1'],
      ['QuickBooks Desktop', 'qbd', '0'],
    ] as const)
      it(`${system}: two of each form and two jobs, all written as opportunities`, async () => {
        // The links the templates need: customers and vendors to accounts, items to products.
        // (Desktop purchases find their items by the products → items flow's links, as their cards say.)
        const first = ['customers-to-creatio-accounts', 'vendors-to-creatio-accounts', 'items-to-creatio-products'];
        const more = kind === 'qbd' ? ['creatio-products-to-qbd-items'] : [];
        for (const t of [...first.map((f) => `${kind}-${f}`), ...more])
          expect((await runTemplate(g.weft, t)).status, t).not.toBe('failed');
        const forms =
          kind === 'qbd' ? [...FORMS, ['sales-orders-to-creatio-opportunities', 'opportunities', 'SO']] : FORMS;
        for (const [template, sink, prefix] of forms) {
          expect(await carried(`${kind}-${template}`, sink), template).toMatchObject({ created: 2, failed: 0 });
          const made = opportunities(prefix, digit);
          expect(made.map((o) => o.number)).toEqual([`${prefix}-9${digit}01`, `${prefix}-9${digit}02`]);
          for (const o of made) expect(o.products, String(o.number)).toBeGreaterThan(0);
        }
        expect(await carried(`${kind}-jobs-to-creatio-opportunities`, 'opportunities')).toMatchObject({
          created: 2,
          failed: 0,
        });
        const titles = creatioRows(g, 'Opportunity', ['Title']).map((o) => o.Title);
        expect(titles).toEqual(expect.arrayContaining(DEMO_JOBS[kind].map((j) => j.name)));
      });
  });
}
