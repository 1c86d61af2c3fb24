// Golden test of "QuickBooks Desktop sub-customers → Creatio contacts" (seed §5.1, QB_Creatio): after
// "QuickBooks Desktop customers → Creatio accounts" has linked the companies, a sub-customer (Company:Contact) with
// a person's names becomes a contact of the account linked to its parent; a job (no names) is left out; a
// sub-customer of a parent no flow linked fails alone, naming the parent and the flow to run. A later run updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { creatioRows, qbdAdd, qbdMod } from './test-apgl';

const FLOW = 'qbd-sub-customers-to-creatio-contacts';
const COLUMNS = ['Name', 'GivenName', 'Surname', 'Email', 'Phone', 'AccountId'];

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop sub-customers → Creatio contacts" on ${db.name}`, () => {
    let g: Golden;
    let company: { listId: string; name: string };
    let ana: Record<string, any>;
    let namesake: string;
    const file = () => g.weft.sandboxes!.qbd.file;
    const accountOf = (fullName: string) =>
      creatioRows(g, 'Account', ['Id', 'UsrQBFullName']).find((a) => a.UsrQBFullName === fullName)?.Id;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_sub');
      expect((await runTemplate(g.weft, 'qbd-customers-to-creatio-accounts')).status).toMatch(/^(succeeded|completed)/);
      // A company the accounts flow linked to its account, and one entered in QuickBooks since.
      company = file()
        .customers({ active: 'ActiveOnly' })
        .find((c) => !c.name.includes(':') && accountOf(c.name))!;
      const newco = qbdAdd(file(), 'Customer', '<Name>Newco Ltd</Name><CompanyName>Newco Ltd</CompanyName>');
      const under = (id: string) => `<ParentRef><ListID>${id}</ListID></ParentRef>`;
      ana = qbdAdd(
        file(),
        'Customer',
        `<Name>Ana Silva</Name>${under(company.listId)}<FirstName>Ana</FirstName><LastName>Silva</LastName>` +
          '<Phone>+1 212 555 0199</Phone><Email>ana.silva@example.com</Email>',
      );
      qbdAdd(file(), 'Customer', `<Name>Website rebuild</Name>${under(company.listId)}`);
      qbdAdd(file(), 'Customer', `<Name>Sam Ng</Name>${under(String(newco.ListID))}<FirstName>Sam</FirstName>`);
      // A namesake in another company: the flow must not take her for the sub-customer.
      const session = await creatioSession(g.weft);
      namesake = (await session.get<{ Id: string }>('Account?$select=Id&$top=1&$orderby=Name desc'))[0].Id;
      const twin = { Name: 'Ana Silva', Email: 'ana@elsewhere.example', AccountId: namesake };
      expect(await session.post('Contact', twin)).toBe(201);
    });
    afterAll(() => g?.close());

    const contact = (name: string) => creatioRows(g, 'Contact', COLUMNS).filter((c) => c.Name === name);

    it("makes each person sub-customer a contact of its parent's account", async () => {
      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'sub-customers', 'named', 'company', 'bind', 'map', 'write']);
      const all = file().customers({ active: 'ActiveOnly' });
      expect(node(s, 'read')).toMatchObject({ in: all.length, out: all.length });
      const subs = all.filter((c) => c.name.includes(':')).length;
      expect(node(s, 'sub-customers')).toMatchObject({ out: subs });
      expect(node(s, 'named')).toMatchObject({ out: 2 });
      expect(node(s, 'company')).toMatchObject({ out: 1, failed: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 1, updated: 0, failed: 0 });

      const [unlinked] = await g.weft.services.runs.failures('default', s.runId, 'company', 5);
      expect(unlinked.failure.message).toContain('Newco Ltd');
      expect(unlinked.failure.action).toContain('"QuickBooks Desktop customers → Creatio accounts"');

      expect(contact('Ana Silva').filter((c) => c.AccountId !== namesake)).toEqual([
        {
          Name: 'Ana Silva',
          GivenName: 'Ana',
          Surname: 'Silva',
          Email: 'ana.silva@example.com',
          Phone: '+1 212 555 0199',
          AccountId: accountOf(company.name),
        },
      ]);
      expect(contact('Ana Silva').filter((c) => c.AccountId === namesake)).toMatchObject([
        { Email: 'ana@elsewhere.example' },
      ]);
      expect([...contact('Website rebuild'), ...contact('Sam Ng')]).toEqual([]);
    });

    it('reads only the sub-customer changed since and updates its contact', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const stored = file().customer(String(ana.ListID))!;
      qbdMod(
        file(),
        'Customer',
        `<ListID>${stored.listId}</ListID><EditSequence>${stored.editSequence}</EditSequence>` +
          '<Phone>+1 212 555 0100</Phone>',
      );
      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(contact('Ana Silva').filter((c) => c.AccountId !== namesake)).toMatchObject([
        { Phone: '+1 212 555 0100', Email: 'ana.silva@example.com' },
      ]);
    });
  });
}
