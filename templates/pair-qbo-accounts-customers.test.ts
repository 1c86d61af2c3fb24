// Golden test of the bi-directional pair "Creatio accounts ↔ QuickBooks Online customers"
// (two flows, one each way), run for several cycles of both flows. After the first
// cycle, a cycle in which nobody changed anything writes nothing, because neither flow
// sends back what the other wrote (echo suppression, engine/run/echo.ts); a person's
// change on either side arrives once on the other and does not bounce back, also in a field Weft had left empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVE_YES_ID } from '../sandbox/creatio';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, type Golden } from './test-golden';
import {
  accountsNamed,
  expectEachChangeCrossesOnce,
  expectNothingBounces,
  expectQuietCycle,
  pairCycle,
  setUpPair,
  twoBoundAccounts,
} from './test-pair-golden';

const TO_QB = { template: 'creatio-accounts-to-qbo-customers', source: 'accounts', sink: 'customers' };
const TO_CREATIO = { template: 'qbo-customers-to-creatio-accounts', source: 'customers', sink: 'accounts' };
const NEW_CUSTOMER = 'Arrived from QuickBooks & Co';
/** An account made in Creatio with no phone and no web address: Weft leaves both empty in QuickBooks. */
const BARE = 'Bare Account from Creatio';
const NOTHING = { read: 0, echoes: 0, created: 0, updated: 0 };
/** The record the other flow just wrote, read back and left out. */
const ECHO = { read: 1, echoes: 1, created: 0, updated: 0 };

// Each test runs both flows for several cycles: longer than the suite's 60 s on a busy machine.
for (const db of testDatabases()) {
  describe(
    `bi-directional pair "Creatio accounts ↔ QuickBooks Online customers" on ${db.name}`,
    { timeout: 240_000 },
    () => {
      let g: Golden;
      let token: string;
      beforeAll(async () => {
        g = await bootGolden(db.url, 'golden_pair_qbo');
        token = await accessToken(g.weft.sandboxes!.qbo);
        await setUpPair(g.weft, [TO_QB.template, TO_CREATIO.template]);
      });
      afterAll(() => g?.close());

      const cycle = () => pairCycle(g.weft, TO_QB, TO_CREATIO);
      const customers = () =>
        g.weft
          .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Customer')
          .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as Record<string, any>);
      const customer = (name: string) => customers().find((c) => c.DisplayName === name)!;
      const account = (name: string) => accountsNamed(g.weft, name);
      /** Two active accounts each bound to its customer of the same name. */
      const syncedPair = () => twoBoundAccounts(g.weft, (n) => !!customer(n));

      it('after the first cycle, a cycle with no change writes nothing on either side', async () => {
        const r = await call(g.weft.sandboxes!.qbo, token, 'customer?minorversion=75', {
          body: { DisplayName: NEW_CUSTOMER, PrimaryPhone: { FreeFormNumber: '+1 555 0150' } },
        });
        expect(r.status).toBe(200);
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
        const c = customer(inQuickBooks);
        const answer = await call(g.weft.sandboxes!.qbo, token, 'customer?minorversion=75', {
          body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, PrimaryPhone: { FreeFormNumber: '+1 555 0162' } },
        });
        expect(answer.status).toBe(200);

        // Cycle 3: each change crosses once; the customer Weft just updated comes back to the reverse flow as an echo.
        await expectEachChangeCrossesOnce(cycle);
        expect(customer(inCreatio).PrimaryPhone.FreeFormNumber).toBe('+1 555 0161');
        expect(account(inQuickBooks)[0].Phone).toBe('+1 555 0162');

        // Cycle 4: the account Weft updated from QuickBooks comes back to the forward flow as an echo: nothing bounces.
        await expectNothingBounces(cycle);
        expect(customer(inQuickBooks).PrimaryPhone.FreeFormNumber).toBe('+1 555 0162');
      });

      it('a field Weft left empty, filled later by a person on either side, arrives once and does not bounce back', async () => {
        const session = await creatioSession(g.weft);
        expect(await session.post('Account', { Name: BARE, UsrActiveId: ACTIVE_YES_ID })).toBe(201);
        const first = await cycle();
        expect(first.toQb).toEqual({ read: 1, echoes: 0, created: 1, updated: 0 });
        expect(first.toCreatio).toEqual({ read: 1, echoes: 1, created: 0, updated: 0 });
        expect(customer(BARE).PrimaryPhone).toBeUndefined();

        // A bookkeeper gives the customer the phone Weft had left empty: it reaches Creatio, and stops there.
        const c = customer(BARE);
        const answer = await call(g.weft.sandboxes!.qbo, token, 'customer?minorversion=75', {
          body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, PrimaryPhone: { FreeFormNumber: '+1 555 0175' } },
        });
        expect(answer.status).toBe(200);
        expect(await cycle()).toEqual({ toQb: NOTHING, toCreatio: { read: 1, echoes: 0, created: 0, updated: 1 } });
        expect(account(BARE)[0].Phone).toBe('+1 555 0175');
        await expectNothingBounces(cycle);

        // Someone in Creatio gives the account the web address QuickBooks had none of: it reaches QuickBooks once.
        expect(await session.patch(`Account(${account(BARE)[0].Id})`, { Web: 'https://bare.example' })).toBe(204);
        expect(await cycle()).toEqual({ toQb: { read: 1, echoes: 0, created: 0, updated: 1 }, toCreatio: ECHO });
        expect(customer(BARE).WebAddr.URI).toBe('https://bare.example');
        expect(customer(BARE).PrimaryPhone.FreeFormNumber).toBe('+1 555 0175');
        await expectQuietCycle(cycle, 0);
      });
    },
  );
}
