// Golden test of "QuickBooks Desktop aging → Creatio accounts": invoices due on chosen
// days before and after today (New York) are entered in the company file, one partly
// paid; read through the Web Connector, each customer's open balances land in its
// account's four aging fields by days past due and add up to its open invoices. A
// customer with no account is skipped; the next run moves a balance once it is paid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateIn } from '../nodes/core/aging';
import { testDatabases } from '../scripts/test-databases';
import type { CustomerRow } from '../sandbox/quickbooks-desktop/company-file-rows';
import { runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { customerRef, el, qbdSave } from './test-qbd-finance';

const FLOW = 'qbd-aging-to-creatio-accounts';
const LONER = 'Aging and Sons (QuickBooks only)';

interface Aging {
  Name: string;
  UsrCurrBalPymts: number | null;
  UsrAccRecvOver30: number | null;
  UsrAccRecvOver60: number | null;
  UsrAccRecvOver90: number | null;
}

/** Today in New York moved by `days` (negative: in the past). */
const day = (days: number) => {
  const today = dateIn('America/New_York', new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
};

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop aging → Creatio accounts" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_aging');
    });
    afterAll(() => g?.close());

    const file = () => g.weft.sandboxes!.qbd.file;
    const accounts = () =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "Name", "UsrCurrBalPymts", "UsrAccRecvOver30", "UsrAccRecvOver60", "UsrAccRecvOver90" FROM "Account"',
        )
        .all() as Aging[];
    const account = (name: string) => accounts().find((a) => a.Name === name)!;
    let n = 0;
    const invoice = (c: CustomerRow, amount: number, due: number) =>
      file().addInvoice({
        customerListId: c.listId,
        refNumber: `AG-${++n}`,
        txnDate: day(due - 30),
        dueDate: day(due),
        memo: '',
        isPaid: false,
        lines: [{ item: 'Shipping', desc: 'Courier', quantity: 1, rate: amount }],
      });
    /** What the customer owes on open invoices, from the company file's own balances. */
    const owed = (c: CustomerRow) =>
      file()
        .invoices({ customerListId: c.listId })
        .reduce((s, i) => {
          const applied = Number(file().object(i.txnId)!.data['#applied'] ?? 0);
          return s + i.lines.reduce((t, l) => t + l.quantity * l.rate, 0) - applied;
        }, 0);

    let a: CustomerRow;
    let b: CustomerRow;
    let halfId: string;
    it("fills each account's four aging fields from its customer's open invoices, by days past due", async () => {
      // Two Creatio accounts become QuickBooks customers of the same name (as the accounts flow would make them).
      const taken = new Set(
        file()
          .customers()
          .map((c) => c.name.toLowerCase()),
      );
      const counts = new Map<string, number>();
      for (const x of accounts()) counts.set(x.Name, (counts.get(x.Name) ?? 0) + 1);
      const [nameA, nameB] = [...counts]
        .filter(([name, k]) => k === 1 && name.length <= 41 && !taken.has(name.toLowerCase()))
        .map(([name]) => name)
        .slice(-2);
      a = file().addCustomer({ name: nameA, fields: {} });
      b = file().addCustomer({ name: nameB, fields: {} });
      invoice(a, 100, 5);
      invoice(a, 150.25, -30);
      invoice(a, 200, -45);
      invoice(a, 300, -75);
      invoice(a, 400, -120);
      const half = invoice(b, 500, -35);
      halfId = half.txnId;
      qbdSave(
        file(),
        'ReceivePayment',
        customerRef(b.listId) +
          el('TotalAmount', '120.00') +
          `<AppliedToTxnAdd>${el('TxnID', half.txnId)}${el('PaymentAmount', '120.00')}</AppliedToTxnAdd>`,
      );
      invoice(b, 60, -91);
      const loner = file().addCustomer({ name: LONER, fields: {} });
      invoice(loner, 70, -10);
      const customers = file().customers();

      const s = await runTemplate(g.weft, FLOW);
      expect(s.nodes.map((x) => x.id)).toEqual(['customers', 'aging', 'bind-accounts', 'map-aging', 'accounts']);
      for (const id of ['customers', 'aging'])
        expect(await sinkCounts(g.weft, s.runId, id), id).toMatchObject({
          in: customers.length,
          out: customers.length,
          failed: 0,
        });
      const bound = await sinkCounts(g.weft, s.runId, 'bind-accounts');
      // Customers with no account of their name (the QuickBooks-only one among them) are skipped, not failed.
      const withAccount = customers.filter((c) =>
        accounts().some((x) => x.Name.toLowerCase() === c.name.toLowerCase()),
      );
      expect(withAccount.length).toBeLessThan(customers.length);
      expect(bound).toMatchObject({
        in: customers.length,
        out: withAccount.length,
        skipped: customers.length - withAccount.length,
        failed: 0,
      });
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({
        created: 0,
        updated: bound.out,
        failed: 0,
      });

      expect(account(a.name)).toMatchObject({
        UsrCurrBalPymts: 250.25,
        UsrAccRecvOver30: 200,
        UsrAccRecvOver60: 300,
        UsrAccRecvOver90: 400,
      });
      expect(account(b.name)).toMatchObject({
        UsrCurrBalPymts: 0,
        UsrAccRecvOver30: 380,
        UsrAccRecvOver60: 0,
        UsrAccRecvOver90: 60,
      });
      expect(accounts().some((x) => x.Name === LONER)).toBe(false);
      let checked = 0;
      for (const c of customers) {
        const acc = accounts().filter((x) => x.Name === c.name);
        if (acc.length !== 1 || acc[0].UsrCurrBalPymts === null) continue;
        const x = acc[0];
        const sum = x.UsrCurrBalPymts! + x.UsrAccRecvOver30! + x.UsrAccRecvOver60! + x.UsrAccRecvOver90!;
        expect(sum, c.name).toBeCloseTo(owed(c), 2);
        checked++;
      }
      expect(checked).toBe(bound.out);
    });

    it('reads every customer again on the next run and moves a balance once it is paid', async () => {
      qbdSave(
        file(),
        'ReceivePayment',
        customerRef(b.listId) +
          el('TotalAmount', '380.00') +
          `<AppliedToTxnAdd>${el('TxnID', halfId)}${el('PaymentAmount', '380.00')}</AppliedToTxnAdd>`,
      );
      const s = await runTemplate(g.weft, FLOW);
      expect((await sinkCounts(g.weft, s.runId, 'customers')).in).toBe(file().customers().length);
      expect(account(b.name)).toMatchObject({ UsrAccRecvOver30: 0, UsrAccRecvOver90: 60 });
      expect(account(a.name)).toMatchObject({ UsrCurrBalPymts: 250.25, UsrAccRecvOver90: 400 });
    });
  });
}
