// Golden test of "QuickBooks Online payments → Creatio Transactions": after the
// accounts and invoices flows, customers pay invoices by check, by card with money
// left over, and by a method the Payment Type list lacks; each payment becomes one
// Transaction with its amounts, the opportunity (Client), the picklist rows of its
// method, "Payment" and "Approved"; a later run updates the same Transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINANCE_PICKLIST_ROWS } from '../sandbox/creatio/seed-finance';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { lookupRowId, opportunityIdByNumber } from './test-apgl';

const FLOW = 'qbo-payments-to-creatio-transactions';
const NODES = [
  'payments',
  'opportunity',
  'payment-type',
  'transaction-type',
  'status',
  'bind-transactions',
  'map-transaction',
  'transactions',
];

interface Transaction {
  UsrName: string;
  UsrAmount: number;
  UsrTransactionAmount: number;
  UsrClientId: string | null;
  UsrDateReceived: string;
  UsrAuthorization: string;
  UsrPaymentTypeId: string | null;
  UsrTransactionTypeId: string;
  UsrTransactionStatusId: string;
}
type Row = { Id: string; SyncToken: string; [k: string]: any };

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online payments → Creatio Transactions" on ${db.name}`, () => {
    let g: Golden;
    let token: string;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbo_txn');
      token = await accessToken(g.weft.sandboxes!.qbo);
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      expect((await runTemplate(g.weft, 'creatio-opportunities-to-qbo-invoices')).status).toBe('completed-with-errors');
    });
    afterAll(() => g?.close());

    const qbo = () => g.weft.sandboxes!.qbo;
    const creatio = () => g.weft.sandboxes!.creatio.db;
    const rows = (entity: string): Row[] =>
      qbo()
        .store.all(qbo().realmId, entity)
        .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }));
    const invoice = (doc: string) => rows('Invoice').find((i) => i.DocNumber === doc)!;
    const opportunityId = (doc: string) => opportunityIdByNumber(g, doc);
    const picklist = (object: string, name: string) => lookupRowId(g, object, name);
    const transactions = () =>
      creatio()
        .prepare(
          'SELECT "UsrName", "UsrAmount", "UsrTransactionAmount", "UsrClientId", "UsrDateReceived", ' +
            '"UsrAuthorization", "UsrPaymentTypeId", "UsrTransactionTypeId", "UsrTransactionStatusId" FROM "UsrTransaction"',
        )
        .all() as Transaction[];
    const pay = async (inv: Row, body: Record<string, unknown>, applied = inv.TotalAmt as number) => {
      const answer = await call(qbo(), token, 'payment?minorversion=75', {
        body: {
          CustomerRef: inv.CustomerRef,
          TxnDate: '2026-02-10',
          Line: [{ Amount: applied, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
          TotalAmt: applied,
          ...body,
        },
      });
      expect(answer.status, answer.text).toBe(200);
      return answer.json.Payment as Row;
    };

    it('records each payment as a Transaction with its amounts, Client and picklist rows', async () => {
      expect(FINANCE_PICKLIST_ROWS.UsrPaymentType).toContain('Check');
      const check = invoice('OPP-000021');
      const card = invoice('OPP-000031');
      const other = invoice('OPP-000041');
      const made = [
        await pay(check, { PaymentRefNum: '1001', PaymentMethodRef: { value: '2', name: 'Check' } }),
        // 40 more than the invoice: the rest stays unapplied, as credit.
        await pay(card, { TotalAmt: card.TotalAmt + 40, PaymentMethodRef: { value: '3', name: 'credit card' } }),
        await pay(other, { PaymentRefNum: 'BTC-7', PaymentMethodRef: { value: '9', name: 'Bitcoin' } }),
      ];
      const all = rows('Payment');

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(NODES);
      for (const id of NODES.slice(0, -1))
        expect(node(s, id), id).toMatchObject({ in: all.length, out: all.length, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'transactions')).toMatchObject({
        created: all.length,
        updated: 0,
        failed: 0,
      });

      const byName = new Map(transactions().map((t) => [t.UsrName.split(' — ')[0], t]));
      expect(byName.size).toBe(all.length);
      const payment = picklist('UsrTransactionType', 'Payment');
      const approved = picklist('UsrTransactionStatus', 'Approved');
      for (const t of byName.values()) {
        expect(t.UsrTransactionTypeId).toBe(payment);
        expect(t.UsrTransactionStatusId).toBe(approved);
      }
      expect(byName.get(`Payment ${made[0].Id}`)).toMatchObject({
        UsrAmount: check.TotalAmt,
        UsrTransactionAmount: check.TotalAmt,
        UsrClientId: opportunityId('OPP-000021'),
        UsrDateReceived: expect.stringMatching(/^2026-02-10T00:00:00/),
        UsrAuthorization: '1001',
        UsrPaymentTypeId: picklist('UsrPaymentType', 'Check'),
      });
      expect(byName.get(`Payment ${made[1].Id}`)).toMatchObject({
        UsrAmount: card.TotalAmt + 40,
        UsrTransactionAmount: card.TotalAmt,
        UsrClientId: opportunityId('OPP-000031'),
        UsrPaymentTypeId: picklist('UsrPaymentType', 'Credit Card'), // names compare ignoring case
      });
      // A method the Payment Type list lacks: the Transaction is kept, its Payment Type left empty.
      expect(byName.get(`Payment ${made[2].Id}`)).toMatchObject({ UsrAuthorization: 'BTC-7', UsrPaymentTypeId: null });
    });

    it('updates the same Transaction when its payment changes', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'payments').in).toBe(0);
      const target = rows('Payment').find((p) => p.PaymentRefNum === '1001')!;
      const answer = await call(qbo(), token, 'payment?minorversion=75', {
        body: { Id: target.Id, SyncToken: target.SyncToken, sparse: true, PaymentRefNum: '1001-B' },
      });
      expect(answer.status, answer.text).toBe(200);
      const before = transactions().length;
      const s = await runTemplate(g.weft, FLOW);
      expect(await sinkCounts(g.weft, s.runId, 'transactions')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(transactions()).toHaveLength(before);
      expect(transactions().find((t) => t.UsrName.startsWith(`Payment ${target.Id} `))!.UsrAuthorization).toBe(
        '1001-B',
      );
    });
  });
}
