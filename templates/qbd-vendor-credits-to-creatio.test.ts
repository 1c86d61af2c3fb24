// Golden test of "QuickBooks Desktop vendor credits → Creatio vendor credits": after the
// Desktop suppliers flow has linked each Creatio supplier account to its vendor, each vendor
// credit read through the Web Connector becomes a QB Vendor Credit tied to that account,
// its amount the sum of its expense lines; a credit of a vendor that only QuickBooks knows
// fails alone. A later run reads only the credit changed since.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { VENDOR_CREDIT_COLUMNS, accountIdsNamed, creatioDate, creatioRows, qbdAdd, qbdMod } from './test-apgl';

const FLOW = 'qbd-vendor-credits-to-creatio';
const line = (amount: string) =>
  `<ExpenseLineAdd><AccountRef><FullName>Office Expenses</FullName></AccountRef><Amount>${amount}</Amount></ExpenseLineAdd>`;

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop vendor credits → Creatio vendor credits" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_vc');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-vendors')).status).toBe('completed-with-errors');
    });
    afterAll(() => g?.close());
    const file = () => g.weft.sandboxes!.qbd.file;
    const rows = () => creatioRows(g, 'UsrQBVendorCredit', [...VENDOR_CREDIT_COLUMNS, 'UsrMemo']);
    const accountIds = (name: string) => accountIdsNamed(g, name);

    it("ties each credit to its vendor's Creatio account; a vendor only QuickBooks knows fails alone", async () => {
      const vendors = file().objects(['Vendor']);
      const linked = vendors.filter((v) => accountIds(String(v.name)).length === 1).slice(0, 2);
      const unlinked = vendors.find((v) => v.name === 'Northwind Supplies')!;
      expect(linked).toHaveLength(2);
      const add = (vendor: string, head: string, lines: string) =>
        qbdAdd(file(), 'VendorCredit', `<VendorRef><ListID>${vendor}</ListID></VendorRef>${head}${lines}`);
      const credits = [
        add(
          linked[0].id,
          '<TxnDate>2026-02-03</TxnDate><RefNumber>VC-1</RefNumber><Memo>Returned &lt;damaged&gt; chairs &amp; a desk</Memo>',
          line('120.50') + line('30.00'),
        ),
        add(linked[1].id, '<TxnDate>2026-02-04</TxnDate><RefNumber>VC-2</RefNumber>', line('75.00')),
        add(unlinked.id, '<TxnDate>2026-02-05</TxnDate><RefNumber>VC-3</RefNumber>', line('10.00')),
      ];
      expect(credits[0].CreditAmount).toBe('150.50');

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'account', 'bind', 'map', 'write']);
      expect(node(s, 'read')).toMatchObject({ in: 3, out: 3 });
      expect(node(s, 'account')).toMatchObject({ in: 3, out: 2, failed: 1 });
      for (const id of ['bind', 'map']) expect(node(s, id)).toMatchObject({ in: 2, out: 2, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });

      const byId = new Map(rows().map((r) => [r.UsrQBId, r]));
      expect(byId.size).toBe(2);
      expect(byId.get(credits[0].TxnID)).toEqual({
        UsrQBId: credits[0].TxnID,
        UsrName: `Vendor credit VC-1 — ${linked[0].name}`,
        UsrRefNumber: 'VC-1',
        UsrAccountId: accountIds(String(linked[0].name))[0],
        UsrVendorName: linked[0].name,
        UsrTxnDate: creatioDate('2026-02-03'),
        UsrTotalAmount: 150.5,
        UsrMemo: 'Returned <damaged> chairs & a desk',
      });
      expect(byId.get(credits[1].TxnID)).toMatchObject({
        UsrAccountId: accountIds(String(linked[1].name))[0],
        UsrTotalAmount: 75,
      });
      const [failure, ...others] = await g.weft.services.runs.failures('default', s.runId, 'account', 5);
      expect(others).toEqual([]);
      expect(failure.failure).toMatchObject({
        code: 'weft.reference.unbound',
        message: expect.stringContaining('its Vendor "Northwind Supplies"'),
        action: expect.stringContaining("Run 'Creatio supplier accounts → QuickBooks Desktop vendors' first"),
      });
    });

    it('reads only the credit changed since and updates its record', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const f = file();
      f.now = () => Date.now() + 60_000;
      const credit = f.objects(['VendorCredit']).find((c) => c.name === 'VC-2')!;
      qbdMod(
        f,
        'VendorCredit',
        `<TxnID>${credit.id}</TxnID><EditSequence>${credit.editSequence}</EditSequence><Memo>Re-issued</Memo>`,
      );

      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(rows()).toHaveLength(2);
      expect(rows().find((r) => r.UsrQBId === credit.id)).toMatchObject({ UsrMemo: 'Re-issued', UsrTotalAmount: 75 });
    });
  });
}
