// Golden test of "QuickBooks Desktop customers → Creatio accounts": the company file's
// customers are read through the Web Connector and bound to the Creatio account of the
// same QB Full Name or name, or created; inactive customers stay out. The creation
// trigger "a field has a value" holds a new customer back until its field is filled in,
// while the customers already linked are still updated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { laterSecond, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { runTemplateWith } from './test-variant-golden';

const FLOW = 'qbd-customers-to-creatio-accounts';
const NEW_NAME = 'Nouveau Client & Fils <Québec>';
const TRIGGER = { 'bind-accounts': { createWhen: 'field-has-value', triggerField: 'Notes' } };

interface Account {
  Name: string;
  UsrQBFullName: string | null;
  UsrQBLastModified: string | null;
  Phone: string | null;
  Notes: string | null;
}

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop customers → Creatio accounts" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbdcust2crm');
      const file = g.weft.sandboxes!.qbd.file;
      file.addCustomer({ name: NEW_NAME, fields: { CompanyName: NEW_NAME, Phone: '+1 555 0199' } });
      file.addCustomer({ name: 'Closed store (inactive)', isActive: false, fields: {} });
    });
    afterAll(() => g?.close());

    const accounts = () =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "Name", "UsrQBFullName", "UsrQBLastModified", "Phone", "Notes" FROM "Account"',
        )
        .all() as Account[];
    const named = (name: string) => accounts().filter((a) => a.Name === name);

    it('updates the accounts of its customers and holds back the new one until its Notes has a value', async () => {
      const customers = g.weft.sandboxes!.qbd.file.customers({ active: 'ActiveOnly' });
      const before = accounts();
      const twins = customers.filter((c) => before.filter((a) => a.Name === c.name).length > 1);
      const existing = customers.filter((c) => before.filter((a) => a.Name === c.name).length === 1);
      expect(existing.length).toBeGreaterThan(20);
      expect(existing.length + twins.length).toBe(customers.length - 1); // all but the new one

      const s = await runTemplateWith(g.weft, FLOW, TRIGGER);
      expect(s.nodes.map((n) => n.id)).toEqual([
        'customers',
        'top-level',
        'bind-accounts',
        'contact-addresses',
        'map-account',
        'accounts',
      ]);
      expect(node(s, 'customers')).toMatchObject({ in: customers.length, failed: 0 });
      expect(node(s, 'top-level')).toMatchObject({ in: customers.length, out: customers.length });
      expect(await sinkCounts(g.weft, s.runId, 'bind-accounts')).toMatchObject({
        skipped: 1,
        failed: twins.length,
      });
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({
        created: 0,
        updated: existing.length,
        failed: 0,
      });
      expect(accounts()).toHaveLength(before.length);
      expect(named(NEW_NAME)).toHaveLength(0);
      expect(named('Closed store (inactive)')).toHaveLength(0);
      for (const c of existing.slice(0, 5)) {
        const [a] = named(c.name);
        expect(a.UsrQBFullName).toBe(c.name);
        expect(a.UsrQBLastModified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      }
    });

    it('creates the account once the field has a value, reading only that customer', async () => {
      const file = g.weft.sandboxes!.qbd.file;
      const row = file.customerByName(NEW_NAME)!;
      // Saved again within the second Weft last read it in: the same TimeModified, a new EditSequence.
      file.saveCustomer({
        ...row,
        fields: { ...row.fields, Notes: 'Wholesale, net 30' },
        timeModified: row.timeModified,
        editSequence: file.nextEditSequence(row.editSequence),
      });
      const s = await runTemplateWith(g.weft, FLOW, TRIGGER);
      expect(node(s, 'customers').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 1, updated: 0, failed: 0 });
      expect(named(NEW_NAME)).toEqual([
        expect.objectContaining({ UsrQBFullName: NEW_NAME, Phone: '+1 555 0199', Notes: 'Wholesale, net 30' }),
      ]);
      // Nothing changed since: a later run reads nothing.
      expect(node(await runTemplate(g.weft, FLOW), 'customers').in).toBe(0);
    });

    it('"Update linked records when a field has a value" holds a change back until that field is filled in', async () => {
      const file = g.weft.sandboxes!.qbd.file;
      const row = file.customerByName(NEW_NAME)!;
      const save = (fields: Record<string, unknown>, at: number) =>
        file.saveCustomer({
          ...row,
          fields: { ...row.fields, ...fields },
          timeModified: at,
          editSequence: String(at / 1000),
        });
      const UPDATE = { 'bind-accounts': { updateWhen: 'field-has-value', updateField: 'AccountNumber' } };
      const now = laterSecond(row.timeModified);
      save({ Phone: '+1 555 0177' }, now);
      let s = await runTemplateWith(g.weft, FLOW, UPDATE);
      expect(node(s, 'customers').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'bind-accounts')).toMatchObject({ skipped: 1, failed: 0 });
      expect(named(NEW_NAME)[0].Phone).toBe('+1 555 0199');

      save({ Phone: '+1 555 0177', AccountNumber: 'A-42' }, now + 2000);
      s = await runTemplateWith(g.weft, FLOW, UPDATE);
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(named(NEW_NAME)[0].Phone).toBe('+1 555 0177');
    });

    it("Address Synchronization For All Contacts puts the customer's BillAddress on every contact of its account", async () => {
      const file = g.weft.sandboxes!.qbd.file;
      const db = g.weft.sandboxes!.creatio.db;
      // A customer whose one account of that name has two contacts.
      const twoContacts = db
        .prepare(
          'SELECT a."Id", a."Name" FROM "Account" a JOIN "Contact" c ON c."AccountId" = a."Id" ' +
            'GROUP BY a."Id" HAVING count(*) = 2',
        )
        .all() as { Id: string; Name: string }[];
      const target = twoContacts.find((a) => file.customerByName(a.Name) && named(a.Name).length === 1)!;
      const contacts = () =>
        db.prepare('SELECT "Address", "Zip" FROM "Contact" WHERE "AccountId" = ?').all(target.Id) as {
          Address: string | null;
          Zip: string | null;
        }[];
      for (const c of contacts()) expect(c.Address ?? '').toBe(''); // "No" as shipped: the runs above wrote none

      const row = file.customerByName(target.Name)!;
      const at = Math.floor(Date.now() / 1000) * 1000 + 10_000;
      const BillAddress = { Addr1: '18 Dock Rd', PostalCode: '04101' };
      file.saveCustomer({ ...row, fields: { ...row.fields, BillAddress }, timeModified: at, editSequence: String(at) });
      const s = await runTemplateWith(g.weft, FLOW, { 'contact-addresses': { sync: 'all-contacts' } });
      expect(node(s, 'contact-addresses')).toMatchObject({ in: 1, out: 1, failed: 0 });
      expect(contacts()).toEqual([
        { Address: '18 Dock Rd', Zip: '04101' },
        { Address: '18 Dock Rd', Zip: '04101' },
      ]);
    });
  });
}
