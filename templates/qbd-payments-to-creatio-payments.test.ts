// Golden test of "QuickBooks Desktop payments → Creatio Payment QB": the accounts and
// invoices flows link the company file's invoices to Creatio opportunities; the
// bookkeeper receives payments in QuickBooks (a check, a part payment, one payment of
// two invoices, one of an invoice no flow linked); read through the Web Connector,
// each becomes one Payment QB record tied to the opportunity of the invoice it pays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import type { InvoiceRow } from '../sandbox/quickbooks-desktop/company-file-rows';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { appliedTo, customerRef, el, invoiceTotal, qbdSave } from './test-qbd-finance';
import { opportunityIdByNumber } from './test-apgl';

const FLOW = 'qbd-payments-to-creatio-payments';

interface PaymentQB {
  UsrName: string;
  UsrPaymentNumber: string;
  UsrRefNumber: string;
  UsrOpportunityId: string | null;
  UsrTotalAmount: number;
  UsrTransactionDate: string;
}

const total = invoiceTotal;
const applied = appliedTo;

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop payments → Creatio Payment QB" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_pay');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
      // The invoices flow writes each line as an opportunity product: the items are bound to products first.
      expect((await runTemplate(g.weft, 'qbd-items-to-creatio-products')).status).not.toBe('failed');
      expect((await runTemplate(g.weft, 'qbd-invoices-to-creatio-opportunities')).status).toBe('succeeded');
    });
    afterAll(() => g?.close());

    const file = () => g.weft.sandboxes!.qbd.file;
    const creatio = () => g.weft.sandboxes!.creatio.db;
    const opportunityOf = (i: InvoiceRow) => opportunityIdByNumber(g, i.refNumber);
    const paymentsQB = () =>
      creatio()
        .prepare(
          'SELECT "UsrName", "UsrPaymentNumber", "UsrRefNumber", "UsrOpportunityId", "UsrTotalAmount", ' +
            '"UsrTransactionDate" FROM "UsrPaymentQB"',
        )
        .all() as PaymentQB[];
    const receive = (customer: string, amount: number, date: string, ref: string, lines: string) =>
      qbdSave(
        file(),
        'ReceivePayment',
        customerRef(customer) +
          el('TxnDate', date) +
          (ref ? el('RefNumber', ref) : '') +
          el('TotalAmount', amount.toFixed(2)) +
          lines,
      );

    it('records each payment once, linked to the opportunity of the invoice it pays', async () => {
      const open = file()
        .invoices({})
        .filter((i) => !i.isPaid);
      const [full, partial] = open;
      // Two open invoices of one customer, paid at once.
      const rest = open.slice(2);
      const first = rest.find((i) => rest.some((j) => j !== i && j.customerListId === i.customerListId))!;
      const second = rest.find((j) => j !== first && j.customerListId === first.customerListId)!;
      const customer = file().customer(open[0].customerListId)!;
      // An invoice entered after the invoices flow ran: no opportunity is linked to it yet.
      const unlinked = file().addInvoice({
        customerListId: customer.listId,
        refNumber: 'Q-77',
        txnDate: '2026-02-01',
        dueDate: '2026-03-01',
        memo: '',
        isPaid: false,
        lines: [{ item: 'Shipping', desc: 'Courier', quantity: 1, rate: 40 }],
      });
      const made = [
        receive(full.customerListId, total(full), '2026-02-10', 'CHK 2001', applied(full)),
        receive(partial.customerListId, 12.5, '2026-02-11', '', applied(partial, 12.5)),
        receive(
          first.customerListId,
          total(first) + total(second),
          '2026-02-12',
          'Wire & "ACH" <ref>',
          applied(first) + applied(second),
        ),
        receive(customer.listId, 40, '2026-02-13', 'CASH', applied(unlinked)),
      ];

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual([
        'payments',
        'opportunity',
        'bind-payments',
        'map-payment',
        'creatio-payments',
      ]);
      for (const id of ['payments', 'opportunity', 'bind-payments', 'map-payment'])
        expect(node(s, id), id).toMatchObject({ in: 4, out: 4, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'creatio-payments')).toMatchObject({
        created: 4,
        updated: 0,
        failed: 0,
      });

      const byNumber = new Map(paymentsQB().map((p) => [p.UsrPaymentNumber, p]));
      expect([...byNumber.keys()].sort()).toEqual(made.map((m) => String(m.TxnNumber)).sort());
      const of = (k: number) => byNumber.get(String(made[k].TxnNumber))!;
      expect(of(0)).toMatchObject({
        UsrName: `Payment ${made[0].TxnNumber} — ${file().customer(full.customerListId)!.name}`,
        UsrRefNumber: 'CHK 2001',
        UsrOpportunityId: opportunityOf(full),
        UsrTotalAmount: total(full),
        UsrTransactionDate: expect.stringMatching(/^2026-02-10T00:00:00/),
      });
      expect(of(1)).toMatchObject({ UsrRefNumber: '', UsrOpportunityId: opportunityOf(partial), UsrTotalAmount: 12.5 });
      expect(of(2)).toMatchObject({ UsrRefNumber: 'Wire & "ACH" <ref>', UsrOpportunityId: opportunityOf(first) });
      expect(of(3)).toMatchObject({ UsrRefNumber: 'CASH', UsrOpportunityId: null, UsrTotalAmount: 40 });
    });

    it('reads only the payment changed since the last run and updates its record', async () => {
      const again = await runTemplate(g.weft, FLOW);
      expect(node(again, 'payments').in).toBe(0);
      const [one] = file()
        .objects(['ReceivePayment'])
        .filter((r) => r.data.RefNumber === 'CHK 2001');
      file().now = () => Date.now() + 60_000;
      qbdSave(
        file(),
        'ReceivePayment',
        el('TxnID', one.id) + el('EditSequence', one.editSequence) + el('RefNumber', 'CHK 2001-B'),
        'Mod',
      );
      const before = paymentsQB().length;
      const third = await runTemplate(g.weft, FLOW);
      expect(node(third, 'payments')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, third.runId, 'creatio-payments')).toMatchObject({
        created: 0,
        updated: 1,
        failed: 0,
      });
      expect(paymentsQB()).toHaveLength(before);
      expect(paymentsQB().find((p) => p.UsrRefNumber === 'CHK 2001-B')).toBeDefined();
    });
  });
}
