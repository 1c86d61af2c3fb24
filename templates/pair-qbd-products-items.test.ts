// Golden test of the bi-directional pair "Creatio products ↔ QuickBooks Desktop items"
// (two flows, one each way, the Desktop side through the Web Connector), run for several
// cycles of both flows: a cycle in which nobody changed anything writes nothing, and a
// price changed on either side arrives once on the other and does not bounce back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS } from '../sandbox/creatio/seed';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, laterSecond, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { expectEachChangeCrossesOnce, expectNothingBounces, pairCycle, setUpPair } from './test-pair-golden';

const TO_QB = { template: 'creatio-products-to-qbd-items', source: 'products', sink: 'items' };
const TO_CREATIO = { template: 'qbd-items-to-creatio-products', source: 'items', sink: 'products' };

// Each test runs both flows for several cycles: longer than the suite's 60 s on a busy machine.
for (const db of testDatabases()) {
  describe(
    `bi-directional pair "Creatio products ↔ QuickBooks Desktop items" on ${db.name}`,
    { timeout: 240_000 },
    () => {
      let g: Golden;
      beforeAll(async () => {
        g = await bootQbdGolden(db.url, 'golden_pair_qbditems');
        await setUpPair(g.weft, [TO_QB.template, TO_CREATIO.template]);
      });
      afterAll(() => g?.close());

      const cycle = () => pairCycle(g.weft, TO_QB, TO_CREATIO);
      const file = () => g.weft.sandboxes!.qbd.file;
      const product = (name: string) =>
        g.weft.sandboxes!.creatio.db.prepare('SELECT "Id", "Price" FROM "Product" WHERE "Name" = ?').all(name) as {
          Id: string;
          Price: number;
        }[];

      it('after the first cycle, a cycle with no change writes nothing on either side', async () => {
        await cycle();
        const second = await cycle();
        expect(second.toQb).toMatchObject({ created: 0, updated: 0 });
        expect(second.toQb.read).toBe(second.toQb.echoes); // what it read back is Weft's own writes
        expect(second.toCreatio).toEqual({ read: 0, echoes: 0, created: 0, updated: 0 });
      });

      it('a price changed on each side arrives once on the other and does not bounce back', async () => {
        const [inCreatio, inQuickBooks] = [PRODUCTS[1].Name, PRODUCTS[2].Name];
        const session = await creatioSession(g.weft);
        expect(await session.patch(`Product(${product(inCreatio)[0].Id})`, { Price: 61.5 })).toBe(204);
        const row = file().objectByName('Item', inQuickBooks)!;
        const now = laterSecond(row.timeModified);
        const sop = row.data.SalesOrPurchase as Record<string, unknown>;
        file().saveObject({
          ...row,
          data: { ...row.data, SalesOrPurchase: { ...sop, Price: '62.50' } },
          timeModified: now,
          editSequence: String(now / 1000),
        });

        await expectEachChangeCrossesOnce(cycle);
        expect(product(inQuickBooks)[0].Price).toBe(62.5);

        await expectNothingBounces(cycle);
      });
    },
  );
}
