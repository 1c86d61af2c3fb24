// Golden test of "Creatio person accounts → QuickBooks Desktop customers" (seed §5.1 "Creatio Person Account to QB
// Customer/Job"), through the queue and the sandbox's Web Connector: each contact of type Customer without a company
// becomes a customer of its own; a name past QuickBooks Desktop's 41 characters fails alone, with the field named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON_ACCOUNTS } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';

const FLOW = 'creatio-person-accounts-to-qbd-customers';

for (const db of testDatabases()) {
  describe(`template "${FLOW}" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_person_qbd');
    });
    afterAll(() => g?.close());
    const file = () => g.weft.sandboxes!.qbd.file;
    const name = (p: (typeof PERSON_ACCOUNTS)[number]) => `${p.GivenName} ${p.Surname}`;
    const tooLong = PERSON_ACCOUNTS.filter((p) => [...name(p)].length > 41);
    const fit = PERSON_ACCOUNTS.filter((p) => !tooLong.includes(p));

    it('makes each person account a customer of its own; a name QuickBooks cannot hold fails alone, named', async () => {
      expect(tooLong).toHaveLength(1);
      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(node(s, 'persons')).toMatchObject({ out: PERSON_ACCOUNTS.length, failed: 0 });
      expect(node(s, 'map-customer')).toMatchObject({ in: PERSON_ACCOUNTS.length, failed: tooLong.length });
      expect(await sinkCounts(g.weft, s.runId, 'customers')).toMatchObject({ created: fit.length, failed: 0 });
      const [f] = await g.weft.services.runs.failures('default', s.runId, 'map-customer', 10);
      expect(f.failure.message).toContain('Name');
      expect(f.failure.message).toContain('41');
      for (const [n, p] of PERSON_ACCOUNTS.entries()) {
        const c = file().customerByName(name(p));
        if (tooLong.includes(p)) {
          expect(c).toBeUndefined();
          continue;
        }
        expect(c, name(p)).toBeDefined();
        expect(c!.fields).toMatchObject({
          FirstName: p.GivenName,
          LastName: p.Surname,
          Email: p.Email,
          Phone: p.Phone,
          BillAddress: { Addr1: `${10 + n} Market Street`, PostalCode: `0210${n}` },
        });
      }
      expect(file().customerByName('Supervisor')).toBeUndefined();
    });

    it('reruns without duplicating: each person updates its customer', async () => {
      await g.weft.services.runs.setWatermark('default', `template-${FLOW}`, 'contacts', null);
      const s = await runTemplate(g.weft, FLOW);
      expect(await sinkCounts(g.weft, s.runId, 'customers')).toMatchObject({ created: 0, updated: fit.length });
    });
  });
}
