// Golden test of "Creatio contacts → QuickBooks customers": after the accounts flow,
// every contact of a bound company becomes a sub-customer of its company's customer,
// names and e-mail intact; a contact of a company that is not in QuickBooks fails
// alone, saying to run the accounts flow (or bind the account) first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, DUPLICATE_INDEX } from '../sandbox/demo-data';
import { seededAccountId } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const ACCOUNTS = 300;
const FLOW = 'creatio-contacts-to-qbo-customers';

interface Contact {
  Id: string;
  Name: string;
  GivenName: string;
  Surname: string;
  Email: string;
  AccountId: string | null;
}
interface Customer {
  Id: string;
  DisplayName: string;
  GivenName?: string;
  FamilyName?: string;
  FullyQualifiedName: string;
  Job?: boolean;
  PrimaryEmailAddr?: { Address: string };
  ParentRef?: { value: string };
}

for (const db of testDatabases()) {
  describe(`template "Creatio contacts → QuickBooks customers" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_contacts');
    });
    afterAll(() => g?.close());

    const qbo = () => g.weft.sandboxes!.qbo;
    const customers = () =>
      qbo()
        .store.all(qbo().realmId, 'Customer')
        .map((r) => ({ Id: r.id, ...r.body }) as Customer);
    // Which account index each seeded account id is; the accounts flow binds the active ones but the duplicate pair.
    const indexOf = new Map(Array.from({ length: ACCOUNTS }, (_, i) => [seededAccountId(i), i]));
    const bound = (i: number) => demoAccount(i).active && i !== DUPLICATE_INDEX && i !== DUPLICATE_INDEX + 1;

    it('makes each contact of a bound company a sub-customer of it, and fails the others alone with the next step', async () => {
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      const all = g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "Id", "Name", "GivenName", "Surname", "Email", "AccountId" FROM "Contact"',
        )
        .all() as Contact[];
      const withCompany = all.filter((c) => c.AccountId);
      const orphans = withCompany.filter((c) => !bound(indexOf.get(c.AccountId!)!));
      const good = withCompany.filter((c) => !orphans.includes(c));
      const display = (c: Contact) => `${c.Name} (${demoAccount(indexOf.get(c.AccountId!)!).name})`;
      // Two contacts of one company with the same name would be one customer: both fail, by name.
      const twins = good.filter((c) => good.filter((x) => display(x) === display(c)).length > 1);
      expect(orphans.length).toBeGreaterThan(0);
      const before = customers().length;

      const s = await runTemplate(g.weft, FLOW);
      expect(s.nodes.map((n) => n.id)).toEqual([
        'contacts',
        'with-company',
        'company',
        'map-customer',
        'bind-customers',
        'customers',
      ]);
      expect(node(s, 'contacts')).toMatchObject({ in: all.length, out: all.length });
      expect(node(s, 'with-company')).toMatchObject({ in: all.length, out: withCompany.length, failed: 0 });
      expect(node(s, 'company')).toMatchObject({ in: withCompany.length, out: good.length, failed: orphans.length });
      expect(node(s, 'map-customer')).toMatchObject({ in: good.length, out: good.length, failed: 0 });
      expect(node(s, 'bind-customers')).toMatchObject({ in: good.length, failed: twins.length });
      expect(await sinkCounts(g.weft, s.runId, 'customers')).toMatchObject({
        created: good.length - twins.length,
        updated: 0,
        failed: 0,
      });

      const failures = await g.weft.services.runs.failures('default', s.runId, 'company', 500);
      expect(failures.map((f) => f.record.key).sort()).toEqual(orphans.map((c) => c.Id).sort());
      expect(failures[0].failure).toMatchObject({
        code: 'weft.reference.unbound',
        field: 'AccountId',
        action:
          'Run the "Creatio accounts → QuickBooks customers" flow first (or bind that Account to its Customer by hand), then reprocess this record.',
      });

      const after = customers();
      expect(after).toHaveLength(before + good.length - twins.length);
      for (const c of good.filter((x) => !twins.includes(x))) {
        const company = demoAccount(indexOf.get(c.AccountId!)!).name;
        const parent = after.find((x) => x.DisplayName === company)!;
        const made = after.find((x) => x.DisplayName === display(c));
        // Names with ' & " < > and accents arrive byte for byte; the company is the parent.
        expect(made, display(c)).toMatchObject({
          GivenName: c.GivenName,
          FamilyName: c.Surname,
          PrimaryEmailAddr: { Address: c.Email },
          ParentRef: { value: parent.Id },
          Job: true,
          FullyQualifiedName: `${company}:${display(c)}`,
        });
      }
      for (const company of ['Smith & Sons', 'Café Déjà Vu Crème', 'Ærøskøbing Shipping ÅØ']) {
        expect(after.filter((x) => x.FullyQualifiedName.startsWith(`${company}:`)).length, company).toBeGreaterThan(0);
      }
    });

    it('reruns without duplicating: bound contacts update their customer', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'contacts').in).toBe(0);
      const before = customers().length;
      const creatio = await creatioSession(g.weft);
      const [c] = await creatio.get<{ Id: string; Name: string; AccountId: string }>(
        `Contact?$filter=${encodeURIComponent(`Account/Id eq ${seededAccountId(3)}`)}&$select=Id,Name,AccountId`,
      );
      expect(await creatio.patch(`Contact(${c.Id})`, { Email: 'new.address+café@example.test' })).toBe(204);
      await g.weft.services.runs.setWatermark('default', `template-${FLOW}`, 'contacts', null);

      const s = await runTemplate(g.weft, FLOW);
      const counts = await sinkCounts(g.weft, s.runId, 'customers');
      expect(counts.created).toBe(0);
      expect(counts.updated).toBeGreaterThan(0);
      expect(customers()).toHaveLength(before);
      expect(customers().find((x) => x.DisplayName === `${c.Name} (${demoAccount(3).name})`)!.PrimaryEmailAddr).toEqual(
        { Address: 'new.address+café@example.test' },
      );
    });
  });
}
