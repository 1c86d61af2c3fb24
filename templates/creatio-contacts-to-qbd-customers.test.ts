// Golden test of "Creatio contacts → QuickBooks Desktop customers" (seed §5.1 "Creatio Account/Contact to QB
// Customer/Job"), through the queue and the sandbox's Web Connector: after the accounts flow, every contact of a
// bound company becomes its sub-customer, Company:Contact; a contact of a company that is not in QuickBooks fails
// alone, saying which flow to run; a rerun finds each again by its full name under its company and updates it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUPLICATE_INDEX, demoAccount } from '../sandbox/demo-data';
import { seededAccountId } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';

const ACCOUNTS = 300;
const FLOW = 'creatio-contacts-to-qbd-customers';

interface Contact {
  Id: string;
  Name: string;
  GivenName: string;
  Surname: string;
  Email: string;
  AccountId: string | null;
}

for (const db of testDatabases()) {
  describe(`template "${FLOW}" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_contacts');
    });
    afterAll(() => g?.close());
    const file = () => g.weft.sandboxes!.qbd.file;
    const indexOf = new Map(Array.from({ length: ACCOUNTS }, (_, i) => [seededAccountId(i), i]));
    // The accounts flow binds active accounts but the duplicate pair and a name past 41 characters.
    const bound = (i: number) =>
      demoAccount(i).active &&
      i !== DUPLICATE_INDEX &&
      i !== DUPLICATE_INDEX + 1 &&
      [...demoAccount(i).name].length <= 41;
    const full = (c: Contact) => `${demoAccount(indexOf.get(c.AccountId!)!).name}:${c.Name}`;

    it('makes each contact of a bound company its sub-customer, and fails the others alone with the next step', async () => {
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
      const all = g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "Id", "Name", "GivenName", "Surname", "Email", "AccountId" FROM "Contact"',
        )
        .all() as Contact[];
      const withCompany = all.filter((c) => c.AccountId);
      const orphans = withCompany.filter((c) => !bound(indexOf.get(c.AccountId!)!));
      const good = withCompany.filter((c) => !orphans.includes(c));
      // Two contacts of one company with the same name would be one sub-customer: both fail, by name.
      const twins = good.filter((c) => good.filter((x) => full(x) === full(c)).length > 1);
      expect(orphans.length).toBeGreaterThan(0);
      const before = file().customerCount();

      const s = await runTemplate(g.weft, FLOW);
      expect(s.nodes.map((n) => n.id)).toEqual([
        'contacts',
        'with-company',
        'company',
        'bind-customers',
        'map-customer',
        'customers',
      ]);
      expect(node(s, 'with-company')).toMatchObject({ in: all.length, out: withCompany.length });
      expect(node(s, 'company')).toMatchObject({ out: good.length, failed: orphans.length });
      expect(node(s, 'bind-customers')).toMatchObject({ in: good.length, failed: twins.length });
      expect(await sinkCounts(g.weft, s.runId, 'customers')).toMatchObject({
        created: good.length - twins.length,
        updated: 0,
        failed: 0,
      });
      const [f] = await g.weft.services.runs.failures('default', s.runId, 'company', 1);
      expect(f.failure.action).toContain('Run the "Creatio accounts → QuickBooks Desktop customers" flow first');

      expect(file().customerCount()).toBe(before + good.length - twins.length);
      for (const c of good.filter((x) => !twins.includes(x))) {
        const made = file().customerByName(full(c));
        expect(made, full(c)).toBeDefined();
        expect(made!.fields).toMatchObject({ FirstName: c.GivenName, LastName: c.Surname, Email: c.Email });
      }
    });

    it('reruns without duplicating: a sub-customer is found again under its company and updated', async () => {
      const before = file().customerCount();
      const creatio = await creatioSession(g.weft);
      const [c] = await creatio.get<{ Id: string; Name: string }>(
        `Contact?$filter=${encodeURIComponent(`Account/Id eq ${seededAccountId(3)}`)}&$select=Id,Name`,
      );
      expect(await creatio.patch(`Contact(${c.Id})`, { Email: 'new.address+café@example.test' })).toBe(204);
      // With its cross-reference gone (a data folder restored…), the full name under the company finds it again,
      // though the contact's own name alone would not.
      expect((await g.weft.queue.pool.query('DELETE FROM weft_xref WHERE source_key = $1', [c.Id])).rowCount).toBe(1);
      await g.weft.services.runs.setWatermark('default', `template-${FLOW}`, 'contacts', null);
      const s = await runTemplate(g.weft, FLOW);
      expect((await sinkCounts(g.weft, s.runId, 'customers')).created).toBe(0);
      const bound = await g.weft.services.runs.failures('default', s.runId, 'bind-customers', 100);
      expect(bound.map((f) => f.record.key)).not.toContain(c.Id);
      expect(file().customerCount()).toBe(before);
      expect(file().customerByName(`${demoAccount(3).name}:${c.Name}`)!.fields.Email).toBe(
        'new.address+café@example.test',
      );
    });
  });
}
