// Golden test of "Creatio products → QuickBooks Desktop items of every type": each
// product goes down the branch of the type its UsrQBItemType names (empty: service) and
// becomes an item of that type in the company file, on that type's default accounts or
// the product's own; a type no branch takes is left out, and an item already in
// QuickBooks under the product's name is updated, not duplicated. A discount product becomes a discount item
// (its price the amount off); a group product a group item of the products its components detail lists.
import { randomUUID } from 'node:crypto';
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
    // Components are added one after the other, a second apart: the template reads them in that order
    // ($orderby=CreatedOn,Id); with one time for both, the order fell to their random Ids.
    let added = 0;
    const component = (group: number, part: number, quantity: number) => {
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, added++)).toISOString();
      const db = g.weft.sandboxes!.creatio.db;
      const id = (n: number) =>
        (db.prepare('SELECT "Id" FROM "Product" WHERE "Code" = ?').get(PRODUCTS[n].Code) as { Id: string }).Id;
      db.prepare(
        'INSERT INTO "UsrProductComponent" ("Id", "CreatedOn", "ModifiedOn", "ProductId", "ComponentId", "Quantity") ' +
          'VALUES (?, ?, ?, ?, ?, ?)',
      ).run(randomUUID(), at, at, id(group), id(part), quantity);
    };
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_itemtype');
      setProduct(0, { UsrQBItemType: 'Inventory' });
      setProduct(1, { UsrQBItemType: 'NonInventory' });
      setProduct(2, { UsrQBItemType: 'OtherCharge', UsrQBIncomeAccount: 'Office Expenses' });
      setProduct(3, { UsrQBItemType: 'Inventory', UsrQBCOGSAccount: 'Office Expenses' });
      setProduct(4, { UsrQBItemType: 'Discount' });
      setProduct(5, { UsrQBItemType: 'Service' });
      setProduct(6, { UsrQBItemType: 'Group' });
      setProduct(7, { UsrQBItemType: 'Group' }); // no components: refused with the product named
      // Product 6 holds two Consulting Hours (an item of the company file already) and one Product 8 (a service
      // item made by the same run, whose branch may run after the group's: then the group waits for run 2).
      component(6, 20, 2);
      component(6, 8, 1);
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
      expect(node(s, 'is-service')).toMatchObject({ in: n, out: n - 7 }); // all but the typed ones
      expect(node(s, 'is-discount')).toMatchObject({ in: n, out: 1 });
      expect(node(s, 'is-group')).toMatchObject({ in: n, out: 2 });
      expect(await sinkCounts(g.weft, s.runId, 'discount-items')).toMatchObject({ created: 1, failed: 0 });
      // The group sink's id sorts after the other sinks, so the engine (ties by node id) writes it last: the
      // component Product 8 made by the service branch exists by then, and the group is made in one run.
      expect(node(s, 'map-group')).toMatchObject({ in: 2, out: 1, failed: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'then-group-items')).toMatchObject({ created: 1, failed: 0 });
      const [empty] = await g.weft.services.runs.failures('default', s.runId, 'map-group', 5);
      expect(empty.failure.message).toBe(
        `Product "${P(7)}": ItemGroupLine needs at least 1 line, but UsrProductComponentCollectionByProduct has 0.`,
      );
      expect(await sinkCounts(g.weft, s.runId, 'inventory-items')).toMatchObject({ created: 2, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'non-inventory-items')).toMatchObject({ created: 1, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'other-charge-items')).toMatchObject({ created: 1, failed: 0 });
      // Consulting Hours is a service item of the company file already: updated. The long name fails.
      expect(await sinkCounts(g.weft, s.runId, 'service-items')).toMatchObject({
        created: n - 9,
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
      expect(item(P(8))).toMatchObject({ object: 'ItemService' });
      expect(item(P(4))).toMatchObject({
        object: 'ItemDiscount',
        data: expect.objectContaining({
          DiscountRate: String(PRODUCTS[4].Price),
          AccountRef: expect.objectContaining({ FullName: 'Sales Income' }),
        }),
      });
      expect(item(P(6))).toMatchObject({
        object: 'ItemGroup',
        data: expect.objectContaining({
          IsPrintItemsInGroup: 'true',
          ItemGroupLine: [
            { ItemRef: expect.objectContaining({ FullName: 'Consulting Hours' }), Quantity: '2' },
            { ItemRef: expect.objectContaining({ FullName: P(8) }), Quantity: '1' },
          ],
        }),
      });
      expect(item(P(7))).toBeUndefined();
      expect(item('Consulting Hours')).toMatchObject({ object: 'ItemService' });
    });
  });
}
