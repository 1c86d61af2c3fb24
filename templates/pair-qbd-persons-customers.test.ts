// Golden test of the bi-directional pair "Creatio person accounts ↔ QuickBooks Desktop customers" (two flows, one
// each way, the Desktop side through the Web Connector), run for several cycles of both flows. A person customer
// entered in the company file becomes a Creatio contact of type Customer with no account, which the forward flow
// reads back as Weft's own write; a quiet cycle writes nothing; a change on either side crosses once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON_ACCOUNTS } from '../sandbox/creatio';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { qbdAdd, qbdMod } from './test-apgl';
import {
  contactsNamed,
  expectEachChangeCrossesOnce,
  expectNothingBounces,
  expectQuietCycle,
  pairCycle,
  setUpPair,
} from './test-pair-golden';

const TO_QB = { template: 'creatio-person-accounts-to-qbd-customers', source: 'contacts', sink: 'customers' };
const TO_CREATIO = { template: 'qbd-customers-to-creatio-person-accounts', source: 'read', sink: 'write' };
const NEW_PERSON = 'Ada Arrived';
const IN_CREATIO = `${PERSON_ACCOUNTS[0].GivenName} ${PERSON_ACCOUNTS[0].Surname}`;

// Each test runs both flows for several cycles: longer than the suite's 60 s on a busy machine.
for (const db of testDatabases()) {
  describe(
    `bi-directional pair "Creatio person accounts ↔ QuickBooks Desktop customers" on ${db.name}`,
    { timeout: 240_000 },
    () => {
      let g: Golden;
      beforeAll(async () => {
        g = await bootQbdGolden(db.url, 'golden_pair_qbd_persons');
        await setUpPair(g.weft, [TO_QB.template, TO_CREATIO.template]);
      });
      afterAll(() => g?.close());

      const cycle = () => pairCycle(g.weft, TO_QB, TO_CREATIO);
      const file = () => g.weft.sandboxes!.qbd.file;
      const contact = (name: string) => contactsNamed(g.weft, name);

      it('a person customer entered in the company file becomes a person account; a quiet cycle writes nothing', async () => {
        qbdAdd(file(), 'Customer', `<Name>${NEW_PERSON}</Name><FirstName>Ada</FirstName><LastName>Arrived</LastName>`);
        const first = await cycle();
        expect(first.toQb.created).toBeGreaterThan(0); // the demo company's person accounts
        // The customers Weft just made come back to the reverse flow as its partner's writes: left out.
        expect(first.toCreatio.echoes).toBe(first.toQb.created);
        expect(first.toCreatio.created).toBe(1);
        expect(contact(NEW_PERSON)).toEqual([expect.objectContaining({ AccountId: null, Type: 'Customer' })]);
        // The person account made from QuickBooks comes back to the forward flow as Weft's own write: left out.
        await expectQuietCycle(cycle, 1);
      });

      it('a change on each side arrives once on the other and does not bounce back', async () => {
        const session = await creatioSession(g.weft);
        expect(await session.patch(`Contact(${contact(IN_CREATIO)[0].Id})`, { Phone: '+1 555 0181' })).toBe(204);
        const row = file().customerByName(NEW_PERSON)!;
        qbdMod(
          file(),
          'Customer',
          `<ListID>${row.listId}</ListID><EditSequence>${row.editSequence}</EditSequence><Phone>+1 555 0182</Phone>`,
        );

        // Cycle 3: each change crosses once; the customer Weft just updated comes back to the reverse flow as an echo.
        await expectEachChangeCrossesOnce(cycle);
        expect(file().customerByName(IN_CREATIO)!.fields.Phone).toBe('+1 555 0181');
        expect(contact(NEW_PERSON)[0].Phone).toBe('+1 555 0182');

        // Cycle 4: the contact Weft updated from QuickBooks comes back to the forward flow as an echo: nothing bounces.
        await expectNothingBounces(cycle);
      });
    },
  );
}
