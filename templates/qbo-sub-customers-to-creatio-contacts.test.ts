// Golden test of "QuickBooks Online sub-customers → Creatio contacts" (seed §5.1, QB_Creatio): a sub-customer with
// a person's names becomes a contact of the account linked to its parent; a job (no names) is left out; a
// sub-customer of a parent no flow linked fails alone, naming the parent and the flow to run. A later run updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, node, runTemplate, sinkCounts } from './test-golden';
import { bootPeopleGolden, type PeopleGolden, type Row } from './test-qbo-people-to-creatio';

const FLOW = 'qbo-sub-customers-to-creatio-contacts';

interface Contact {
  Name: string;
  GivenName: string;
  Surname: string;
  Email: string;
  Phone: string;
  AccountId: string | null;
}

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online sub-customers → Creatio contacts" on ${db.name}`, () => {
    let t: PeopleGolden;
    let company: Row;
    let ana: Row;
    let namesake: string;
    beforeAll(async () => {
      t = await bootPeopleGolden(db.url, 'golden_qbosub2crm');
      // A company the accounts flow linked to its account, and one entered in QuickBooks since.
      company = t.rows('Customer').find((c) => c.Level === 0 && c.Active !== false)!;
      const newco = await t.customer({ DisplayName: 'Newco Ltd', CompanyName: 'Newco Ltd' });
      ana = await t.customer({
        DisplayName: `Ana Silva (${company.DisplayName})`.slice(0, 100),
        GivenName: 'Ana',
        FamilyName: 'Silva',
        PrimaryEmailAddr: { Address: 'ana.silva@example.com' },
        PrimaryPhone: { FreeFormNumber: '+1 212 555 0199' },
        ParentRef: { value: company.Id },
      });
      await t.customer({ DisplayName: 'Website rebuild', Job: true, ParentRef: { value: company.Id } });
      await t.customer({
        DisplayName: 'Sam Ng (Newco)',
        GivenName: 'Sam',
        FamilyName: 'Ng',
        ParentRef: { value: newco.Id },
      });
      // A namesake in another company: the flow must not take her for the sub-customer.
      const session = await creatioSession(t.g.weft);
      namesake = (await session.get<{ Id: string }>('Account?$select=Id&$top=1&$orderby=Name desc'))[0].Id;
      const twin = { Name: 'Ana Silva', Email: 'ana@elsewhere.example', AccountId: namesake };
      expect(await session.post('Contact', twin)).toBe(201);
    });
    afterAll(() => t?.g.close());

    const contact = (name: string) =>
      t.sql<Contact>(
        'SELECT "Name", "GivenName", "Surname", "Email", "Phone", "AccountId" FROM "Contact" WHERE "Name" = ?',
        name,
      );
    const accountOf = (fullName: string) =>
      t.sql<{ Id: string }>('SELECT "Id" FROM "Account" WHERE "UsrQBFullName" = ?', fullName)[0]?.Id;

    it("makes each person sub-customer a contact of its parent's account", async () => {
      const s = await runTemplate(t.g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'sub-customers', 'named', 'company', 'map', 'bind', 'write']);
      const all = t.rows('Customer').length;
      expect(node(s, 'read')).toMatchObject({ in: all, out: all });
      expect(node(s, 'sub-customers')).toMatchObject({ out: 3 });
      expect(node(s, 'named')).toMatchObject({ out: 2 });
      expect(node(s, 'company')).toMatchObject({ out: 1, failed: 1 });
      expect(await sinkCounts(t.g.weft, s.runId, 'write')).toMatchObject({ created: 1, updated: 0, failed: 0 });

      const [unlinked] = await t.g.weft.services.runs.failures('default', s.runId, 'company', 5);
      expect(unlinked.failure.message).toContain('Newco Ltd');
      expect(unlinked.failure.action).toContain('"QuickBooks customers → Creatio accounts"');

      expect(accountOf(company.FullyQualifiedName)).toBeTruthy();
      expect(contact('Ana Silva').filter((c) => c.AccountId !== namesake)).toEqual([
        {
          Name: 'Ana Silva',
          GivenName: 'Ana',
          Surname: 'Silva',
          Email: 'ana.silva@example.com',
          Phone: '+1 212 555 0199',
          AccountId: accountOf(company.FullyQualifiedName),
        },
      ]);
      expect(contact('Ana Silva').filter((c) => c.AccountId === namesake)).toMatchObject([
        { Email: 'ana@elsewhere.example' },
      ]);
      expect([...contact('Website rebuild'), ...contact('Sam Ng')]).toEqual([]);
    });

    it('reads only the sub-customer changed since and updates its contact', async () => {
      expect(node(await runTemplate(t.g.weft, FLOW), 'read').in).toBe(0);
      const stored = t.rows('Customer').find((c) => c.Id === ana.Id)!;
      const answer = await t.qbo('customer?minorversion=75', {
        Id: stored.Id,
        SyncToken: stored.SyncToken,
        sparse: true,
        PrimaryPhone: { FreeFormNumber: '+1 212 555 0100' },
      });
      expect(answer.status).toBe(200);
      const s = await runTemplate(t.g.weft, FLOW);
      expect(node(s, 'read').in).toBe(1);
      expect(await sinkCounts(t.g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(contact('Ana Silva').filter((c) => c.AccountId !== namesake)).toMatchObject([
        { Phone: '+1 212 555 0100', Email: 'ana.silva@example.com' },
      ]);
    });
  });
}
