// Golden test of "QuickBooks Online vendor credits → Creatio vendor credits": after the
// suppliers flow has linked each Creatio supplier account to its QuickBooks vendor, each
// vendor credit becomes a QB Vendor Credit in Creatio tied to that account; a credit of a
// vendor no account is linked to (one QuickBooks already had) fails alone and says what
// to run first. A later run reads only the credit changed since and updates it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { VENDOR_CREDIT_COLUMNS, accountIdsNamed, creatioDate, creatioRows, qboApi } from './test-apgl';
import { expense } from '../sandbox/quickbooks-online/test-txn';

const FLOW = 'qbo-vendor-credits-to-creatio';

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online vendor credits → Creatio vendor credits" on ${db.name}`, () => {
    let g: Golden;
    let api: Awaited<ReturnType<typeof qboApi>>;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbo_vc');
      api = await qboApi(g);
      // The suppliers flow links each supplier account to the vendor it creates (one name QuickBooks refuses).
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-vendors')).status).toBe('completed-with-errors');
    });
    afterAll(() => g?.close());
    const rows = () => creatioRows(g, 'UsrQBVendorCredit', [...VENDOR_CREDIT_COLUMNS, 'UsrCreditRemaining', 'UsrMemo']);
    const accountIds = (name: string) => accountIdsNamed(g, name);

    it("ties each credit to its vendor's Creatio account; the vendor with no account fails alone", async () => {
      const office = api.all('Account').find((a) => a.Name === 'Office Expenses')!.Id as string;
      const vendors = api.all('Vendor');
      const linked = vendors.filter((v) => accountIds(v.DisplayName).length === 1).slice(0, 2);
      const unlinked = vendors.find((v) => v.DisplayName === 'Office Supplies Depot')!;
      expect(linked).toHaveLength(2);
      const credits = [
        await api.create('VendorCredit', {
          VendorRef: { value: linked[0].Id },
          DocNumber: 'VC-1',
          TxnDate: '2026-02-03',
          PrivateNote: 'Returned 2 "broken" chairs <damaged> & a desk',
          Line: [expense(120.5, office), expense(30, office)],
        }),
        await api.create('VendorCredit', {
          VendorRef: { value: linked[1].Id },
          TxnDate: '2026-02-04',
          Line: [expense(75, office)],
        }),
        await api.create('VendorCredit', {
          VendorRef: { value: unlinked.Id },
          DocNumber: 'VC-3',
          Line: [expense(10, office)],
        }),
      ];

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'account', 'bind', 'map', 'write']);
      expect(node(s, 'read')).toMatchObject({ in: 3, out: 3 });
      expect(node(s, 'account')).toMatchObject({ in: 3, out: 2, failed: 1 });
      for (const id of ['bind', 'map']) expect(node(s, id)).toMatchObject({ in: 2, out: 2, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });

      const byId = new Map(rows().map((r) => [r.UsrQBId, r]));
      expect(byId.size).toBe(2);
      expect(byId.get(credits[0].Id)).toEqual({
        UsrQBId: credits[0].Id,
        UsrName: `Vendor credit VC-1 — ${linked[0].DisplayName}`,
        UsrRefNumber: 'VC-1',
        UsrAccountId: accountIds(linked[0].DisplayName)[0],
        UsrVendorName: linked[0].DisplayName,
        UsrTxnDate: creatioDate('2026-02-03'),
        UsrTotalAmount: 150.5,
        UsrCreditRemaining: 150.5,
        UsrMemo: 'Returned 2 "broken" chairs <damaged> & a desk',
      });
      expect(byId.get(credits[1].Id)).toMatchObject({
        UsrName: `Vendor credit ${credits[1].Id} — ${linked[1].DisplayName}`,
        UsrAccountId: accountIds(linked[1].DisplayName)[0],
        UsrTotalAmount: 75,
        UsrTxnDate: creatioDate('2026-02-04'),
      });

      const [failure, ...others] = await g.weft.services.runs.failures('default', s.runId, 'account', 5);
      expect(others).toEqual([]);
      expect(failure.failure).toMatchObject({
        code: 'weft.reference.unbound',
        field: 'VendorRef.value',
        message: expect.stringContaining('its Vendor "Office Supplies Depot"'),
        action: expect.stringContaining("Run 'Creatio supplier accounts → QuickBooks Online vendors' first"),
      });
    });

    it('reads only the credit changed since and updates its record', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const credit = api.all('VendorCredit').find((c) => c.DocNumber === 'VC-1')!;
      const answer = await api.send('vendorcredit', {
        Id: credit.Id,
        SyncToken: credit.SyncToken,
        sparse: true,
        PrivateNote: 'Chairs replaced — crédit kept',
      });
      expect(answer.status, answer.text).toBe(200);

      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(rows()).toHaveLength(2);
      expect(rows().find((r) => r.UsrQBId === credit.Id)).toMatchObject({
        UsrMemo: 'Chairs replaced — crédit kept',
        UsrTotalAmount: 150.5,
      });
    });
  });
}
