// Golden test of "QuickBooks Online credit memos → Creatio Credit Memo": credit memos
// entered in QuickBooks become Credit Memo records keyed by their number, with the
// credit remaining and total QuickBooks computed; a number longer than Creatio's 11
// characters fails alone; a credit memo applied to an invoice (a zero-dollar payment linking both) is tied to the
// opportunity the invoice was made from; a renumbered credit memo updates its record (the link).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const FLOW = 'qbo-credit-memos-to-creatio-credit-memos';

interface CreditMemoRow {
  UsrName: string;
  UsrRefNumber: string;
  UsrCreditRemaining: number;
  UsrOpportunityId: string | null;
  UsrTotalAmount: number;
  UsrTransactionDate: string;
}

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online credit memos → Creatio Credit Memo" on ${db.name}`, () => {
    let g: Golden;
    let token: string;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbo_cm');
      token = await accessToken(g.weft.sandboxes!.qbo);
      // Invoices made from Creatio opportunities: the link a credit memo's invoice leads back through.
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      expect((await runTemplate(g.weft, 'creatio-opportunities-to-qbo-invoices')).status).toBe('completed-with-errors');
    });
    afterAll(() => g?.close());

    const qbo = () => g.weft.sandboxes!.qbo;
    // The invoices flows just spent much of the company's 500 requests a minute: a bookkeeper's entry made now may
    // be throttled (429), and is sent again a little later, as Intuit asks.
    const send = async (path: string, init: { body: unknown }) => {
      for (let tries = 0; ; tries++) {
        const answer = await call(qbo(), token, path, init);
        if (answer.status !== 429 || tries === 40) return answer;
        await new Promise((r) => setTimeout(r, 2_000));
      }
    };
    const rows = <T>(entity: string) =>
      qbo()
        .store.all(qbo().realmId, entity)
        .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as T & { Id: string; SyncToken: string });
    const memos = () =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "UsrName", "UsrRefNumber", "UsrCreditRemaining", "UsrOpportunityId", "UsrTotalAmount", ' +
            '"UsrTransactionDate" FROM "UsrCreditMemo"',
        )
        .all() as CreditMemoRow[];
    const credit = async (customer: { Id: string }, doc: string, qty: number, price: number, date: string) => {
      const item = rows<{ Type: string }>('Item').find((i) => i.Type === 'Service')!;
      const answer = await send('creditmemo?minorversion=75', {
        body: {
          CustomerRef: { value: customer.Id },
          DocNumber: doc,
          TxnDate: date,
          Line: [
            {
              DetailType: 'SalesItemLineDetail',
              Amount: qty * price,
              SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: qty, UnitPrice: price },
            },
          ],
        },
      });
      expect(answer.status, answer.text).toBe(200);
      return answer.json.CreditMemo as { Id: string; TotalAmt: number; RemainingCredit: number };
    };

    it(
      'records each credit memo with what remains of it; an applied one gets its opportunity',
      { timeout: 120_000 },
      async () => {
        const customers = rows<{ DisplayName: string; Job?: boolean }>('Customer').filter((c) => !c.Job);
        const made = [
          await credit(customers[0], 'CM-1001', 2, 37.5, '2026-02-03'),
          await credit(customers[1], 'CM-1002', 1, 120, '2026-02-04'),
        ];
        // 30 of a 50 credit memo applied to an invoice made from an opportunity, with a zero-dollar payment.
        const invoice = rows<{ DocNumber: string; CustomerRef: { value: string }; Balance: number }>('Invoice').find(
          (i) => i.DocNumber === 'OPP-000021',
        )!;
        const applied = await credit({ Id: invoice.CustomerRef.value }, 'CM-1005', 1, 50, '2026-02-06');
        const payment = await send('payment?minorversion=75', {
          body: {
            CustomerRef: invoice.CustomerRef,
            TotalAmt: 0,
            Line: [
              { Amount: 30, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] },
              { Amount: 30, LinkedTxn: [{ TxnId: applied.Id, TxnType: 'CreditMemo' }] },
            ],
          },
        });
        expect(payment.status, payment.text).toBe(200);
        await credit(customers[2], 'CM-10000003', 1, 5, '2026-02-05'); // 11 characters: Creatio takes it
        await credit(customers[2], 'CM-100000004', 1, 5, '2026-02-05'); // 12: refused
        const all = rows('CreditMemo');

        const s = await runTemplate(g.weft, FLOW);
        expect(s.status).toBe('completed-with-errors');
        expect(s.nodes.map((n) => n.id)).toEqual([
          'credit-memos',
          'opportunity',
          'applied-to',
          'invoice-opportunity',
          'bind-credit-memos',
          'map-credit-memo',
          'creatio-credit-memos',
        ]);
        expect(node(s, 'credit-memos')).toMatchObject({ in: all.length, out: all.length, failed: 0 });
        expect(node(s, 'map-credit-memo')).toMatchObject({ in: all.length, out: all.length - 1, failed: 1 });
        expect(await sinkCounts(g.weft, s.runId, 'creatio-credit-memos')).toMatchObject({
          created: all.length - 1,
          updated: 0,
          failed: 0,
        });
        const [refused] = await g.weft.services.runs.failures('default', s.runId, 'map-credit-memo', 5);
        expect(refused.failure).toMatchObject({
          field: 'UsrRefNumber',
          message: expect.stringContaining('UsrRefNumber may hold 11 characters'),
        });

        const byRef = new Map(memos().map((m) => [m.UsrRefNumber, m]));
        expect([...byRef.keys()].sort()).toEqual(
          rows<{ DocNumber: string }>('CreditMemo')
            .map((m) => m.DocNumber)
            .filter((d) => d.length <= 11)
            .sort(),
        );
        expect(byRef.get('CM-1001')).toMatchObject({
          UsrName: `Credit memo CM-1001 — ${customers[0].DisplayName}`,
          UsrTotalAmount: 75,
          UsrCreditRemaining: 75,
          UsrOpportunityId: null, // entered in QuickBooks: no opportunity made it
          UsrTransactionDate: expect.stringMatching(/^2026-02-03T00:00:00/),
        });
        expect(byRef.get('CM-1002')).toMatchObject({ UsrTotalAmount: 120, UsrCreditRemaining: 120 });
        expect(made.map((m) => m.RemainingCredit)).toEqual([75, 120]);
        const opportunity = g.weft
          .sandboxes!.creatio.db.prepare('SELECT "Id" FROM "Opportunity" WHERE "UsrInvoiceNumber" = ?')
          .get('OPP-000021') as { Id: string };
        expect(byRef.get('CM-1005')).toMatchObject({
          UsrTotalAmount: 50,
          UsrCreditRemaining: 20,
          UsrOpportunityId: opportunity.Id,
        });
      },
    );

    it('follows a renumbered credit memo to its record instead of making another', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'credit-memos').in).toBe(0);
      const target = rows<{ DocNumber: string }>('CreditMemo').find((m) => m.DocNumber === 'CM-1002')!;
      const answer = await send('creditmemo?minorversion=75', {
        body: { Id: target.Id, SyncToken: target.SyncToken, sparse: true, DocNumber: 'CM-1002-R' },
      });
      expect(answer.status, answer.text).toBe(200);
      const before = memos().length;
      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'credit-memos')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'creatio-credit-memos')).toMatchObject({
        created: 0,
        updated: 1,
        failed: 0,
      });
      expect(memos()).toHaveLength(before);
      expect(memos().map((m) => m.UsrRefNumber)).toContain('CM-1002-R');
      expect(memos().map((m) => m.UsrRefNumber)).not.toContain('CM-1002');
    });

    it('reads a credit memo again when more of its credit is applied, with what is left', async () => {
      const invoice = rows<{ DocNumber: string; CustomerRef: { value: string } }>('Invoice').find(
        (i) => i.DocNumber === 'OPP-000021',
      )!;
      const memo = rows<{ DocNumber: string }>('CreditMemo').find((m) => m.DocNumber === 'CM-1005')!;
      const payment = await send('payment?minorversion=75', {
        body: {
          CustomerRef: invoice.CustomerRef,
          TotalAmt: 0,
          Line: [
            {
              Amount: 5,
              LinkedTxn: [
                { TxnId: memo.Id, TxnType: 'CreditMemo' },
                { TxnId: invoice.Id, TxnType: 'Invoice' },
              ],
            },
          ],
        },
      });
      expect(payment.status, payment.text).toBe(200);
      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'credit-memos')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'creatio-credit-memos')).toMatchObject({ created: 0, updated: 1 });
      expect(memos().find((m) => m.UsrRefNumber === 'CM-1005')).toMatchObject({ UsrCreditRemaining: 15 });
    });
  });
}
