// Golden test of "Creatio accounts → QuickBooks Desktop customers": the whole Weft
// runs it through the queue; the Desktop sandbox's Web Connector simulator polls
// /qbwc and carries the qbXML; the company file must end up holding exactly what
// the Creatio sandbox says, awkward names byte for byte, the over-long one refused alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWKWARD_NAMES, DUPLICATE_INDEX, demoAccount, isAlreadyInQuickBooks } from '../sandbox/demo-data';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { FlowDocument } from '../flow/flow-document';
import { callerRunApi } from '../server/cli-http';
import { runOnce } from '../server/cli-run';

const FLOW = 'creatio-accounts-to-qbd-customers';
const ACCOUNTS = 300;
const LONG = AWKWARD_NAMES.find((n) => [...n].length > 41)!;

for (const db of testDatabases()) {
  describe(`template "Creatio accounts → QuickBooks Desktop customers" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_cust');
    });
    afterAll(() => g?.close());
    const file = () => g.weft.sandboxes!.qbd.file;

    it('creates the active accounts not yet in QuickBooks Desktop, updates the matched ones, refuses the 52-character name alone', async () => {
      const before = file().customerCount();
      const s = await runTemplate(g.weft, FLOW);
      const all = Array.from({ length: ACCOUNTS }, (_, i) => demoAccount(i));
      const active = all.filter((a) => a.active);
      const dupes = all.filter((a) => a.name === demoAccount(DUPLICATE_INDEX).name);
      const matched = active.filter((a) => isAlreadyInQuickBooks(a.index));
      const toCreate = active.length - matched.length - dupes.length;

      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual([
        'accounts',
        'active',
        'bind-customers',
        'options',
        'map-customer',
        'customers',
      ]);
      expect(node(s, 'accounts')).toMatchObject({ in: ACCOUNTS, out: ACCOUNTS, failed: 0 });
      expect(node(s, 'active')).toMatchObject({ in: ACCOUNTS, out: active.length });
      expect(node(s, 'bind-customers')).toMatchObject({
        in: active.length,
        out: active.length - dupes.length,
        failed: dupes.length,
      });
      expect(node(s, 'map-customer')).toMatchObject({
        in: active.length - dupes.length,
        out: active.length - dupes.length,
        failed: 0,
      });
      expect(node(s, 'customers')).toMatchObject({
        in: active.length - dupes.length,
        out: active.length - dupes.length - 1,
        failed: 1,
      });
      expect(await sinkCounts(g.weft, s.runId, 'customers')).toMatchObject({
        created: toCreate - 1,
        updated: matched.length,
      });
      expect(file().customerCount()).toBe(before + toCreate - 1);

      const [refused] = await g.weft.services.runs.failures('default', s.runId, 'customers', 5);
      expect(refused.recordKey).toBeTruthy();
      expect(refused.failure).toMatchObject({
        code: 'qbd.3070',
        message: expect.stringContaining(`"${LONG}" in the field "Name" is too long`),
        action: expect.stringContaining('Shorten'),
      });
      expect(file().customerByName(LONG)).toBeUndefined();
    });

    it('delivers & " < > \' # % and accents byte for byte, notes included', () => {
      for (const name of AWKWARD_NAMES.filter((n) => n !== LONG)) expect(file().customerByName(name)?.name).toBe(name);
      const smith = file().customerByName('Smith & Sons')!;
      expect(smith.fields).toMatchObject({
        CompanyName: 'Smith & Sons',
        Notes: demoAccount(0).notes,
        BillAddress: { Addr1: demoAccount(0).address, PostalCode: demoAccount(0).zip },
      });
      // Smith & Sons has a primary contact; as shipped the options step leaves the contact fields as version 1 did.
      for (const f of ['ShipAddress', 'FirstName', 'LastName', 'Contact', 'Email', 'AltPhone'])
        expect(smith.fields[f], f).toBeUndefined();
      expect(file().customerByName('Ampersand && Quote " Mix <b>bold</b>')!.fields.CompanyName).toBe(
        'Ampersand && Quote " Mix <b>bold</b>',
      );
      // The Creatio account id travels as the AccountID custom field (DataExt, OwnerID 0).
      const creatioId = (
        g.weft.sandboxes!.creatio.db.prepare('SELECT "Id" FROM "Account" WHERE "Name" = ?').get('Smith & Sons') as {
          Id: string;
        }
      ).Id;
      expect(file().dataExt('0', 'AccountID', smith.listId)).toBe(creatioId);
      expect(file().dataExtDef('0', 'AccountID')).toEqual({ type: 'STR255TYPE', objects: ['Customer'] });
    });

    it('picks up only what changed, and updates through the cross-reference with the current EditSequence', async () => {
      const again = await runTemplate(g.weft, FLOW);
      expect(again.status).toBe('succeeded');
      expect(again.nodes[0].in).toBe(0);
      const creatio = await creatioSession(g.weft);
      const changed = [demoAccount(20), demoAccount(AWKWARD_NAMES.indexOf('Café Déjà Vu Crème'))];
      for (const a of changed) {
        const [acc] = await creatio.get<{ Id: string }>(
          `Account?$filter=${encodeURIComponent(`Name eq '${a.name.replace(/'/g, "''")}'`)}&$select=Id`,
        );
        expect(await creatio.patch(`Account(${acc.Id})`, { Phone: '+1 555 7777' })).toBe(204);
      }
      const seqBefore = changed.map((a) => Number(file().customerByName(a.name)!.editSequence));
      const count = file().customerCount();
      const third = await runTemplate(g.weft, FLOW);
      expect(third.nodes[0].in).toBe(2);
      expect(await sinkCounts(g.weft, third.runId, 'customers')).toMatchObject({ updated: 2, created: 0, failed: 0 });
      expect(file().customerCount()).toBe(count);
      changed.forEach((a, i) => {
        const c = file().customerByName(a.name)!;
        expect(c.fields.Phone).toBe('+1 555 7777');
        expect(Number(c.editSequence)).toBeGreaterThan(seqBefore[i]);
      });
    });

    it('with the primary contact and "shipping address from the primary contact" chosen, the customer shows both', async () => {
      const creatio = await creatioSession(g.weft);
      const a = demoAccount(30); // one contact, its primary contact
      const [acc] = await creatio.get<{ PrimaryContactId: string }>(
        `Account?$filter=${encodeURIComponent(`Name eq '${a.name}'`)}&$select=PrimaryContactId`,
      );
      const [city] = await creatio.get<{ Id: string }>(`City?$filter=${encodeURIComponent("Name eq 'Seattle'")}`);
      expect(
        await creatio.patch(`Contact(${acc.PrimaryContactId})`, {
          Address: '400 Pine St',
          Zip: '98101',
          CityId: city.Id,
        }),
      ).toBe(204);
      const [contact] = await creatio.get<{ Name: string; GivenName: string; Surname: string; Email: string }>(
        `Contact?$filter=${encodeURIComponent(`Id eq ${acc.PrimaryContactId}`)}&$select=Name,GivenName,Surname,Email`,
      );

      const doc = g.weft.services.design.getTemplate(FLOW)!;
      const options = doc.nodes.find((n) => n.id === 'options')!.config;
      Object.assign(options, { primaryContact: 'account-lookup', shippingAddress: 'primary-contact' });
      const id = await g.weft.services.design.createFlow('default', FlowDocument.parse(doc), null);
      const s = await runOnce(callerRunApi(g.weft.services), { kind: 'id', id });
      expect(node(s, 'options')).toMatchObject({ failed: 0 });

      const c = file().customerByName(a.name)!;
      expect(c.fields).toMatchObject({
        BillAddress: { Addr1: a.address, PostalCode: a.zip },
        ShipAddress: { Addr1: '400 Pine St', City: 'Seattle', PostalCode: '98101' },
        FirstName: contact.GivenName,
        LastName: contact.Surname,
        Contact: contact.Name,
        Email: contact.Email,
      });
    });
  });
}
