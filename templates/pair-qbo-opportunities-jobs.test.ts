// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Online jobs" (two flows, one each way):
// a job is a sub-customer with Job true, named by the opportunity's title (test-pair-jobs.ts).
import { expect } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { bootGolden, type Golden } from './test-golden';
import { jobsPairGolden } from './test-pair-jobs';

const customers = (g: Golden) =>
  g.weft
    .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Customer')
    .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as Record<string, any>);
const named = (g: Golden, name: string) => customers(g).find((c) => c.DisplayName === name);
/** The job of that title under the customer of that name (Job true, its ParentRef that customer). */
const jobOf = (g: Golden, company: string, title: string) => {
  const parent = named(g, company);
  return customers(g).find((x) => x.DisplayName === title && x.Job && x.ParentRef?.value === parent?.Id);
};
const post = async (g: Golden, body: Record<string, unknown>) => {
  const sb = g.weft.sandboxes!.qbo;
  const r = await call(sb, await accessToken(sb), 'customer?minorversion=75', { body });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
};

jobsPairGolden({
  title: 'QuickBooks Online',
  prefix: 'golden_pair_qbo_jobs',
  boot: bootGolden,
  accountsFlow: 'creatio-accounts-to-qbo-customers',
  toQb: { template: 'creatio-opportunities-to-qbo-jobs', source: 'opportunities', sink: 'jobs' },
  toCreatio: { template: 'qbo-jobs-to-creatio-opportunities', source: 'read', sink: 'opportunities' },
  job(g, company, title) {
    const c = jobOf(g, company, title);
    return c && { notes: c.Notes ?? null, parent: company };
  },
  customerCount: (g) => customers(g).length,
  addJob: (g, company, title, notes) =>
    post(g, {
      DisplayName: title,
      Job: true,
      BillWithParent: true,
      ParentRef: { value: named(g, company)!.Id },
      Notes: notes,
    }),
  addPerson: (g, company, given, family) =>
    post(g, {
      DisplayName: `${given} ${family} (${company})`,
      GivenName: given,
      FamilyName: family,
      ParentRef: { value: named(g, company)!.Id },
    }),
  setNotes(g, company, title, notes) {
    const c = jobOf(g, company, title)!;
    return post(g, { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Notes: notes });
  },
});
