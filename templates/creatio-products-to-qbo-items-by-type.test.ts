// Golden test of "Creatio products → QuickBooks Online items of every type": the
// product field UsrQBItemType chooses Inventory, NonInventory or Service; each type
// takes its default accounts, or the product's own income / COGS account; a type
// QuickBooks Online does not have, or an account it does not have, fails that product
// alone in plain words. Products bind to items by Code = SKU, or by Name = Name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { PRODUCTS } from '../sandbox/creatio/seed';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { runTemplateWith } from './test-variant-golden';

const FLOW = 'creatio-products-to-qbo-items-by-type';
const P = (n: number) => PRODUCTS[n].Name;

for (const db of testDatabases()) {
  describe(`template "Creatio products → QuickBooks Online items of every type" on ${db.name}`, () => {
    let g: Golden;
    let token: string;
    const items = () =>
      g.weft
        .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Item')
        .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as Record<string, any>);
    const item = (name: string) => items().find((i) => i.Name === name);
    const accountId = (name: string) =>
      g.weft.sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Account').find((a) => a.body.Name === name)!.id;
    const setProduct = (n: number, fields: Record<string, string>) =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          `UPDATE "Product" SET ${Object.keys(fields)
            .map((k) => `"${k}" = ?`)
            .join(', ')} WHERE "Code" = ?`,
        )
        .run(...Object.values(fields), PRODUCTS[n].Code);

    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_itemtype');
      token = await accessToken(g.weft.sandboxes!.qbo);
      setProduct(0, { UsrQBItemType: 'Inventory' });
      setProduct(1, { UsrQBItemType: 'Non-inventory' });
      setProduct(2, { UsrQBItemType: 'Service', UsrQBIncomeAccount: 'Sales of Product Income' });
      setProduct(3, { UsrQBItemType: 'Discount' });
      setProduct(4, { UsrQBItemType: 'Inventory', UsrQBCOGSAccount: 'Office Expenses' });
      setProduct(5, { UsrQBItemType: 'Service', UsrQBIncomeAccount: 'No Such Account' });
      // "Consulting Hours" is in QuickBooks already, without SKU: give it the product's code so Code = SKU binds it.
      const hours = item('Consulting Hours')!;
      const r = await call(g.weft.sandboxes!.qbo, token, 'item?minorversion=75', {
        body: { Id: hours.Id, SyncToken: hours.SyncToken, sparse: true, Sku: 'P-20' },
      });
      expect(r.status).toBe(200);
    });
    afterAll(() => g?.close());

    it('makes each product an item of its type on its accounts; an unknown type or account fails alone', async () => {
      const before = items().length;
      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual([
        'products',
        'not-archived',
        'bind-items',
        'item-type',
        'map-item',
        'qb-items',
      ]);
      const n = PRODUCTS.length;
      expect(node(s, 'item-type')).toMatchObject({ in: n, out: n - 2, failed: 2 });
      expect(node(s, 'map-item')).toMatchObject({ in: n - 2, out: n - 3, failed: 1 }); // the 120-character name
      // Consulting Hours bound by its SKU and updated; the rest created.
      expect(await sinkCounts(g.weft, s.runId, 'qb-items')).toMatchObject({ created: n - 4, updated: 1, failed: 0 });
      expect(items()).toHaveLength(before + n - 4);

      expect(item(P(0))).toMatchObject({
        Type: 'Inventory',
        Sku: 'P-0',
        IncomeAccountRef: { value: accountId('Sales of Product Income') },
        ExpenseAccountRef: { value: accountId('Cost of Goods Sold') },
        AssetAccountRef: { value: accountId('Inventory Asset') },
        QtyOnHand: 0,
        TrackQtyOnHand: true,
      });
      expect(item(P(1))).toMatchObject({
        Type: 'NonInventory',
        IncomeAccountRef: { value: accountId('Sales of Product Income') },
      });
      expect(item(P(2))).toMatchObject({
        Type: 'Service',
        IncomeAccountRef: { value: accountId('Sales of Product Income') },
      });
      expect(item(P(4))).toMatchObject({
        Type: 'Inventory',
        ExpenseAccountRef: { value: accountId('Office Expenses') },
      });
      expect(item(P(6))).toMatchObject({ Type: 'Service', IncomeAccountRef: { value: accountId('Services') } });
      expect(item(P(3))).toBeUndefined();
      expect(item(P(5))).toBeUndefined();
      expect(items().filter((i) => i.Name === 'Consulting Hours')).toHaveLength(1);
      expect(item('Consulting Hours')).toMatchObject({ Sku: 'P-20', UnitPrice: 150 });

      const failures = await g.weft.services.runs.failures('default', s.runId, 'item-type', 5);
      expect(failures.map((f) => f.failure.message).sort()).toEqual([
        'QuickBooks has no account named "No Such Account" for the income account of this Service item.',
        'UsrQBItemType is "Discount", which is no QuickBooks Online item type.',
      ]);
      expect(failures.find((f) => /Discount/.test(f.failure.message))!.failure.action).toContain(
        'QuickBooks Online has no other-charge, discount or group items',
      );
    });

    it('bound by Name = Name, a product takes over the item of its name and keeps its quantity on hand', async () => {
      const kit = item('Hardware Kit')!;
      expect(kit).toMatchObject({ Type: 'Inventory', QtyOnHand: 40 });
      const session = await creatioSession(g.weft);
      const [p3] = await session.get<{ Id: string }>(`Product?$filter=Code eq 'P-3'&$select=Id`);
      expect(await session.patch(`Product(${p3.Id})`, { Name: 'Hardware Kit', UsrQBItemType: 'Inventory' })).toBe(204);
      const s = await runTemplateWith(g.weft, FLOW, {
        'bind-items': { matchSourceField: 'Name', matchTargetField: 'Name' },
      });
      expect(node(s, 'products').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'qb-items')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(items().filter((i) => i.Name === 'Hardware Kit')).toHaveLength(1);
      expect(item('Hardware Kit')).toMatchObject({ Id: kit.Id, Sku: 'P-3', QtyOnHand: 40, Type: 'Inventory' });
    });
  });
}
