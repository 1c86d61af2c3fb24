// Golden test of "Creatio suppliers → QuickBooks vendors" (seed §5.1 "Creatio Account/Contact to QB Vendor"):
// the whole Weft runs it against both sandboxes over HTTP; each active supplier account becomes exactly one
// vendor, customers and inactive suppliers stay out, and a supplier whose name QuickBooks already holds as a
// customer fails alone (Intuit: DisplayName is unique across customers, vendors and employees).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, isAlreadyInQuickBooks } from '../sandbox/demo-data';
import { isSupplier } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { FlowDocument } from '../flow/flow-document';
import { callerRunApi } from '../server/cli-http';
import { runOnce } from '../server/cli-run';
import { bootGolden, creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const ACCOUNTS = 300;
const FLOW = 'creatio-accounts-to-qbo-vendors';

interface Vendor {
  Id: string;
  DisplayName: string;
  CompanyName?: string;
  PrimaryPhone?: { FreeFormNumber: string };
  GivenName?: string;
  PrimaryEmailAddr?: { Address: string };
  BillAddr?: { Line1?: string; PostalCode?: string };
}

for (const db of testDatabases()) {
  describe(`template "Creatio suppliers → QuickBooks vendors" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_vendors');
    });
    afterAll(() => g?.close());

    const qbo = () => g.weft.sandboxes!.qbo;
    const vendors = () =>
      qbo()
        .store.all(qbo().realmId, 'Vendor')
        .map((r) => ({ Id: r.id, ...r.body }) as Vendor);
    const all = Array.from({ length: ACCOUNTS }, (_, i) => demoAccount(i));
    const suppliers = all.filter((a) => isSupplier(a.index) && a.active);
    // Already a QuickBooks customer under that name: QuickBooks refuses a vendor of the same name.
    const taken = suppliers.filter((a) => isAlreadyInQuickBooks(a.index));
    const good = suppliers.filter((a) => !taken.includes(a));

    it('creates one vendor per active supplier; a name already used by a customer fails alone, named', async () => {
      expect(suppliers.length).toBeGreaterThan(10);
      expect(all.filter((a) => isSupplier(a.index) && !a.active).length).toBeGreaterThan(0);
      const before = vendors();
      const s = await runTemplate(g.weft, FLOW);

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
      expect(node(s, 'vendors')).toMatchObject({ in: suppliers.length, failed: taken.length });
      expect(await sinkCounts(g.weft, s.runId, 'vendors')).toMatchObject({ created: good.length, updated: 0 });

      const after = vendors();
      expect(after).toHaveLength(before.length + good.length);
      for (const a of good) {
        const v = after.filter((x) => x.DisplayName === a.name);
        expect(v, a.name).toHaveLength(1);
        expect(v[0]).toMatchObject({
          CompanyName: a.name.slice(0, 100),
          PrimaryPhone: { FreeFormNumber: a.phone },
          BillAddr: { Line1: a.address, PostalCode: a.zip },
        });
        expect(v[0].GivenName ?? v[0].PrimaryEmailAddr, a.name).toBeUndefined(); // as shipped: no contact, as in version 1
      }
      const names = after.map((v) => v.DisplayName);
      for (const a of all.filter((x) => !good.includes(x))) expect(names).not.toContain(a.name);

      expect(taken.length).toBeGreaterThan(0);
      expect(s.status).toBe('completed-with-errors');
      const failures = await g.weft.services.runs.failures('default', s.runId, 'vendors', 10);
      expect(failures).toHaveLength(taken.length);
      expect(failures[0].failure.message).toContain(taken[0].name);
      expect(failures[0].failure.action).toBeTruthy();
    });

    it('reruns without duplicating: a phone changed in Creatio reaches its vendor', async () => {
      const again = await runTemplate(g.weft, FLOW);
      expect(node(again, 'accounts').in).toBe(0);
      const creatio = await creatioSession(g.weft);
      const a = good[1];
      const [acc] = await creatio.get<{ Id: string }>(
        `Account?$filter=${encodeURIComponent(`Name eq '${a.name.replace(/'/g, "''")}'`)}&$select=Id`,
      );
      expect(await creatio.patch(`Account(${acc.Id})`, { Phone: '+1 555 0199' })).toBe(204);
      const before = vendors().length;
      const third = await runTemplate(g.weft, FLOW);
      expect(third.status).toBe('succeeded');
      expect(await sinkCounts(g.weft, third.runId, 'vendors')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(vendors()).toHaveLength(before);
      expect(vendors().find((v) => v.DisplayName === a.name)?.PrimaryPhone?.FreeFormNumber).toBe('+1 555 0199');
    });

    it('beside the customers flow with the supplier rule its description gives, no supplier becomes a customer', async () => {
      const doc = g.weft.services.design.getTemplate('creatio-accounts-to-qbo-customers')!;
      const filter = doc.nodes.find((n) => n.id === 'active')!;
      const rules = (filter.config as { rules: unknown[] }).rules;
      rules.push({ field: 'Type.Name', op: 'not-equals', value: 'Supplier' });
      const id = await g.weft.services.design.createFlow('default', FlowDocument.parse(doc), null);
      const s = await runOnce(callerRunApi(g.weft.services), { kind: 'id', id });
      const active = all.filter((a) => a.active);
      expect(node(s, 'active')).toMatchObject({ in: ACCOUNTS, out: active.length - suppliers.length });
      const customers = qbo()
        .store.all(qbo().realmId, 'Customer')
        .map((r) => (r.body as { DisplayName: string }).DisplayName);
      // Only the suppliers the demo company already had as customers are customers; the vendors stay.
      for (const a of suppliers) expect(customers.includes(a.name), a.name).toBe(taken.includes(a));
      expect(vendors().filter((v) => suppliers.some((a) => a.name === v.DisplayName))).toHaveLength(good.length);
    });

    it('with the primary contact chosen, its name and e-mail show on the vendor', async () => {
      // The supplier's buyer is entered in Creatio and made the account's primary contact.
      const a = good[2];
      const creatio = await creatioSession(g.weft);
      const [acc] = await creatio.get<{ Id: string }>(
        `Account?$filter=${encodeURIComponent(`Name eq '${a.name.replace(/'/g, "''")}'`)}&$select=Id`,
      );
      const contact = { Name: 'Ada Byron', GivenName: 'Ada', Surname: 'Byron', Email: 'ada@supplier.test' };
      expect(await creatio.post('Contact', { ...contact, AccountId: acc.Id })).toBe(201);
      const [made] = await creatio.get<{ Id: string }>(
        `Contact?$filter=${encodeURIComponent("Email eq 'ada@supplier.test'")}&$select=Id`,
      );
      expect(await creatio.patch(`Account(${acc.Id})`, { PrimaryContactId: made.Id })).toBe(204);
      const doc = g.weft.services.design.getTemplate(FLOW)!;
      Object.assign(doc.nodes.find((n) => n.id === 'options')!.config, { primaryContact: 'account-lookup' });
      const id = await g.weft.services.design.createFlow('default', FlowDocument.parse(doc), null);
      await runOnce(callerRunApi(g.weft.services), { kind: 'id', id });
      expect(vendors().find((v) => v.DisplayName === a.name)).toMatchObject({
        GivenName: contact.GivenName,
        PrimaryEmailAddr: { Address: contact.Email },
      });
    });
  });
}
