// Golden test of "QuickBooks Desktop customers → Creatio person accounts" (seed §5.1, QB_Creatio): customers are
// entered in the Desktop company file by qbXML and read through the Web Connector; a top-level customer with no
// company name and a person's names becomes a contact of type Customer with no account; company customers, a
// nameless walk-in and sub-customers are left alone. A later run reads only the changed customer and updates it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { creatioRows, qbdAdd, qbdMod } from './test-apgl';

const FLOW = 'qbd-customers-to-creatio-person-accounts';
const COLUMNS = ['Name', 'GivenName', 'Surname', 'Email', 'Phone', 'Address', 'Zip', 'AccountId', 'TypeId'];

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop customers → Creatio person accounts" on ${db.name}`, () => {
    let g: Golden;
    let maria: Record<string, any>;
    const file = () => g.weft.sandboxes!.qbd.file;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_person');
      maria = qbdAdd(
        file(),
        'Customer',
        // qbXML carries accents as character references: QuickBooks' parser fails on raw UTF-8.
        '<Name>Mar&#237;a L&#243;pez</Name><FirstName>Mar&#237;a</FirstName><LastName>L&#243;pez</LastName>' +
          '<BillAddress><Addr1>12 Elm Street</Addr1><PostalCode>02139</PostalCode></BillAddress>' +
          '<Phone>(617) 555-0142</Phone><Email>maria.lopez@example.org</Email>',
      );
      qbdAdd(file(), 'Customer', "<Name>Ken O'Brien</Name><LastName>O'Brien</LastName>");
      // Not persons: a company with a contact's name on it, a nameless walk-in, and a sub-customer.
      const pine = qbdAdd(
        file(),
        'Customer',
        '<Name>Pine Labs</Name><CompanyName>Pine Labs</CompanyName><FirstName>Lee</FirstName>',
      );
      qbdAdd(file(), 'Customer', '<Name>Walk-in sale</Name>');
      qbdAdd(
        file(),
        'Customer',
        `<Name>Lee Park</Name><ParentRef><ListID>${pine.ListID}</ListID></ParentRef>` +
          '<FirstName>Lee</FirstName><LastName>Park</LastName>',
      );
    });
    afterAll(() => g?.close());

    const contact = (name: string) => creatioRows(g, 'Contact', COLUMNS).filter((c) => c.Name === name);
    const customerType = () => creatioRows(g, 'ContactType', ['Id', 'Name']).find((t) => t.Name === 'Customer')!.Id;

    it('makes each person customer a contact of type Customer with no account', async () => {
      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'top-level', 'named', 'type', 'bind', 'map', 'write']);
      const all = file().customers({ active: 'ActiveOnly' }).length;
      expect(node(s, 'read')).toMatchObject({ in: all, out: all });
      // Top level without a company name: the two persons and the walk-in; the walk-in has no person's name.
      expect(node(s, 'top-level')).toMatchObject({ out: 3 });
      expect(node(s, 'named')).toMatchObject({ out: 2 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });

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
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const stored = file().customer(String(maria.ListID))!;
      qbdMod(
        file(),
        'Customer',
        `<ListID>${stored.listId}</ListID><EditSequence>${stored.editSequence}</EditSequence>` +
          '<Email>maria@lopez.example</Email>',
      );
      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(contact('María López')).toMatchObject([{ Email: 'maria@lopez.example', Zip: '02139' }]);
    });
  });
}
