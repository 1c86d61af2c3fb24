// Golden test of the bi-directional pair "Creatio contacts ↔ QuickBooks Online sub-customers" (two flows, one each
// way): a contact is the sub-customer "Name (Company)" of its company's customer (test-pair-contacts.ts).
import { expect } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { bootGolden, type Golden } from './test-golden';
import { contactsPairGolden } from './test-pair-contacts';

const customers = (g: Golden) =>
  g.weft
    .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Customer')
    .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as Record<string, any>);
const named = (g: Golden, name: string) => customers(g).find((c) => c.DisplayName === name);
const post = async (g: Golden, body: Record<string, unknown>) => {
  const sb = g.weft.sandboxes!.qbo;
  const r = await call(sb, await accessToken(sb), 'customer?minorversion=75', { body });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
};

contactsPairGolden({
  title: 'QuickBooks Online',
  prefix: 'golden_pair_qbo_contacts',
  boot: bootGolden,
  accountsFlow: 'creatio-accounts-to-qbo-customers',
  toQb: { template: 'creatio-contacts-to-qbo-customers', source: 'contacts', sink: 'customers' },
  toCreatio: { template: 'qbo-sub-customers-to-creatio-contacts', source: 'read', sink: 'write' },
  subCustomer(g, company, name) {
    const c = named(g, `${name} (${company})`);
    if (!c) return undefined;
    const parent = customers(g).find((p) => p.Id === c.ParentRef?.value);
    return { phone: c.PrimaryPhone?.FreeFormNumber ?? null, parent: parent?.DisplayName };
  },
  customerCount: (g) => customers(g).length,
  addPerson: (g, company, p) =>
    post(g, {
      DisplayName: `${p.given} ${p.family} (${company})`,
      GivenName: p.given,
      FamilyName: p.family,
      PrimaryEmailAddr: { Address: p.email },
      PrimaryPhone: { FreeFormNumber: p.phone },
      ParentRef: { value: named(g, company)!.Id },
    }),
  setPhone(g, company, name, phone) {
    const c = named(g, `${name} (${company})`)!;
    return post(g, { Id: c.Id, SyncToken: c.SyncToken, sparse: true, PrimaryPhone: { FreeFormNumber: phone } });
  },
});
