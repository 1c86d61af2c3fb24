// Golden test of "Creatio products → QuickBooks Desktop items" (seed §5.1 "Creatio Product to QB Item"): the whole
// Weft runs it through the queue and the Desktop sandbox's Web Connector; every product not archived ends up as
// exactly one service item with its price and income account, "Consulting Hours" (already in the company file) is
// updated, and the product whose name is longer than QuickBooks Desktop's 31 characters fails alone (error 3070).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';

const FLOW = 'creatio-products-to-qbd-items';
const ARCHIVED = PRODUCTS[4].Name;
const TOO_LONG = PRODUCTS.filter((p) => [...p.Name].length > 31);

for (const db of testDatabases()) {
  describe(`template "Creatio products → QuickBooks Desktop items" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_items');
    });
    afterAll(() => g?.close());
    const file = () => g.weft.sandboxes!.qbd.file;
    const items = () => file().objects(['ItemService', 'ItemNonInventory', 'ItemOtherCharge'], { active: 'All' });
    const productId = async (name: string) => {
      const creatio = await creatioSession(g.weft);
      const q = encodeURIComponent(`Name eq '${name}'`);
      return { creatio, id: (await creatio.get<{ Id: string }>(`Product?$filter=${q}&$select=Id`))[0].Id };
    };

    it('makes one service item per product not archived; the archived one stays out, the over-long one fails alone', async () => {
      const { creatio, id } = await productId(ARCHIVED);
      expect(await creatio.patch(`Product(${id})`, { IsArchive: true })).toBe(204);
      const before = items();
      const active = PRODUCTS.filter((p) => p.Name !== ARCHIVED);
      const good = active.filter((p) => !TOO_LONG.includes(p));
      const existing = good.filter((p) => before.some((i) => i.name === p.Name));
      expect(existing.map((p) => p.Name)).toEqual(['Consulting Hours']);

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual(['products', 'not-archived', 'bind-items', 'map-item', 'items']);
      expect(node(s, 'products')).toMatchObject({ in: PRODUCTS.length, out: PRODUCTS.length, failed: 0 });
      expect(node(s, 'not-archived')).toMatchObject({ in: PRODUCTS.length, out: active.length });
      expect(node(s, 'map-item')).toMatchObject({ in: active.length, out: active.length, failed: 0 });
      expect(node(s, 'items')).toMatchObject({ in: active.length, out: good.length, failed: TOO_LONG.length });
      expect(await sinkCounts(g.weft, s.runId, 'items')).toMatchObject({
        created: good.length - existing.length,
        updated: existing.length,
      });
      const [refused] = await g.weft.services.runs.failures('default', s.runId, 'items', 5);
      expect(refused.failure).toMatchObject({ code: 'qbd.3070', message: expect.stringContaining('is too long') });

      const after = items();
      expect(after).toHaveLength(before.length + good.length - existing.length);
      expect(after.some((i) => i.name === ARCHIVED)).toBe(false);
      for (const p of good) {
        const found = after.filter((i) => i.name === p.Name);
        expect(found, p.Name).toHaveLength(1);
        expect(found[0].object).toBe('ItemService');
        expect(found[0].data.SalesOrPurchase).toMatchObject({ AccountRef: { FullName: 'Sales Income' } });
        expect(Number((found[0].data.SalesOrPurchase as { Price: string }).Price)).toBe(p.Price);
      }
    });

    it('reruns without duplicating: a price changed in Creatio reaches its item', async () => {
      const again = await runTemplate(g.weft, FLOW);
      expect(again.status).toBe('succeeded');
      expect(node(again, 'products').in).toBe(0);
      const { creatio, id } = await productId(PRODUCTS[2].Name);
      expect(await creatio.patch(`Product(${id})`, { Price: 42.5 })).toBe(204);
      const count = items().length;
      const third = await runTemplate(g.weft, FLOW);
      expect(await sinkCounts(g.weft, third.runId, 'items')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(items()).toHaveLength(count);
      const item = items().find((i) => i.name === PRODUCTS[2].Name)!;
      expect(Number((item.data.SalesOrPurchase as { Price: string }).Price)).toBe(42.5);
    });
  });
}
