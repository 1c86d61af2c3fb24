// Golden test of "QuickBooks Desktop credit memos → Creatio Credit Memo": credit memos
// the bookkeeper enters in the company file are read through the Web Connector and
// become Credit Memo records keyed by their number, with the credit remaining and
// total QuickBooks computed; a credit memo applied to an invoice (SetCredit in a received payment) is tied to
// the opportunity the invoices flow linked that invoice to; a renumbered credit memo updates its record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { customerRef, el, qbdSave } from './test-qbd-finance';
import { opportunityIdByNumber } from './test-apgl';

const FLOW = 'qbd-credit-memos-to-creatio-credit-memos';

interface CreditMemoRow {
  UsrName: string;
  UsrRefNumber: string;
  UsrCreditRemaining: number;
  UsrOpportunityId: string | null;
  UsrTotalAmount: number;
  UsrTransactionDate: string;
}

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop credit memos → Creatio Credit Memo" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_cm');
      // Links the company file's invoices to Creatio opportunities (the accounts first, for their customers).
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
      // The invoices flow writes each line as an opportunity product: the items are bound to products first.
      expect((await runTemplate(g.weft, 'qbd-items-to-creatio-products')).status).not.toBe('failed');
      expect((await runTemplate(g.weft, 'qbd-invoices-to-creatio-opportunities')).status).toBe('succeeded');
    });
    afterAll(() => g?.close());

    const file = () => g.weft.sandboxes!.qbd.file;
    const memos = () =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "UsrName", "UsrRefNumber", "UsrCreditRemaining", "UsrOpportunityId", "UsrTotalAmount", ' +
            '"UsrTransactionDate" FROM "UsrCreditMemo"',
        )
        .all() as CreditMemoRow[];
    const credit = (customer: string, ref: string, lines: [string, number, number][], date: string) =>
      qbdSave(
        file(),
        'CreditMemo',
        customerRef(customer) +
          el('TxnDate', date) +
          el('RefNumber', ref) +
          lines
            .map(
              ([item, qty, rate]) =>
                `<CreditMemoLineAdd><ItemRef>${el('FullName', item)}</ItemRef>${el('Quantity', qty)}` +
                `${el('Rate', rate.toFixed(2))}</CreditMemoLineAdd>`,
            )
            .join(''),
      );

    it('records each credit memo with its total and the credit remaining; an applied one gets its opportunity', async () => {
      const [a, b] = file().customers();
      // A credit memo of an open invoice's customer, 30 of it set against that invoice.
      const invoice = file()
        .invoices({})
        .find((i) => !i.isPaid)!;
      const applied = credit(invoice.customerListId, 'CM-2004', [['Shipping', 1, 50]], '2026-02-06');
      qbdSave(
        file(),
        'ReceivePayment',
        customerRef(invoice.customerListId) +
          el('TotalAmount', '0.00') +
          `<AppliedToTxnAdd>${el('TxnID', invoice.txnId)}<SetCredit>${el('CreditTxnID', applied.TxnID)}` +
          `${el('AppliedAmount', '30.00')}</SetCredit></AppliedToTxnAdd>`,
      );
      const made = [
        credit(
          a.listId,
          'CM-2001',
          [
            ['Shipping', 2, 12.5],
            ['Shipping', 1, 40],
          ],
          '2026-02-03',
        ),
        credit(b.listId, 'CM-2002', [['Shipping', 1, 99.99]], '2026-02-04'),
        credit(b.listId, 'CM-0000003', [['Shipping', 3, 1]], '2026-02-05'),
      ];
      expect(made.map((m) => m.CreditRemaining)).toEqual(['65.00', '99.99', '3.00']);

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual([
        'credit-memos',
        'opportunity',
        'invoice-opportunity',
        'bind-credit-memos',
        'map-credit-memo',
        'creatio-credit-memos',
      ]);
      for (const id of ['credit-memos', 'opportunity', 'invoice-opportunity', 'bind-credit-memos', 'map-credit-memo'])
        expect(node(s, id), id).toMatchObject({ in: 4, out: 4, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'creatio-credit-memos')).toMatchObject({
        created: 4,
        updated: 0,
        failed: 0,
      });
      const byRef = new Map(memos().map((m) => [m.UsrRefNumber, m]));
      expect([...byRef.keys()].sort()).toEqual(['CM-0000003', 'CM-2001', 'CM-2002', 'CM-2004']);
      expect(byRef.get('CM-2001')).toMatchObject({
        UsrName: `Credit memo CM-2001 — ${a.name}`,
        UsrTotalAmount: 65,
        UsrCreditRemaining: 65,
        UsrOpportunityId: null, // applied to no invoice, made from no opportunity
        UsrTransactionDate: expect.stringMatching(/^2026-02-03T00:00:00/),
      });
      expect(byRef.get('CM-2002')).toMatchObject({ UsrTotalAmount: 99.99, UsrCreditRemaining: 99.99 });
      expect(byRef.get('CM-2004')).toMatchObject({
        UsrTotalAmount: 50,
        UsrCreditRemaining: 20,
        UsrOpportunityId: opportunityIdByNumber(g, invoice.refNumber),
      });
    });

    it('reads only the credit memo changed since, and follows its new number to its record', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'credit-memos').in).toBe(0);
      const [one] = file()
        .objects(['CreditMemo'])
        .filter((r) => r.data.RefNumber === 'CM-2002');
      file().now = () => Date.now() + 60_000;
      qbdSave(
        file(),
        'CreditMemo',
        el('TxnID', one.id) + el('EditSequence', one.editSequence) + el('RefNumber', 'CM-2002-R'),
        'Mod',
      );
      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'credit-memos')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'creatio-credit-memos')).toMatchObject({
        created: 0,
        updated: 1,
        failed: 0,
      });
      expect(
        memos()
          .map((m) => m.UsrRefNumber)
          .sort(),
      ).toEqual(['CM-0000003', 'CM-2001', 'CM-2002-R', 'CM-2004']);
    });
  });
}
