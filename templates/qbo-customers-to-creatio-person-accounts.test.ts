// Golden test of "QuickBooks Online customers → Creatio person accounts" (seed §5.1, QB_Creatio): a top-level
// customer with no company name and a person's names becomes a contact of type Customer with no account; company
// customers and sub-customers are left alone. A later run reads only the changed customer and updates its contact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts } from './test-golden';
import { bootPeopleGolden, type PeopleGolden, type Row } from './test-qbo-people-to-creatio';

const FLOW = 'qbo-customers-to-creatio-person-accounts';

interface Contact {
  Name: string;
  GivenName: string;
  Surname: string;
  Email: string;
  Phone: string;
  Address: string;
  Zip: string;
  AccountId: string | null;
  TypeId: string;
}

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online customers → Creatio person accounts" on ${db.name}`, () => {
    let t: PeopleGolden;
    let maria: Row;
    beforeAll(async () => {
      t = await bootPeopleGolden(db.url, 'golden_qboperson2crm');
      maria = await t.customer({
        DisplayName: 'María López',
        GivenName: 'María',
        FamilyName: 'López',
        PrimaryEmailAddr: { Address: 'maria.lopez@example.org' },
        PrimaryPhone: { FreeFormNumber: '(617) 555-0142' },
        BillAddr: { Line1: '12 Elm Street', PostalCode: '02139' },
      });
      await t.customer({ DisplayName: "Ken O'Brien", FamilyName: "O'Brien" });
      // Not persons: a company with a contact's name on it, a nameless walk-in, and a sub-customer.
      const pine = await t.customer({ DisplayName: 'Pine Labs', CompanyName: 'Pine Labs', GivenName: 'Lee' });
      await t.customer({ DisplayName: 'Walk-in sale' });
      await t.customer({
        DisplayName: 'Lee Park (Pine Labs)',
        GivenName: 'Lee',
        FamilyName: 'Park',
        ParentRef: { value: pine.Id },
      });
    });
    afterAll(() => t?.g.close());

    const contact = (name: string) =>
      t.sql<Contact>(
        'SELECT "Name", "GivenName", "Surname", "Email", "Phone", "Address", "Zip", "AccountId", "TypeId"' +
          ' FROM "Contact" WHERE "Name" = ?',
        name,
      );
    const customerType = () =>
      t.sql<{ Id: string }>('SELECT "Id" FROM "ContactType" WHERE "Name" = \'Customer\'')[0].Id;

    it('makes each person customer a contact of type Customer with no account', async () => {
      const s = await runTemplate(t.g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'top-level', 'named', 'type', 'bind', 'map', 'write']);
      const all = t.rows('Customer').length;
      expect(node(s, 'read')).toMatchObject({ in: all, out: all });
      // Top level without a company name: the two persons and the walk-in; the walk-in has no person's name.
      expect(node(s, 'top-level')).toMatchObject({ out: 3 });
      expect(node(s, 'named')).toMatchObject({ out: 2 });
      expect(await sinkCounts(t.g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });

      expect(contact('María López')).toEqual([
        {
          Name: 'María López',
          GivenName: 'María',
          Surname: 'López',
          Email: 'maria.lopez@example.org',
          Phone: '(617) 555-0142',
          Address: '12 Elm Street',
          Zip: '02139',
          AccountId: null,
          TypeId: customerType(),
        },
      ]);
      expect(contact("Ken O'Brien")).toMatchObject([{ Surname: "O'Brien", AccountId: null, TypeId: customerType() }]);
      expect([...contact('Walk-in sale'), ...contact('Lee Park'), ...contact('Pine Labs')]).toEqual([]);
    });

    it('reads only the customer changed since and updates its contact', async () => {
      expect(node(await runTemplate(t.g.weft, FLOW), 'read').in).toBe(0);
      const stored = t.rows('Customer').find((c) => c.Id === maria.Id)!;
      const answer = await t.qbo('customer?minorversion=75', {
        Id: stored.Id,
        SyncToken: stored.SyncToken,
        sparse: true,
        PrimaryEmailAddr: { Address: 'maria@lopez.example' },
      });
      expect(answer.status).toBe(200);
      const s = await runTemplate(t.g.weft, FLOW);
      expect(node(s, 'read').in).toBe(1);
      expect(await sinkCounts(t.g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(contact('María López')).toMatchObject([{ Email: 'maria@lopez.example', Zip: '02139' }]);
    });
  });
}
