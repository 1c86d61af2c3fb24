// Issue 15: on the first `weft start` the credit memo templates show something: the demo companies hold three
// credit memos each, the first with 20 of its 40 applied to an open invoice, and once the invoices flows have
// linked invoices to opportunities, that credit memo's Creatio record names the invoice's opportunity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { creatioRows } from './test-apgl';

for (const db of testDatabases()) {
  describe(`demo credit memos (weft start) on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_demo_cm', { demoCredits: true });
    });
    afterAll(() => g?.close());

    const memos = () =>
      creatioRows(g, 'UsrCreditMemo', ['UsrRefNumber', 'UsrCreditRemaining', 'UsrTotalAmount', 'UsrOpportunityId']);
    const opportunities = () => new Set(creatioRows(g, 'Opportunity', ['Id']).map((o) => o.Id));

    it('QuickBooks Desktop: three credit memos, the applied one tied to its invoice’s opportunity', async () => {
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
      // The invoices flow writes each line as an opportunity product: the items are bound to products first.
      expect((await runTemplate(g.weft, 'qbd-items-to-creatio-products')).status).not.toBe('failed');
      expect((await runTemplate(g.weft, 'qbd-invoices-to-creatio-opportunities')).status).toBe('succeeded');
      const s = await runTemplate(g.weft, 'qbd-credit-memos-to-creatio-credit-memos');
      expect(s.status).toBe('succeeded');
      expect(await sinkCounts(g.weft, s.runId, 'creatio-credit-memos')).toMatchObject({ created: 3, failed: 0 });
      const byRef = new Map(memos().map((m) => [m.UsrRefNumber, m]));
      expect(byRef.get('CM-9001')).toMatchObject({ UsrTotalAmount: 40, UsrCreditRemaining: 20 });
      expect(opportunities().has(byRef.get('CM-9001')!.UsrOpportunityId)).toBe(true);
      expect(byRef.get('CM-9002')).toMatchObject({ UsrCreditRemaining: 25, UsrOpportunityId: null });
    });

    it('QuickBooks Online: three credit memos, the applied one with 20 of its credit left', async () => {
      const s = await runTemplate(g.weft, 'qbo-credit-memos-to-creatio-credit-memos');
      expect(await sinkCounts(g.weft, s.runId, 'creatio-credit-memos')).toMatchObject({ created: 3, failed: 0 });
      const byRef = new Map(memos().map((m) => [m.UsrRefNumber, m]));
      expect(byRef.get('CM-9101')).toMatchObject({ UsrTotalAmount: 40, UsrCreditRemaining: 20 });
      expect(byRef.get('CM-9102')).toMatchObject({ UsrTotalAmount: 25, UsrCreditRemaining: 25 });
    });
  });
}
