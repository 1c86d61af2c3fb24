// Golden test of "QuickBooks Online items → Creatio products": items are bound to the
// Creatio product of the same Code (= SKU), then of the same name, or created; an
// inactive item stays out unless the source reads inactive items too, and then its
// product is archived. A later run reads only what changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { PRODUCTS } from '../sandbox/creatio/seed';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { runTemplateWith } from './test-variant-golden';

const FLOW = 'qbo-items-to-creatio-products';
const NEW_ITEM = { Name: 'Gadget & Sons <Pro> "XL"', Sku: 'QB-NEW-1', UnitPrice: 42.5 };
const BY_SKU = { Name: 'Renamed in QuickBooks', Sku: PRODUCTS[3].Code, UnitPrice: 19.75 };

interface Product {
  Id: string;
  Name: string;
  Code: string;
  Price: number;
  IsArchive: number | boolean;
  UsrQBLastModified: string | null;
}

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online items → Creatio products" on ${db.name}`, () => {
    let g: Golden;
    let token: string;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qboitem2crm');
      token = await accessToken(g.weft.sandboxes!.qbo);
    });
    afterAll(() => g?.close());

    const products = () =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "Id", "Name", "Code", "Price", "IsArchive", "UsrQBLastModified" FROM "Product"',
        )
        .all() as Product[];
    // QuickBooks Online as a bookkeeper changes it (over HTTP), and what its company holds.
    const qbo = {
      call: (path: string, body?: unknown) =>
        call(g.weft.sandboxes!.qbo, token, path, body === undefined ? {} : { body }),
      items: () =>
        g.weft
          .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Item')
          .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as Record<string, unknown>),
      incomeAccount: () =>
        g.weft
          .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Account')
          .find((a) => a.body.AccountType === 'Income')!.id,
    };

    it('binds items by SKU, then by name, creates the rest, and leaves inactive items out', async () => {
      const income = { value: qbo.incomeAccount() };
      for (const item of [NEW_ITEM, BY_SKU, { Name: 'Retired part', Sku: 'OLD-1', UnitPrice: 1 }])
        expect(
          (await qbo.call('item?minorversion=75', { ...item, Type: 'Service', IncomeAccountRef: income })).status,
        ).toBe(200);
      const retired = qbo.items().find((i) => i.Name === 'Retired part')!;
      const off = await qbo.call('item?minorversion=75', {
        Id: retired.Id,
        SyncToken: retired.SyncToken,
        sparse: true,
        Active: false,
      });
      expect(off.status).toBe(200);
      const active = qbo.items().filter((i) => i.Active !== false);
      const before = products();

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(['items', 'bind-products', 'map-product', 'products']);
      expect(node(s, 'items')).toMatchObject({ in: active.length, out: active.length, failed: 0 });
      // Bound: the product of Code P-3 (by SKU) and "Consulting Hours" (by name); the rest are new.
      expect(await sinkCounts(g.weft, s.runId, 'products')).toMatchObject({
        created: active.length - 2,
        updated: 2,
        failed: 0,
      });

      const after = products();
      expect(after).toHaveLength(before.length + active.length - 2);
      expect(after.find((p) => p.Code === BY_SKU.Sku)).toMatchObject({ Name: BY_SKU.Name, Price: BY_SKU.UnitPrice });
      expect(after.filter((p) => p.Name === 'Consulting Hours')).toHaveLength(1);
      expect(after.find((p) => p.Name === 'Consulting Hours')!.Code).toBe('P-20'); // an item without SKU keeps the code
      const made = after.find((p) => p.Name === NEW_ITEM.Name)!;
      expect(made).toMatchObject({ Code: NEW_ITEM.Sku, Price: NEW_ITEM.UnitPrice });
      expect(Boolean(made.IsArchive)).toBe(false);
      expect(made.UsrQBLastModified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(after.some((p) => p.Name === 'Retired part')).toBe(false);
    });

    it('with "Include inactive records", an item made inactive in QuickBooks archives its product', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'items').in).toBe(0); // nothing changed since
      const item = qbo.items().find((i) => i.Name === NEW_ITEM.Name)!;
      expect(
        (
          await qbo.call('item?minorversion=75', {
            Id: item.Id,
            SyncToken: item.SyncToken,
            sparse: true,
            Active: false,
          })
        ).status,
      ).toBe(200);
      // Left out by the template's own setting: the product stays as it was.
      expect(node(await runTemplate(g.weft, FLOW), 'items').in).toBe(0);
      expect(Boolean(products().find((p) => p.Name === NEW_ITEM.Name)!.IsArchive)).toBe(false);

      const touched = qbo.items().find((i) => i.Name === NEW_ITEM.Name)!;
      await qbo.call('item?minorversion=75', {
        Id: touched.Id,
        SyncToken: touched.SyncToken,
        sparse: true,
        UnitPrice: 45,
      });
      const s = await runTemplateWith(g.weft, FLOW, { items: { includeInactive: true } });
      // Also read now: "Retired part", made inactive after the last item the first run read.
      expect(node(s, 'items').in).toBe(2);
      expect(await sinkCounts(g.weft, s.runId, 'products')).toMatchObject({ created: 1, updated: 1, failed: 0 });
      expect(Boolean(products().find((p) => p.Name === 'Retired part')!.IsArchive)).toBe(true);
      expect(products().find((p) => p.Name === NEW_ITEM.Name)).toMatchObject({ Price: 45 });
      expect(Boolean(products().find((p) => p.Name === NEW_ITEM.Name)!.IsArchive)).toBe(true);
    });
  });
}
