// Golden test of the bi-directional pair "Creatio accounts ↔ QuickBooks Desktop vendors" (two flows, one each
// way, the Desktop side through the Web Connector), run for several cycles of both flows. A vendor made in the
// company file becomes an active Supplier account, which the vendors flow reads back as Weft's own write; a
// cycle in which nobody changed anything writes nothing; a person's change on either side crosses once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVE_YES_ID } from '../sandbox/creatio';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, laterSecond, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import {
  accountsNamed,
  expectEachChangeCrossesOnce,
  expectNothingBounces,
  expectQuietCycle,
  pairCycle,
  setUpPair,
  supplierTypeId,
  twoBoundAccounts,
} from './test-pair-golden';

const TO_QB = { template: 'creatio-accounts-to-qbd-vendors', source: 'accounts', sink: 'vendors' };
const TO_CREATIO = { template: 'qbd-vendors-to-creatio-accounts', source: 'vendors', sink: 'accounts' };
const NEW_VENDOR = 'Arrived from the company file Supplies';

// Each test runs both flows for several cycles: longer than the suite's 60 s on a busy machine.
for (const db of testDatabases()) {
  describe(
    `bi-directional pair "Creatio accounts ↔ QuickBooks Desktop vendors" on ${db.name}`,
    { timeout: 240_000 },
    () => {
      let g: Golden;
      beforeAll(async () => {
        g = await bootQbdGolden(db.url, 'golden_pair_qbd_vendors');
        await setUpPair(g.weft, [TO_QB.template, TO_CREATIO.template]);
      });
      afterAll(() => g?.close());

      const cycle = () => pairCycle(g.weft, TO_QB, TO_CREATIO);
      const file = () => g.weft.sandboxes!.qbd.file;
      const vendor = (name: string) => {
        const v = file().objectByName('Name', name);
        return v?.object === 'Vendor' ? v : undefined;
      };
      const account = (name: string) => accountsNamed(g.weft, name);

      it('a vendor made in the company file becomes an active supplier account; then a quiet cycle writes nothing', async () => {
        file().addObject({
          object: 'Vendor',
          kind: 'list',
          name: NEW_VENDOR,
          namespace: 'Name',
          data: { Name: NEW_VENDOR, Phone: '+1 555 0170' },
        });
        const first = await cycle();
        expect(first.toQb.created).toBeGreaterThan(0); // the supplier accounts the demo company has
        // The vendors Weft just made come back to the reverse flow as its partner's writes: left out.
        expect(first.toCreatio.echoes).toBe(first.toQb.created);
        expect(first.toCreatio.created).toBeGreaterThanOrEqual(1);
        expect(account(NEW_VENDOR)).toEqual([
          expect.objectContaining({ Phone: '+1 555 0170', TypeId: supplierTypeId(g.weft), UsrActiveId: ACTIVE_YES_ID }),
        ]);
        // Every account the reverse flow wrote comes back to the vendors flow as Weft's own write: left out.
        const wroteToCreatio = first.toCreatio.created + first.toCreatio.updated;
        await expectQuietCycle(cycle, wroteToCreatio);
      });

      it('a change on each side arrives once on the other and does not bounce back', async () => {
        // One supplier account from the demo data, and the account made from the company file above.
        const [inCreatio] = twoBoundAccounts(g.weft, (n) => !!vendor(n) && n !== NEW_VENDOR);
        const session = await creatioSession(g.weft);
        expect(await session.patch(`Account(${account(inCreatio)[0].Id})`, { Phone: '+1 555 0171' })).toBe(204);
        const row = vendor(NEW_VENDOR)!;
        const now = laterSecond(row.timeModified);
        file().saveObject({
          ...row,
          data: { ...row.data, Phone: '+1 555 0172' },
          timeModified: now,
          editSequence: String(now / 1000),
        });

        // Cycle 3: each change crosses once; the vendor Weft just updated comes back to the reverse flow as an echo.
        await expectEachChangeCrossesOnce(cycle);
        expect(vendor(inCreatio)!.data.Phone).toBe('+1 555 0171');
        expect(account(NEW_VENDOR)[0].Phone).toBe('+1 555 0172');

        // Cycle 4: the account Weft updated from QuickBooks comes back to the vendors flow as an echo: nothing bounces.
        await expectNothingBounces(cycle);
        expect(vendor(NEW_VENDOR)!.data.Phone).toBe('+1 555 0172');
      });
    },
  );
}
