// Golden test of "Creatio products → QuickBooks items" (seed §5.1 "Creatio Product to QB Item"): the whole Weft
// runs it against both sandboxes over HTTP; every product not archived ends up as exactly one QuickBooks item with
// the product's name, code as SKU, price and description, and an archived product stays out (seed §5.2 "inactive
// items uploaded or not").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const FLOW = 'creatio-products-to-qbo-items';
const ARCHIVED = PRODUCTS[3].Name;
const DESCRIBED = PRODUCTS[5].Name;
// QuickBooks item names stop at 100 characters (Intuit Item reference: Name, max 100): that product fails alone.
const TOO_LONG = PRODUCTS.filter((p) => p.Name.length > 100);

interface Item {
  Id: string;
  Name: string;
  Sku?: string;
  Type: string;
  UnitPrice?: number;
  Description?: string;
  IncomeAccountRef?: { value: string };
}

for (const db of testDatabases()) {
  describe(`template "Creatio products → QuickBooks items" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_items');
    });
    afterAll(() => g?.close());

    const qbo = () => g.weft.sandboxes!.qbo;
    const items = () =>
      qbo()
        .store.all(qbo().realmId, 'Item')
        .map((r) => ({ Id: r.id, ...r.body }) as Item);

    it('makes one item per product not archived, with SKU, price and description; the archived one stays out', async () => {
      const creatio = await creatioSession(g.weft);
      const id = async (name: string) =>
        (await creatio.get<{ Id: string }>(`Product?$filter=${encodeURIComponent(`Name eq '${name}'`)}&$select=Id`))[0]
          .Id;
      expect(await creatio.patch(`Product(${await id(ARCHIVED)})`, { IsArchive: true })).toBe(204);
      expect(await creatio.patch(`Product(${await id(DESCRIBED)})`, { Description: 'Rack-mounted, 2U' })).toBe(204);
      const before = items();
      // "Consulting Hours" is already a QuickBooks item (bound by name, then updated); the others are new.
      const existing = PRODUCTS.filter((p) => before.some((i) => i.Name === p.Name));
      expect(existing.map((p) => p.Name)).toEqual(['Consulting Hours']);
      const active = PRODUCTS.filter((p) => p.Name !== ARCHIVED);
      const good = active.filter((p) => !TOO_LONG.includes(p));

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual([
        'products',
        'not-archived',
        'items',
        'bind-items',
        'map-item',
        'qb-items',
      ]);
      expect(node(s, 'products')).toMatchObject({ in: PRODUCTS.length, out: PRODUCTS.length, failed: 0 });
      expect(node(s, 'not-archived')).toMatchObject({ in: PRODUCTS.length, out: active.length });
      expect(node(s, 'items')).toMatchObject({ in: active.length, out: good.length, failed: TOO_LONG.length });
      expect(node(s, 'bind-items')).toMatchObject({ in: good.length, out: good.length, failed: 0 });
      expect(node(s, 'qb-items')).toMatchObject({ in: good.length, out: good.length, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'qb-items')).toMatchObject({ created: 0, updated: good.length });
      const tooLong = await g.weft.services.runs.failures('default', s.runId, 'items', 10);
      expect(tooLong.map((f) => f.failure.message)).toEqual([expect.stringMatching(/Name is too long/)]);

      const after = items();
      expect(after).toHaveLength(before.length + good.length - existing.length);
      expect(after.some((i) => i.Name === ARCHIVED)).toBe(false);
      for (const p of good) {
        const found = after.filter((i) => i.Name === p.Name);
        expect(found, p.Name).toHaveLength(1);
        expect(found[0]).toMatchObject({ Sku: p.Code, UnitPrice: p.Price });
      }
      const services = after.find((i) => i.Name === 'Services')!;
      for (const p of good.filter((x) => !existing.includes(x)))
        expect(after.find((i) => i.Name === p.Name)).toMatchObject({
          Type: 'Service',
          IncomeAccountRef: { value: services.IncomeAccountRef!.value },
        });
      expect(after.find((i) => i.Name === DESCRIBED)?.Description).toBe('Rack-mounted, 2U');
    });

    it('reruns without duplicating: a price changed in Creatio reaches its item, nothing else moves', async () => {
      const again = await runTemplate(g.weft, FLOW);
      expect(again.status).toBe('succeeded');
      expect(node(again, 'products').in).toBe(0);
      const before = items().length;
      const creatio = await creatioSession(g.weft);
      const [p] = await creatio.get<{ Id: string }>(
        `Product?$filter=${encodeURIComponent(`Name eq 'Consulting Hours'`)}&$select=Id`,
      );
      expect(await creatio.patch(`Product(${p.Id})`, { Price: 175.5 })).toBe(204);
      const third = await runTemplate(g.weft, FLOW);
      expect(node(third, 'products').in).toBe(1);
      expect(await sinkCounts(g.weft, third.runId, 'qb-items')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(items()).toHaveLength(before);
      expect(items().find((i) => i.Name === 'Consulting Hours')?.UnitPrice).toBe(175.5);
    });
  });
}
