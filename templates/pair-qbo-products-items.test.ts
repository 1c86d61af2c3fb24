// Golden test of the bi-directional pair "Creatio products ↔ QuickBooks Online items"
// (two flows, one each way), run for several cycles of both flows: a cycle in which
// nobody changed anything writes nothing, and a price changed on either side arrives
// once on the other and does not bounce back (echo suppression, engine/run/echo.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, type Golden } from './test-golden';
import { expectEachChangeCrossesOnce, expectNothingBounces, pairCycle, setUpPair } from './test-pair-golden';

const TO_QB = { template: 'creatio-products-to-qbo-items', source: 'products', sink: 'qb-items' };
const TO_CREATIO = { template: 'qbo-items-to-creatio-products', source: 'items', sink: 'products' };
const NEW_ITEM = 'Made in QuickBooks <Kit>';

// Each test runs both flows for several cycles: longer than the suite's 60 s on a busy machine.
for (const db of testDatabases()) {
  describe(
    `bi-directional pair "Creatio products ↔ QuickBooks Online items" on ${db.name}`,
    { timeout: 240_000 },
    () => {
      let g: Golden;
      let token: string;
      beforeAll(async () => {
        g = await bootGolden(db.url, 'golden_pair_items');
        token = await accessToken(g.weft.sandboxes!.qbo);
        await setUpPair(g.weft, [TO_QB.template, TO_CREATIO.template]);
      });
      afterAll(() => g?.close());

      const cycle = () => pairCycle(g.weft, TO_QB, TO_CREATIO);
      const items = () =>
        g.weft
          .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Item')
          .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as Record<string, any>);
      const item = (name: string) => items().find((i) => i.Name === name)!;
      const product = (name: string) =>
        g.weft.sandboxes!.creatio.db.prepare('SELECT "Id", "Price" FROM "Product" WHERE "Name" = ?').all(name) as {
          Id: string;
          Price: number;
        }[];
      const qbo = (body: Record<string, unknown>) =>
        call(g.weft.sandboxes!.qbo, token, 'item?minorversion=75', { body });

      it('after the first cycle, a cycle with no change writes nothing on either side', async () => {
        const income = g.weft
          .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Account')
          .find((a) => a.body.AccountType === 'Income')!.id;
        const r = await qbo({ Name: NEW_ITEM, Type: 'Service', UnitPrice: 77, IncomeAccountRef: { value: income } });
        expect(r.status).toBe(200);
        const first = await cycle();
        expect(first.toCreatio.created).toBeGreaterThanOrEqual(1);
        expect(product(NEW_ITEM)).toEqual([expect.objectContaining({ Price: 77 })]);
        const second = await cycle();
        expect(second.toQb).toMatchObject({ created: 0, updated: 0 });
        expect(second.toQb.read).toBe(second.toQb.echoes); // what it read back is Weft's own writes
        expect(second.toCreatio).toEqual({ read: 0, echoes: 0, created: 0, updated: 0 });
      });

      it('a price changed on each side arrives once on the other and does not bounce back', async () => {
        const names = ['Product 1 — "Std" & <Pro>', 'Product 2 — "Std" & <Pro>'];
        for (const n of names) expect(product(n)).toHaveLength(1);
        const session = await creatioSession(g.weft);
        expect(await session.patch(`Product(${product(names[0])[0].Id})`, { Price: 61.5 })).toBe(204);
        const it2 = item(names[1]);
        expect((await qbo({ Id: it2.Id, SyncToken: it2.SyncToken, sparse: true, UnitPrice: 62.5 })).status).toBe(200);

        await expectEachChangeCrossesOnce(cycle);
        expect(item(names[0]).UnitPrice).toBe(61.5);
        expect(product(names[1])[0].Price).toBe(62.5);

        await expectNothingBounces(cycle);
      });
    },
  );
}
