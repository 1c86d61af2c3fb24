// Golden test of "Creatio suppliers → QuickBooks Desktop vendors" (seed §5.1 "Creatio Account/Contact to QB
// Vendor"): the whole Weft runs it through the queue and the Desktop sandbox's Web Connector; each active supplier
// account becomes exactly one vendor with its AccountID custom field, and a supplier whose name the company file
// already holds as a customer fails alone (QuickBooks Desktop error 3100: the name is already in use).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, isAlreadyInQuickBooks } from '../sandbox/demo-data';
import { isSupplier } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';

const FLOW = 'creatio-accounts-to-qbd-vendors';
const ACCOUNTS = 300;

for (const db of testDatabases()) {
  describe(`template "Creatio suppliers → QuickBooks Desktop vendors" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_vend');
    });
    afterAll(() => g?.close());
    const file = () => g.weft.sandboxes!.qbd.file;
    const vendors = () => file().objects(['Vendor'], { active: 'All' });

    const all = Array.from({ length: ACCOUNTS }, (_, i) => demoAccount(i));
    const suppliers = all.filter((a) => isSupplier(a.index) && a.active);
    const taken = suppliers.filter((a) => isAlreadyInQuickBooks(a.index));
    const good = suppliers.filter((a) => !taken.includes(a));

    it('creates one vendor per active supplier with its AccountID; a name already a customer fails alone', async () => {
      expect(taken.length).toBeGreaterThan(0);
      const before = vendors().length;
      const s = await runTemplate(g.weft, FLOW);

      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual([
        'accounts',
        'suppliers',
        'bind-vendors',
        'options',
        'map-vendor',
        'vendors',
      ]);
      expect(node(s, 'accounts')).toMatchObject({ in: ACCOUNTS, out: ACCOUNTS, failed: 0 });
      expect(node(s, 'suppliers')).toMatchObject({ in: ACCOUNTS, out: suppliers.length });
      expect(node(s, 'bind-vendors')).toMatchObject({ in: suppliers.length, out: suppliers.length, failed: 0 });
      expect(node(s, 'vendors')).toMatchObject({ in: suppliers.length, out: good.length, failed: taken.length });
      expect(await sinkCounts(g.weft, s.runId, 'vendors')).toMatchObject({ created: good.length, updated: 0 });
      expect(vendors()).toHaveLength(before + good.length);

      const failures = await g.weft.services.runs.failures('default', s.runId, 'vendors', 10);
      expect(failures).toHaveLength(taken.length);
      expect(failures[0].failure).toMatchObject({ code: 'qbd.3100', message: expect.stringContaining(taken[0].name) });

      const creatio = g.weft.sandboxes!.creatio.db.prepare('SELECT "Id" FROM "Account" WHERE "Name" = ?');
      for (const a of good) {
        const v = file().objectByName('Name', a.name)!;
        expect(v, a.name).toMatchObject({ object: 'Vendor', name: a.name });
        expect(v.data).toMatchObject({ Phone: a.phone, VendorAddress: { Addr1: a.address, PostalCode: a.zip } });
        expect(v.data.ShipAddress ?? v.data.Contact ?? v.data.Email, a.name).toBeUndefined(); // as in version 1
        expect(file().dataExt('0', 'AccountID', v.id)).toBe((creatio.get(a.name) as { Id: string }).Id);
      }
      for (const a of taken) expect(file().objectByName('Name', a.name)).toBeUndefined();
    });

    it('reruns without duplicating: a phone changed in Creatio reaches its vendor', async () => {
      const again = await runTemplate(g.weft, FLOW);
      expect(again.nodes[0].in).toBe(0);
      const a = good[2];
      const creatio = await creatioSession(g.weft);
      const [acc] = await creatio.get<{ Id: string }>(
        `Account?$filter=${encodeURIComponent(`Name eq '${a.name.replace(/'/g, "''")}'`)}&$select=Id`,
      );
      expect(await creatio.patch(`Account(${acc.Id})`, { Phone: '+1 555 0142' })).toBe(204);
      const count = vendors().length;
      const third = await runTemplate(g.weft, FLOW);
      expect(third.status).toBe('succeeded');
      expect(await sinkCounts(g.weft, third.runId, 'vendors')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(vendors()).toHaveLength(count);
      expect(file().objectByName('Name', a.name)!.data.Phone).toBe('+1 555 0142');
    });
  });
}
