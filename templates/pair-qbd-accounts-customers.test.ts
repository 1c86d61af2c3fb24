// Golden test of the bi-directional pair "Creatio accounts ↔ QuickBooks Desktop customers"
// (two flows, one each way, the Desktop side through the Web Connector), run for several
// cycles of both flows: a cycle in which nobody changed anything writes nothing, and a
// person's change on either side arrives once on the other and does not bounce back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, laterSecond, sinkCounts, type Golden } from './test-golden';
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
import { runTemplateWith } from './test-variant-golden';

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
        const now = laterSecond(row.timeModified);
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

      it('with the contact and address options on both flows, an address crosses once and nothing bounces', async () => {
        // The analyst's options: the primary contact and its shipping address toward QuickBooks, and the customer's
        // billing address onto all the account's contacts toward Creatio.
        const TO_QB_OPTIONS = { options: { primaryContact: 'account-lookup', shippingAddress: 'primary-contact' } };
        const TO_CREATIO_OPTIONS = { 'contact-addresses': { sync: 'all-contacts' } };
        const way = async (w: typeof TO_QB, settings: Record<string, Record<string, unknown>>) => {
          const run = await runTemplateWith(g.weft, w.template, settings);
          const [read, wrote] = await Promise.all([
            sinkCounts(g.weft, run.runId, w.source),
            sinkCounts(g.weft, run.runId, w.sink),
          ]);
          return { read: read.in, created: wrote.created, updated: wrote.updated };
        };
        const cycleWithOptions = async () => ({
          toQb: await way(TO_QB, TO_QB_OPTIONS),
          toCreatio: await way(TO_CREATIO, TO_CREATIO_OPTIONS),
        });
        const db = g.weft.sandboxes!.creatio.db;
        const [target] = (
          db
            .prepare(
              'SELECT a."Id", a."Name" FROM "Account" a JOIN "Contact" c ON c."AccountId" = a."Id" ' +
                'GROUP BY a."Id" HAVING count(*) = 2',
            )
            .all() as { Id: string; Name: string }[]
        ).filter((a) => file().customerByName(a.Name) && account(a.Name).length === 1);
        const contacts = () =>
          db.prepare('SELECT "Address", "ModifiedOn" FROM "Contact" WHERE "AccountId" = ?').all(target.Id) as {
            Address: string | null;
            ModifiedOn: string;
          }[];
        const row = file().customerByName(target.Name)!;
        const now = laterSecond(row.timeModified);
        file().saveCustomer({
          ...row,
          fields: { ...row.fields, BillAddress: { Addr1: '3 Wharf Ln', PostalCode: '02109' } },
          timeModified: now,
          editSequence: String(now / 1000),
        });

        const first = await cycleWithOptions();
        expect(first.toCreatio).toMatchObject({ read: 1, updated: 1 });
        expect(contacts().map((c) => c.Address)).toEqual(['3 Wharf Ln', '3 Wharf Ln']);
        const stamps = contacts().map((c) => c.ModifiedOn);

        // The account Weft updated comes back to the forward flow as its partner's write: nothing goes to QuickBooks,
        // and the contacts, already right, are not written again.
        const second = await cycleWithOptions();
        expect(second.toQb).toMatchObject({ created: 0, updated: 0 });
        expect(second.toCreatio).toEqual({ read: 0, created: 0, updated: 0 });
        const third = await cycleWithOptions();
        expect(third).toEqual({
          toQb: { read: 0, created: 0, updated: 0 },
          toCreatio: { read: 0, created: 0, updated: 0 },
        });
        expect(contacts().map((c) => c.ModifiedOn)).toEqual(stamps);
      });
    },
  );
}
