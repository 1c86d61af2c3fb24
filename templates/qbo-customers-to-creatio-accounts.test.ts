// Golden test of "QuickBooks customers → Creatio accounts": QuickBooks customers are
// matched to the Creatio accounts of the same name (or created), and the QB Full Name
// custom field (UsrQBFullName) is written through creatio.sink; later runs read only
// changed customers and update the account they are linked to, even after a rename.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { DUPLICATE_INDEX, demoAccount } from '../sandbox/demo-data';
import { FlowDocument } from '../flow/flow-document';
import { callerRunApi } from '../server/cli-http';
import { runOnce } from '../server/cli-run';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const FLOW = 'qbo-customers-to-creatio-accounts';
const NEW_NAME = 'Nouveau Client & Fils <Québec> "Ltée" #1 100%';
const LONG_NAME = `Very long customer name ${'x'.repeat(240)}`;

interface Account {
  Id: string;
  Name: string;
  UsrQBFullName: string;
  UsrQBLastModified: string | null;
  Phone: string;
}

for (const db of testDatabases()) {
  describe(`template "QuickBooks customers → Creatio accounts" on ${db.name}`, () => {
    let g: Golden;
    let token: string;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qb2crm');
      token = await accessToken(g.weft.sandboxes!.qbo);
    });
    afterAll(() => g?.close());

    const accounts = () =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "Id", "Name", "UsrQBFullName", "UsrQBLastModified", "Phone" FROM "Account"',
        )
        .all() as Account[];
    const qboCall = (path: string, body?: unknown) =>
      call(g.weft.sandboxes!.qbo, token, path, body === undefined ? {} : { body });
    const topLevel = () =>
      g.weft
        .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Customer')
        .map(
          (r) =>
            ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as {
              Id: string;
              SyncToken: string;
              DisplayName: string;
              Job?: boolean;
              Active?: boolean;
            },
        )
        .filter((c) => !c.Job && c.Active !== false);

    it('binds the customers to the accounts of the same name, creates the new one, fails the ambiguous and over-long ones alone', async () => {
      // Two Creatio accounts share this name (the demo's duplicate pair): Weft cannot tell which one is meant.
      const twinName = demoAccount(DUPLICATE_INDEX).name;
      for (const DisplayName of [NEW_NAME, LONG_NAME, twinName]) {
        const answer = await qboCall('customer?minorversion=75', {
          DisplayName,
          PrintOnCheckName: DisplayName.slice(0, 100),
          PrimaryPhone: { FreeFormNumber: '+1 555 0100' },
        });
        expect(answer.status).toBe(200);
      }
      await qboCall('customer?minorversion=75', {
        DisplayName: 'Sub of the new one',
        ParentRef: { value: topLevel().find((c) => c.DisplayName === NEW_NAME)!.Id },
      });
      const customers = topLevel();
      const before = accounts();
      const existing = customers.filter(
        (c) => c.DisplayName !== twinName && before.some((a) => a.Name === c.DisplayName),
      );
      expect(existing.length).toBeGreaterThan(20);

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual([
        'customers',
        'bind-accounts',
        'contact-addresses',
        'map-account',
        'accounts',
      ]);
      expect(node(s, 'customers')).toMatchObject({ in: customers.length, out: customers.length }); // sub-customers stay out (Job = false)
      expect(node(s, 'bind-accounts')).toMatchObject({ in: customers.length, out: customers.length - 1, failed: 1 });
      expect(node(s, 'map-account')).toMatchObject({ in: customers.length - 1, out: customers.length - 2, failed: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({
        created: 1,
        updated: existing.length,
        failed: 0,
      });

      const [twin] = await g.weft.services.runs.failures('default', s.runId, 'bind-accounts', 5);
      expect(twin.failure).toMatchObject({
        code: 'weft.binding.duplicate-target',
        field: 'Name',
        message: expect.stringContaining(`2 Creatio Account records have Name "${twinName}"`),
      });
      const [tooLong] = await g.weft.services.runs.failures('default', s.runId, 'map-account', 5);
      expect(tooLong.failure).toMatchObject({
        code: 'weft.mapping',
        field: 'Name',
        message: expect.stringContaining('Name may hold 250 characters'),
      });

      const after = accounts();
      expect(after).toHaveLength(before.length + 1);
      const made = after.find((a) => a.Name === NEW_NAME)!;
      expect(made).toMatchObject({ UsrQBFullName: NEW_NAME, Phone: '+1 555 0100' });
      expect(made.UsrQBLastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
      for (const c of existing) expect(after.find((a) => a.Name === c.DisplayName)!.UsrQBFullName).toBe(c.DisplayName);
    });

    it('reads only what changed since, and follows a renamed customer to its linked account instead of creating one', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'customers').in).toBe(0);
      const renamed = topLevel().find((c) => c.DisplayName === NEW_NAME)!;
      const answer = await qboCall('customer?minorversion=75', {
        Id: renamed.Id,
        SyncToken: renamed.SyncToken,
        sparse: true,
        DisplayName: 'Renamed & Co <Montréal>',
      });
      expect(answer.status).toBe(200);
      const before = accounts().length;

      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'customers').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(accounts()).toHaveLength(before);
      expect(
        accounts()
          .filter((a) => a.UsrQBFullName === 'Renamed & Co <Montréal>')
          .map((a) => a.Name),
      ).toEqual(['Renamed & Co <Montréal>']);
      expect(accounts().some((a) => a.Name === NEW_NAME)).toBe(false);
    });

    it("Address Synchronization writes the customer's billing address to the primary contact, then to all contacts", async () => {
      // Account 3 is in QuickBooks already and has two contacts in Creatio, the first its primary contact.
      const a = demoAccount(3);
      const db = g.weft.sandboxes!.creatio.db;
      const { Id: accountId, PrimaryContactId: primaryId } = db
        .prepare('SELECT "Id", "PrimaryContactId" FROM "Account" WHERE "Name" = ?')
        .get(a.name) as { Id: string; PrimaryContactId: string };
      const contacts = () =>
        db
          .prepare(
            'SELECT c."Id", c."Address", c."Zip", city."Name" AS "City", c."ModifiedOn" FROM "Contact" c ' +
              'LEFT JOIN "City" city ON city."Id" = c."CityId" WHERE c."AccountId" = ?',
          )
          .all(accountId) as { Id: string; Address: string; Zip: string; City: string; ModifiedOn: string }[];
      expect(contacts()).toHaveLength(2);
      // As shipped ("No"), the runs above wrote no contact.
      for (const c of contacts()) expect(c.Address ?? '').toBe('');

      const customer = topLevel().find((c) => c.DisplayName === a.name)!;
      const BillAddr = { Line1: '12 Quay St', City: a.city, PostalCode: '98101' };
      expect((await qboCall('customer?minorversion=75', { ...customer, sparse: true, BillAddr })).status).toBe(200);

      const runWith = async (sync: string) => {
        const doc = g.weft.services.design.getTemplate(FLOW)!;
        Object.assign(doc.nodes.find((n) => n.id === 'contact-addresses')!.config, { sync });
        const id = await g.weft.services.design.createFlow('default', FlowDocument.parse(doc), null);
        const s = await runOnce(callerRunApi(g.weft.services), { kind: 'id', id });
        expect(node(s, 'contact-addresses')).toMatchObject({ failed: 0 });
        return id;
      };
      const primaryFlow = await runWith('primary-contact');
      const byId = (id: string) => contacts().find((c) => c.Id === id)!;
      expect(byId(primaryId)).toMatchObject({ Address: '12 Quay St', Zip: '98101', City: a.city });
      const other = contacts().find((c) => c.Id !== primaryId)!;
      expect(other.Address ?? '').toBe('');

      // Run again with no change in QuickBooks: nothing is written, the contact keeps its ModifiedOn.
      const stamp = byId(primaryId).ModifiedOn;
      expect(node(await runOnce(callerRunApi(g.weft.services), { kind: 'id', id: primaryFlow }), 'customers').in).toBe(
        0,
      );
      expect(byId(primaryId).ModifiedOn).toBe(stamp);

      await runWith('all-contacts');
      for (const c of contacts()) expect(c).toMatchObject({ Address: '12 Quay St', Zip: '98101', City: a.city });
      expect(byId(primaryId).ModifiedOn).toBe(stamp); // already right: not written again
    });
  });
}
