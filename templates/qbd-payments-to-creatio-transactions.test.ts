// Golden test of "QuickBooks Desktop payments → Creatio Transactions": after the
// accounts and invoices flows, the bookkeeper receives payments in the company file
// (a check, a card payment with money left over, cash on an invoice no flow linked);
// read through the Web Connector, each becomes one Transaction with its amounts, the
// opportunity (Client) and the picklist rows of its method, "Payment" and "Approved".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceRow } from '../sandbox/quickbooks-desktop/company-file-rows';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { appliedTo, customerRef, el, invoiceTotal, qbdSave } from './test-qbd-finance';
import { lookupRowId, opportunityIdByNumber } from './test-apgl';

const FLOW = 'qbd-payments-to-creatio-transactions';

interface Transaction {
  UsrName: string;
  UsrAmount: number;
  UsrTransactionAmount: number;
  UsrClientId: string | null;
  UsrAuthorization: string;
  UsrPaymentTypeId: string | null;
  UsrTransactionTypeId: string;
  UsrTransactionStatusId: string;
}

const total = invoiceTotal;

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop payments → Creatio Transactions" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_txn');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
      // The invoices flow writes each line as an opportunity product: the items are bound to products first.
      expect((await runTemplate(g.weft, 'qbd-items-to-creatio-products')).status).not.toBe('failed');
      expect((await runTemplate(g.weft, 'qbd-invoices-to-creatio-opportunities')).status).toBe('succeeded');
    });
    afterAll(() => g?.close());

    const file = () => g.weft.sandboxes!.qbd.file;
    const creatio = () => g.weft.sandboxes!.creatio.db;
    const opportunityOf = (i: InvoiceRow) => opportunityIdByNumber(g, i.refNumber);
    const picklist = (object: string, name: string) => lookupRowId(g, object, name);
    const transactions = () =>
      creatio()
        .prepare(
          'SELECT "UsrName", "UsrAmount", "UsrTransactionAmount", "UsrClientId", "UsrAuthorization", ' +
            '"UsrPaymentTypeId", "UsrTransactionTypeId", "UsrTransactionStatusId" FROM "UsrTransaction"',
        )
        .all() as Transaction[];
    const receive = (inv: InvoiceRow, amount: number, ref: string, method: string) =>
      qbdSave(
        file(),
        'ReceivePayment',
        customerRef(inv.customerListId) +
          el('TxnDate', '2026-02-12') +
          (ref ? el('RefNumber', ref) : '') +
          el('TotalAmount', amount.toFixed(2)) +
          `<PaymentMethodRef>${el('FullName', method)}</PaymentMethodRef>` +
          appliedTo(inv),
      );

    it('records each payment as a Transaction with its amounts, Client and picklist rows', async () => {
      const [check, card] = file()
        .invoices({})
        .filter((i) => !i.isPaid);
      const unlinked = file().addInvoice({
        customerListId: check.customerListId,
        refNumber: 'Q-88',
        txnDate: '2026-02-01',
        dueDate: '2026-03-01',
        memo: '',
        isPaid: false,
        lines: [{ item: 'Shipping', desc: 'Courier', quantity: 1, rate: 25 }],
      });
      const made = [
        receive(check, total(check), 'CHK 3001', 'Check'),
        receive(card, total(card) + 40, '', 'Credit Card'),
        receive(unlinked, 25, 'CASH', 'Cash'),
      ];

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      for (const n of s.nodes.slice(0, -1)) expect(n, n.id).toMatchObject({ in: 3, out: 3, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'transactions')).toMatchObject({ created: 3, updated: 0, failed: 0 });

      const of = (k: number) => transactions().find((t) => t.UsrName.startsWith(`Payment ${made[k].TxnNumber} — `))!;
      for (const k of [0, 1, 2])
        expect(of(k)).toMatchObject({
          UsrTransactionTypeId: picklist('UsrTransactionType', 'Payment'),
          UsrTransactionStatusId: picklist('UsrTransactionStatus', 'Approved'),
        });
      expect(of(0)).toMatchObject({
        UsrAmount: total(check),
        UsrTransactionAmount: total(check),
        UsrClientId: opportunityOf(check),
        UsrAuthorization: 'CHK 3001',
        UsrPaymentTypeId: picklist('UsrPaymentType', 'Check'),
      });
      expect(of(1)).toMatchObject({
        UsrAmount: Math.round((total(card) + 40) * 100) / 100,
        UsrTransactionAmount: total(card),
        UsrClientId: opportunityOf(card),
        UsrPaymentTypeId: picklist('UsrPaymentType', 'Credit Card'),
      });
      expect(of(2)).toMatchObject({ UsrClientId: null, UsrAuthorization: 'CASH', UsrAmount: 25 });
    });

    it('updates the same Transaction when its payment changes', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'payments').in).toBe(0);
      const [one] = file()
        .objects(['ReceivePayment'])
        .filter((r) => r.data.RefNumber === 'CHK 3001');
      file().now = () => Date.now() + 60_000;
      qbdSave(
        file(),
        'ReceivePayment',
        el('TxnID', one.id) + el('EditSequence', one.editSequence) + el('RefNumber', 'CHK 3001-B'),
        'Mod',
      );
      const s = await runTemplate(g.weft, FLOW);
      expect(await sinkCounts(g.weft, s.runId, 'transactions')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(transactions()).toHaveLength(3);
      expect(transactions().map((t) => t.UsrAuthorization)).toContain('CHK 3001-B');
    });
  });
}
