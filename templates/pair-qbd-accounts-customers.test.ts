// Golden test of the bi-directional pair "Creatio accounts ↔ QuickBooks Desktop customers"
// (two flows, one each way, the Desktop side through the Web Connector), run for several
// cycles of both flows: a cycle in which nobody changed anything writes nothing, and a
// person's change on either side arrives once on the other and does not bounce back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import {
  accountsNamed,
  expectEachChangeCrossesOnce,
  expectNothingBounces,
  expectQuietCycle,
  pairCycle,
  setUpPair,
  twoBoundAccounts,
} from './test-pair-golden';

const TO_QB = { template: 'creatio-accounts-to-qbd-customers', source: 'accounts', sink: 'customers' };
const TO_CREATIO = { template: 'qbd-customers-to-creatio-accounts', source: 'customers', sink: 'accounts' };
const NEW_CUSTOMER = 'Arrived from the company file';

// Each test runs both flows for several cycles: longer than the suite's 60 s on a busy machine.
for (const db of testDatabases()) {
  describe(
    `bi-directional pair "Creatio accounts ↔ QuickBooks Desktop customers" on ${db.name}`,
    { timeout: 240_000 },
    () => {
      let g: Golden;
      beforeAll(async () => {
        g = await bootQbdGolden(db.url, 'golden_pair_qbd');
        await setUpPair(g.weft, [TO_QB.template, TO_CREATIO.template]);
      });
      afterAll(() => g?.close());

      const cycle = () => pairCycle(g.weft, TO_QB, TO_CREATIO);
      const file = () => g.weft.sandboxes!.qbd.file;
      const account = (name: string) => accountsNamed(g.weft, name);
      /** Two active accounts each bound to its customer of the same name. */
      const syncedPair = () => twoBoundAccounts(g.weft, (n) => !!file().customerByName(n));

      it('after the first cycle, a cycle with no change writes nothing on either side', async () => {
        file().addCustomer({ name: NEW_CUSTOMER, fields: { Phone: '+1 555 0150' } });
        const first = await cycle();
        expect(first.toCreatio.created).toBe(1); // the customer made in QuickBooks
        expect(account(NEW_CUSTOMER)).toEqual([expect.objectContaining({ Phone: '+1 555 0150' })]);
        // The account made from QuickBooks comes back to the forward flow as Weft's own write: left out.
        await expectQuietCycle(cycle, 1);
      });

      it('a change on each side arrives once on the other and does not bounce back', async () => {
        const [inCreatio, inQuickBooks] = syncedPair();
        const session = await creatioSession(g.weft);
        expect(await session.patch(`Account(${account(inCreatio)[0].Id})`, { Phone: '+1 555 0161' })).toBe(204);
        const row = file().customerByName(inQuickBooks)!;
        const now = Math.floor(Date.now() / 1000) * 1000;
        file().saveCustomer({
          ...row,
          fields: { ...row.fields, Phone: '+1 555 0162' },
          timeModified: now,
          editSequence: String(now / 1000),
        });

        // Cycle 3: each change crosses once; the customer Weft just updated comes back to the reverse flow as an echo.
        await expectEachChangeCrossesOnce(cycle);
        expect(file().customerByName(inCreatio)!.fields.Phone).toBe('+1 555 0161');
        expect(account(inQuickBooks)[0].Phone).toBe('+1 555 0162');

        // Cycle 4: the account Weft updated from QuickBooks comes back to the forward flow as an echo: nothing bounces.
        await expectNothingBounces(cycle);
      });
    },
  );
}
