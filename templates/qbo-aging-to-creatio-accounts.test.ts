// Golden test of "QuickBooks Online aging → Creatio accounts": invoices due on chosen
// days before and after today (New York) are entered in QuickBooks, some partly or
// wholly paid; each customer's open balances land in its account's four aging fields
// by days past due, and always add up to its open invoices. A customer with no
// account is skipped; a later run moves an invoice's balance when it is paid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateIn } from '../nodes/core/aging';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const FLOW = 'qbo-aging-to-creatio-accounts';
const LONER = 'Aging & Sons <QuickBooks only>';

interface Aging {
  Name: string;
  UsrCurrBalPymts: number | null;
  UsrAccRecvOver30: number | null;
  UsrAccRecvOver60: number | null;
  UsrAccRecvOver90: number | null;
}
type Row = { Id: string; SyncToken: string; [k: string]: any };

/** Today in New York moved by `days` (negative: in the past), as QuickBooks writes dates. */
const day = (days: number) => {
  const today = dateIn('America/New_York', new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
};

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online aging → Creatio accounts" on ${db.name}`, () => {
    let g: Golden;
    let token: string;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbo_aging');
      token = await accessToken(g.weft.sandboxes!.qbo);
    });
    afterAll(() => g?.close());

    const qbo = () => g.weft.sandboxes!.qbo;
    const rows = (entity: string): Row[] =>
      qbo()
        .store.all(qbo().realmId, entity)
        .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }));
    const accounts = () =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "Name", "UsrCurrBalPymts", "UsrAccRecvOver30", "UsrAccRecvOver60", "UsrAccRecvOver90" FROM "Account"',
        )
        .all() as Aging[];
    const account = (name: string) => accounts().find((a) => a.Name === name)!;
    const post = async (entity: string, body: Record<string, unknown>) => {
      let answer = await call(qbo(), token, `${entity.toLowerCase()}?minorversion=75`, { body });
      // A bookkeeper's pace: QuickBooks takes 10 requests a second from one app.
      for (let i = 0; answer.status === 429 && i < 20; i++) {
        await new Promise((r) => setTimeout(r, 200));
        answer = await call(qbo(), token, `${entity.toLowerCase()}?minorversion=75`, { body });
      }
      expect(answer.status, answer.text).toBe(200);
      return answer.json[entity] as Row;
    };
    const invoice = async (customer: Row, amount: number, due: number) => {
      const item = rows('Item').find((i) => i.Type === 'Service')!;
      return post('Invoice', {
        CustomerRef: { value: customer.Id },
        TxnDate: day(due - 30),
        DueDate: day(due),
        Line: [
          {
            DetailType: 'SalesItemLineDetail',
            Amount: amount,
            SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount },
          },
        ],
      });
    };
    const pay = (inv: Row, amount: number) =>
      post('Payment', {
        CustomerRef: inv.CustomerRef,
        TotalAmt: amount,
        Line: [{ Amount: amount, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
      });
    const topLevel = () => rows('Customer').filter((c) => !c.Job && c.Active !== false);
    /** What the customer owes on open invoices, from QuickBooks' own balances. */
    const owed = (c: Row) =>
      rows('Invoice')
        .filter((i) => i.CustomerRef.value === c.Id)
        .reduce((s, i) => s + Number(i.Balance), 0);

    let a: Row;
    let b: Row;
    let half: Row;
    it("fills each account's four aging fields from its customer's open invoices, by days past due", async () => {
      const names = new Set(accounts().map((x) => x.Name));
      // Customers with an account of their name, beyond the demo's few invoiced ones.
      [a, b] = topLevel()
        .filter((c) => names.has(c.DisplayName) && owed(c) === 0)
        .slice(-2);
      await invoice(a, 100, 5); // not due yet
      await invoice(a, 150.25, -30); // 30 days late: still current
      await invoice(a, 200, -45);
      await invoice(a, 300, -75);
      await invoice(a, 400, -120);
      await pay(await invoice(a, 999, -200), 999); // paid: not counted
      half = await invoice(b, 500, -35);
      await pay(half, 120);
      await invoice(b, 60, -91);
      const loner = await post('Customer', { DisplayName: LONER });
      await invoice(loner, 70, -10);
      const customers = topLevel();

      const s = await runTemplate(g.weft, FLOW);
      expect(s.nodes.map((n) => n.id)).toEqual(['customers', 'aging', 'bind-accounts', 'map-aging', 'accounts']);
      expect(node(s, 'customers')).toMatchObject({ in: customers.length, out: customers.length, failed: 0 });
      expect(node(s, 'aging')).toMatchObject({ in: customers.length, out: customers.length, failed: 0 });
      // The QuickBooks-only customer has no account to update: skipped, not failed, and nothing is created.
      expect(await sinkCounts(g.weft, s.runId, 'bind-accounts')).toMatchObject({
        in: customers.length,
        out: customers.length - 1,
        skipped: 1,
        failed: 0,
      });
      const updated = customers.length - 1;
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 0, updated, failed: 0 });

      expect(account(a.DisplayName)).toMatchObject({
        UsrCurrBalPymts: 250.25,
        UsrAccRecvOver30: 200,
        UsrAccRecvOver60: 300,
        UsrAccRecvOver90: 400,
      });
      expect(account(b.DisplayName)).toMatchObject({
        UsrCurrBalPymts: 0,
        UsrAccRecvOver30: 380,
        UsrAccRecvOver60: 0,
        UsrAccRecvOver90: 60,
      });
      expect(accounts().some((x) => x.Name === LONER)).toBe(false);
      // Every updated account's buckets add up to what its customer owes on open invoices.
      let checked = 0;
      for (const c of customers) {
        const acc = accounts().filter((x) => x.Name === c.DisplayName);
        if (acc.length !== 1 || acc[0].UsrCurrBalPymts === null) continue;
        const x = acc[0];
        const sum = x.UsrCurrBalPymts! + x.UsrAccRecvOver30! + x.UsrAccRecvOver60! + x.UsrAccRecvOver90!;
        expect(sum, c.DisplayName).toBeCloseTo(owed(c), 2);
        checked++;
      }
      expect(checked).toBe(updated);
    });

    it('reads every customer again on the next run and moves a balance once it is paid', async () => {
      await pay(
        rows('Invoice').find((i) => i.Id === half.Id)!,
        380,
      );
      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'customers').in).toBe(topLevel().length);
      expect(account(b.DisplayName)).toMatchObject({ UsrAccRecvOver30: 0, UsrAccRecvOver90: 60 });
      expect(account(a.DisplayName)).toMatchObject({ UsrCurrBalPymts: 250.25, UsrAccRecvOver90: 400 });
    });
  });
}
