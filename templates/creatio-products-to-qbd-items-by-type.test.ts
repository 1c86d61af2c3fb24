// Golden test of "Creatio products → QuickBooks Desktop items of every type": each
// product goes down the branch of the type its UsrQBItemType names (empty: service) and
// becomes an item of that type in the company file, on that type's default accounts or
// the product's own; a type no branch takes is left out, and an item already in
// QuickBooks under the product's name is updated, not duplicated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS } from '../sandbox/creatio/seed';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';

const FLOW = 'creatio-products-to-qbd-items-by-type';
const P = (n: number) => PRODUCTS[n].Name;

for (const db of testDatabases()) {
  describe(`template "Creatio products → QuickBooks Desktop items of every type" on ${db.name}`, () => {
    let g: Golden;
    const setProduct = (n: number, fields: Record<string, string>) =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          `UPDATE "Product" SET ${Object.keys(fields)
            .map((k) => `"${k}" = ?`)
            .join(', ')} WHERE "Code" = ?`,
        )
        .run(...Object.values(fields), PRODUCTS[n].Code);
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_itemtype');
      setProduct(0, { UsrQBItemType: 'Inventory' });
      setProduct(1, { UsrQBItemType: 'NonInventory' });
      setProduct(2, { UsrQBItemType: 'OtherCharge', UsrQBIncomeAccount: 'Office Expenses' });
      setProduct(3, { UsrQBItemType: 'Inventory', UsrQBCOGSAccount: 'Office Expenses' });
      setProduct(4, { UsrQBItemType: 'Discount' });
      setProduct(5, { UsrQBItemType: 'Service' });
    });
    afterAll(() => g?.close());
    const item = (name: string) => g.weft.sandboxes!.qbd.file.objectByName('Item', name);

    it('makes each product an item of the type it names, on the accounts of that type or its own', async () => {
      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors'); // the 120-character product name, refused alone
      const n = PRODUCTS.length;
      expect(node(s, 'not-archived')).toMatchObject({ in: n, out: n });
      expect(node(s, 'is-inventory')).toMatchObject({ in: n, out: 2 });
      expect(node(s, 'is-non-inventory')).toMatchObject({ in: n, out: 1 });
      expect(node(s, 'is-other-charge')).toMatchObject({ in: n, out: 1 });
      expect(node(s, 'is-service')).toMatchObject({ in: n, out: n - 5 }); // all but the four typed ones and Discount
      expect(await sinkCounts(g.weft, s.runId, 'inventory-items')).toMatchObject({ created: 2, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'non-inventory-items')).toMatchObject({ created: 1, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'other-charge-items')).toMatchObject({ created: 1, failed: 0 });
      // Consulting Hours is a service item of the company file already: updated. The long name fails.
      expect(await sinkCounts(g.weft, s.runId, 'service-items')).toMatchObject({
        created: n - 7,
        updated: 1,
        failed: 1,
      });

      expect(item(P(0))).toMatchObject({
        object: 'ItemInventory',
        data: expect.objectContaining({
          SalesPrice: expect.anything(),
          IncomeAccountRef: expect.objectContaining({ FullName: 'Sales Income' }),
          COGSAccountRef: expect.objectContaining({ FullName: 'Cost of Goods Sold' }),
          AssetAccountRef: expect.objectContaining({ FullName: 'Inventory Asset' }),
        }),
      });
      expect(item(P(3))!.data).toMatchObject({
        COGSAccountRef: expect.objectContaining({ FullName: 'Office Expenses' }),
      });
      expect(item(P(1))).toMatchObject({ object: 'ItemNonInventory' });
      expect(item(P(2))).toMatchObject({
        object: 'ItemOtherCharge',
        data: expect.objectContaining({
          SalesOrPurchase: expect.objectContaining({
            AccountRef: expect.objectContaining({ FullName: 'Office Expenses' }),
          }),
        }),
      });
      expect(item(P(5))).toMatchObject({ object: 'ItemService' });
      expect(item(P(6))).toMatchObject({ object: 'ItemService' });
      expect(item(P(4))).toBeUndefined();
      expect(item('Consulting Hours')).toMatchObject({ object: 'ItemService' });
    });
  });
}
