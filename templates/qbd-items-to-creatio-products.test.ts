// Golden test of "QuickBooks Desktop items → Creatio products": items of every type are
// read through the Web Connector and bound to the Creatio product of the same name, or
// created, with the ItemCode custom field as the product Code. An item whose NoSync
// custom field is set is skipped with the reason; an inactive item stays out until the
// source reads inactive records too, and then its product is archived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ITEMS } from '../sandbox/quickbooks-desktop/seed';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { runTemplateWith } from './test-variant-golden';

const FLOW = 'qbd-items-to-creatio-products';

interface Product {
  Name: string;
  Code: string;
  Price: number;
  Description: string;
  IsArchive: number | boolean;
}

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop items → Creatio products" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbditem2crm');
      const file = g.weft.sandboxes!.qbd.file;
      const item = (object: string, name: string, data: Record<string, unknown>, isActive = true) =>
        file.addObject({ object, kind: 'list', name, namespace: 'Item', isActive, data: { Name: name, ...data } });
      const widget = item('ItemInventory', 'Widget & Co <XL>', { SalesDesc: 'A widget', SalesPrice: '12.50' });
      file.addDataExtDef('0', 'ItemCode', 'STR255TYPE', ['Item']);
      file.setDataExt('0', 'ItemCode', widget.id, 'W-100');
      const internal = item('ItemService', 'Internal hours', {
        SalesOrPurchase: { Desc: 'Not for sale', Price: '1.00' },
      });
      file.addDataExtDef('0', 'NoSync', 'STR255TYPE', ['Item']);
      file.setDataExt('0', 'NoSync', internal.id, 'Yes');
      item('ItemNonInventory', 'Old kit', { SalesOrPurchase: { Desc: 'Discontinued', Price: '5.00' } }, false);
      item('ItemGroup', 'Starter bundle', { ItemDesc: 'Kit and hours' });
    });
    afterAll(() => g?.close());

    const products = () =>
      g.weft
        .sandboxes!.creatio.db.prepare('SELECT "Name", "Code", "Price", "Description", "IsArchive" FROM "Product"')
        .all() as Product[];
    const product = (name: string) => products().find((p) => p.Name === name);

    it('binds items to products by name, creates the rest with their ItemCode, skips the NoSync item', async () => {
      const before = products().length;
      const active = SEED_ITEMS.length + 3; // the widget, the internal item, the bundle
      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(['items', 'bind-products', 'map-product', 'products']);
      expect(node(s, 'items')).toMatchObject({ in: active, out: active, failed: 0 });
      expect(node(s, 'bind-products')).toMatchObject({ in: active, out: active - 1, failed: 0 });
      // "Consulting Hours" is a Creatio product already: updated; Hardware Kit, Shipping, the widget and the bundle are new.
      expect(await sinkCounts(g.weft, s.runId, 'products')).toMatchObject({ created: 4, updated: 1, failed: 0 });
      expect(products()).toHaveLength(before + 4);

      expect(product('Widget & Co <XL>')).toMatchObject({ Code: 'W-100', Price: 12.5, Description: 'A widget' });
      expect(product('Consulting Hours')).toMatchObject({ Code: 'P-20', Price: 100, Description: 'Consulting Hours' });
      expect(product('Shipping')).toMatchObject({ Price: 150 });
      expect(product('Starter bundle')).toMatchObject({ Description: 'Kit and hours' });
      expect(product('Internal hours')).toBeUndefined();
      expect(product('Old kit')).toBeUndefined();

      // Skipped, not failed: nothing for support to do.
      expect(await sinkCounts(g.weft, s.runId, 'bind-products')).toMatchObject({ skipped: 1, failed: 0 });
    });

    it('reads inactive items when told to, archiving their products; a cleared NoSync brings the item in', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'items').in).toBe(0);
      const file = g.weft.sandboxes!.qbd.file;
      const internal = file.objectByName('Item', 'Internal hours')!;
      file.setDataExt('0', 'NoSync', internal.id, 'No');
      const old = file.objectByName('Item', 'Old kit')!;
      file.saveObject({ ...old, timeModified: Date.now(), editSequence: String(Date.now()) });
      file.saveObject({ ...internal, timeModified: Date.now(), editSequence: String(Date.now()) });

      const s = await runTemplateWith(g.weft, FLOW, { items: { includeInactive: true } });
      expect(node(s, 'items').in).toBe(2);
      expect(await sinkCounts(g.weft, s.runId, 'products')).toMatchObject({ created: 2, updated: 0, failed: 0 });
      expect(Boolean(product('Old kit')!.IsArchive)).toBe(true);
      expect(product('Internal hours')).toMatchObject({ Price: 1, Description: 'Not for sale' });
      expect(Boolean(product('Internal hours')!.IsArchive)).toBe(false);
    });
  });
}
