// Golden test of "QuickBooks Online payments → Creatio Payment QB": the accounts and
// invoices flows put the opportunities' invoices into QuickBooks; customers pay some
// of them (a check number, a payment of two invoices, one of an invoice entered in
// QuickBooks alone); each payment becomes one Payment QB record tied to the
// opportunity whose invoice it pays. A later run reads only the changed payment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const FLOW = 'qbo-payments-to-creatio-payments';

interface PaymentQB {
  UsrName: string;
  UsrPaymentNumber: string;
  UsrRefNumber: string;
  UsrOpportunityId: string | null;
  UsrTotalAmount: number;
  UsrTransactionDate: string;
}
interface Invoice {
  Id: string;
  DocNumber: string;
  TotalAmt: number;
  CustomerRef: { value: string };
}

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online payments → Creatio Payment QB" on ${db.name}`, () => {
    let g: Golden;
    let token: string;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbo_pay');
      token = await accessToken(g.weft.sandboxes!.qbo);
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      expect((await runTemplate(g.weft, 'creatio-opportunities-to-qbo-invoices')).status).toBe('completed-with-errors');
    });
    afterAll(() => g?.close());

    const qbo = () => g.weft.sandboxes!.qbo;
    const rows = <T>(entity: string) =>
      qbo()
        .store.all(qbo().realmId, entity)
        .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as unknown as T & { SyncToken: string });
    const invoice = (doc: string) => rows<Invoice>('Invoice').find((i) => i.DocNumber === doc)!;
    const opportunityId = (doc: string) =>
      (
        g.weft
          .sandboxes!.creatio.db.prepare('SELECT "Id" FROM "Opportunity" WHERE "UsrInvoiceNumber" = ?')
          .get(doc) as {
          Id: string;
        }
      ).Id;
    const paymentsQB = () =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "UsrName", "UsrPaymentNumber", "UsrRefNumber", "UsrOpportunityId", "UsrTotalAmount", ' +
            '"UsrTransactionDate" FROM "UsrPaymentQB"',
        )
        .all() as PaymentQB[];
    const pay = async (body: Record<string, unknown>) => {
      const answer = await call(qbo(), token, 'payment?minorversion=75', { body });
      expect(answer.status, answer.text).toBe(200);
      return answer.json.Payment as { Id: string; SyncToken: string };
    };
    const line = (inv: Invoice, amount = inv.TotalAmt) => ({
      Amount: amount,
      LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }],
    });

    it('records each payment once, linked to the opportunity of the invoice it pays', async () => {
      const full = invoice('OPP-000021');
      const partial = invoice('OPP-000031');
      const [first, second] = [invoice('OPP-000041'), invoice('OPP-000051')];
      const made = [
        await pay({
          CustomerRef: full.CustomerRef,
          TotalAmt: full.TotalAmt,
          TxnDate: '2026-02-10',
          PaymentRefNum: 'CHK 1001',
          Line: [line(full)],
        }),
        await pay({
          CustomerRef: partial.CustomerRef,
          TotalAmt: 25.5,
          TxnDate: '2026-02-11',
          Line: [line(partial, 25.5)],
        }),
      ];
      // Two invoices of one customer paid at once only when they share the customer; else each alone.
      const both = first.CustomerRef.value === second.CustomerRef.value;
      made.push(
        await pay({
          CustomerRef: first.CustomerRef,
          TotalAmt: first.TotalAmt + (both ? second.TotalAmt : 0),
          TxnDate: '2026-02-12',
          PaymentRefNum: 'Wire & "ACH" <ref>',
          Line: both ? [line(first), line(second)] : [line(first)],
        }),
      );
      // A reference longer than Creatio's Ref Number (20): QuickBooks takes 21 characters.
      const tooLong = await pay({
        CustomerRef: partial.CustomerRef,
        TotalAmt: 1,
        TxnDate: '2026-02-13',
        PaymentRefNum: 'R'.repeat(21),
        Line: [line(partial, 1)],
      });
      const all = rows<{ Id: string }>('Payment');
      const seeded = all.length - made.length - 1; // the demo company's own payment(s), of invoices made in QuickBooks

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual([
        'payments',
        'opportunity',
        'bind-payments',
        'map-payment',
        'creatio-payments',
      ]);
      expect(node(s, 'payments')).toMatchObject({ in: all.length, out: all.length, failed: 0 });
      expect(node(s, 'opportunity')).toMatchObject({ in: all.length, out: all.length, failed: 0 });
      expect(node(s, 'map-payment')).toMatchObject({ in: all.length, out: all.length - 1, failed: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'creatio-payments')).toMatchObject({
        created: all.length - 1,
        updated: 0,
        failed: 0,
      });
      const [refused] = await g.weft.services.runs.failures('default', s.runId, 'map-payment', 5);
      expect(refused.failure).toMatchObject({
        field: 'UsrRefNumber',
        message: expect.stringContaining('UsrRefNumber may hold 20 characters'),
      });

      const byNumber = new Map(paymentsQB().map((p) => [p.UsrPaymentNumber, p]));
      expect(byNumber.size).toBe(all.length - 1);
      expect(byNumber.has(tooLong.Id)).toBe(false);
      expect(byNumber.get(made[0].Id)).toMatchObject({
        UsrRefNumber: 'CHK 1001',
        UsrOpportunityId: opportunityId('OPP-000021'),
        UsrTotalAmount: full.TotalAmt,
        UsrTransactionDate: expect.stringMatching(/^2026-02-10T00:00:00/),
      });
      expect(byNumber.get(made[0].Id)!.UsrName).toMatch(new RegExp(`^Payment ${made[0].Id} — .+`));
      expect(byNumber.get(made[1].Id)).toMatchObject({
        UsrRefNumber: '', // Creatio keeps an empty text, never null
        UsrOpportunityId: opportunityId('OPP-000031'),
        UsrTotalAmount: 25.5,
      });
      expect(byNumber.get(made[2].Id)).toMatchObject({
        UsrRefNumber: 'Wire & "ACH" <ref>',
        UsrOpportunityId: opportunityId('OPP-000041'), // the first invoice it pays
      });
      // The demo company's payment pays an invoice entered in QuickBooks: kept, without an opportunity.
      const others = [...byNumber.values()].filter((p) => !made.some((m) => m.Id === p.UsrPaymentNumber));
      expect(others).toHaveLength(seeded);
      for (const p of others) expect(p.UsrOpportunityId).toBeNull();
    });

    it('reads only the payment changed since the last run and updates its record', async () => {
      const again = await runTemplate(g.weft, FLOW);
      expect(node(again, 'payments').in).toBe(0);
      const target = rows<{ Id: string; SyncToken: string; PaymentRefNum?: string }>('Payment').find(
        (p) => p.PaymentRefNum === 'CHK 1001',
      )!;
      const answer = await call(qbo(), token, 'payment?minorversion=75', {
        body: { Id: target.Id, SyncToken: target.SyncToken, sparse: true, PaymentRefNum: 'CHK 1001-B' },
      });
      expect(answer.status, answer.text).toBe(200);
      const before = paymentsQB().length;
      const third = await runTemplate(g.weft, FLOW);
      expect(node(third, 'payments')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, third.runId, 'creatio-payments')).toMatchObject({
        created: 0,
        updated: 1,
        failed: 0,
      });
      expect(paymentsQB()).toHaveLength(before);
      expect(paymentsQB().find((p) => p.UsrPaymentNumber === target.Id)).toMatchObject({
        UsrRefNumber: 'CHK 1001-B',
        UsrOpportunityId: opportunityId('OPP-000021'),
      });
    });
  });
}
