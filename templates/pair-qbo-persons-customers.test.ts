// Golden test of the bi-directional pair "Creatio person accounts ↔ QuickBooks Online customers" (two flows,
// one each way), run for several cycles of both flows. A person customer made in QuickBooks becomes a Creatio
// contact of type Customer with no account (a person account), which the forward flow reads back as Weft's own
// write; a quiet cycle writes nothing; a person's change on either side arrives once and does not bounce back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON_ACCOUNTS } from '../sandbox/creatio';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, type Golden } from './test-golden';
import {
  contactsNamed,
  expectEachChangeCrossesOnce,
  expectNothingBounces,
  expectQuietCycle,
  pairCycle,
  setUpPair,
} from './test-pair-golden';

const TO_QB = { template: 'creatio-person-accounts-to-qbo-customers', source: 'contacts', sink: 'customers' };
const TO_CREATIO = { template: 'qbo-customers-to-creatio-person-accounts', source: 'read', sink: 'write' };
const NEW_PERSON = { GivenName: 'Ada', FamilyName: 'Arrived', DisplayName: 'Ada Arrived' };
const IN_CREATIO = `${PERSON_ACCOUNTS[0].GivenName} ${PERSON_ACCOUNTS[0].Surname}`;

// Each test runs both flows for several cycles: longer than the suite's 60 s on a busy machine.
for (const db of testDatabases()) {
  describe(
    `bi-directional pair "Creatio person accounts ↔ QuickBooks Online customers" on ${db.name}`,
    { timeout: 240_000 },
    () => {
      let g: Golden;
      let token: string;
      beforeAll(async () => {
        g = await bootGolden(db.url, 'golden_pair_qbo_persons');
        token = await accessToken(g.weft.sandboxes!.qbo);
        await setUpPair(g.weft, [TO_QB.template, TO_CREATIO.template]);
      });
      afterAll(() => g?.close());

      const cycle = () => pairCycle(g.weft, TO_QB, TO_CREATIO);
      const customer = (name: string) =>
        g.weft
          .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Customer')
          .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as Record<string, any>)
          .find((c) => c.DisplayName === name)!;
      const contact = (name: string) => contactsNamed(g.weft, name);

      it('a person customer made in QuickBooks becomes a person account; then a quiet cycle writes nothing', async () => {
        const r = await call(g.weft.sandboxes!.qbo, token, 'customer?minorversion=75', {
          body: { ...NEW_PERSON, PrimaryPhone: { FreeFormNumber: '+1 555 0180' } },
        });
        expect(r.status).toBe(200);
        const first = await cycle();
        expect(first.toQb.created).toBeGreaterThan(0); // the demo company's person accounts
        // The customers Weft just made come back to the reverse flow as its partner's writes: left out.
        expect(first.toCreatio.echoes).toBe(first.toQb.created);
        expect(first.toCreatio.created).toBe(1);
        expect(contact(NEW_PERSON.DisplayName)).toEqual([
          expect.objectContaining({ Phone: '+1 555 0180', AccountId: null, Type: 'Customer' }),
        ]);
        // The person account made from QuickBooks comes back to the forward flow as Weft's own write: left out.
        await expectQuietCycle(cycle, 1);
      });

      it('a change on each side arrives once on the other and does not bounce back', async () => {
        const session = await creatioSession(g.weft);
        expect(await session.patch(`Contact(${contact(IN_CREATIO)[0].Id})`, { Phone: '+1 555 0181' })).toBe(204);
        const c = customer(NEW_PERSON.DisplayName);
        const answer = await call(g.weft.sandboxes!.qbo, token, 'customer?minorversion=75', {
          body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, PrimaryPhone: { FreeFormNumber: '+1 555 0182' } },
        });
        expect(answer.status).toBe(200);

        // Cycle 3: each change crosses once; the customer Weft just updated comes back to the reverse flow as an echo.
        await expectEachChangeCrossesOnce(cycle);
        expect(customer(IN_CREATIO).PrimaryPhone.FreeFormNumber).toBe('+1 555 0181');
        expect(contact(NEW_PERSON.DisplayName)[0].Phone).toBe('+1 555 0182');

        // Cycle 4: the contact Weft updated from QuickBooks comes back to the forward flow as an echo: nothing bounces.
        await expectNothingBounces(cycle);
        expect(customer(NEW_PERSON.DisplayName).PrimaryPhone.FreeFormNumber).toBe('+1 555 0182');
      });
    },
  );
}
