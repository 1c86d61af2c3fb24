// Golden test shared by "QuickBooks Online jobs → Creatio opportunities" and its Desktop twin: after
// the customers are linked to accounts, each job of a linked customer becomes an opportunity named
// by the job on that customer's account; the job of a customer with no account fails alone, naming
// the flow to run. A later run reads only the job changed in QuickBooks and updates its opportunity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { el, qbdSave } from './test-qbd-finance';

interface Job {
  id: string;
  name: string;
  parent: string;
  notes: string;
  /** Desktop: the EditSequence a change must quote. */
  version: string;
}

/** What differs between QuickBooks Online and Desktop: how jobs are written. */
interface JobSystem {
  boot(url: string, prefix: string): Promise<Golden>;
  accountsFlow: string;
  /** Nodes before "account" and how many records each lets out on the first run (Desktop filters customers). */
  firstNodes(g: Golden, jobs: number): Record<string, { in: number; out: number }>;
  /** A customer linked to an account, and one created after the accounts flow (no account). */
  parents(g: Golden): Promise<{ bound: string; walkIn: string }>;
  add(g: Golden, parent: string, name: string, notes: string): Promise<Job>;
  changeNotes(g: Golden, job: Job, notes: string): Promise<void>;
}

interface Opportunity {
  Id: string;
  Title: string;
  Notes: string;
  AccountId: string;
}

export function jobsGolden(flow: string, sys: JobSystem): void {
  for (const db of testDatabases()) {
    describe(`template "${flow}" on ${db.name}`, () => {
      let g: Golden;
      let jobs: Job[];
      let parents: { bound: string; walkIn: string };
      const creatio = () => g.weft.sandboxes!.creatio.db;
      const opportunity = (title: string) =>
        creatio()
          .prepare('SELECT "Id", "Title", "Notes", "AccountId" FROM "Opportunity" WHERE "Title" = ?')
          .all(title) as Opportunity[];
      const accountOf = (name: string) =>
        (creatio().prepare('SELECT "Id" FROM "Account" WHERE "Name" = ?').all(name) as { Id: string }[]).map(
          (r) => r.Id,
        );

      beforeAll(async () => {
        g = await sys.boot(db.url, `golden_${flow.replace(/(\w)\w*-?/g, '$1')}`);
        expect((await runTemplate(g.weft, sys.accountsFlow)).status).not.toBe('failed');
        parents = await sys.parents(g);
        jobs = [
          await sys.add(g, parents.bound, 'Roof repair phase 1', 'Ladder & <crane> "booked"'),
          await sys.add(g, parents.bound, 'Annual service', 'Every March'),
          await sys.add(g, parents.walkIn, 'Shop fit-out', 'Cash job'),
        ];
      });
      afterAll(() => g?.close());

      it('creates an opportunity per job on the account of its parent; the job of an unlinked customer fails alone', async () => {
        const s = await runTemplate(g.weft, flow);
        expect(s.status).toBe('completed-with-errors');
        for (const [id, counts] of Object.entries(sys.firstNodes(g, jobs.length)))
          expect(node(s, id)).toMatchObject(counts);
        expect(node(s, 'account')).toMatchObject({ in: 3, out: 2, failed: 1 });
        expect(await sinkCounts(g.weft, s.runId, 'opportunities')).toMatchObject({ created: 2, updated: 0, failed: 0 });
        const [unbound, ...others] = await g.weft.services.runs.failures('default', s.runId, 'account', 5);
        expect(others).toEqual([]);
        expect(unbound.failure.message).toContain(parents.walkIn);
        expect(unbound.failure.action).toMatch(/^Run 'Creatio accounts → QuickBooks .+ customers' .*first/);

        for (const job of jobs.slice(0, 2))
          expect(opportunity(job.name)).toEqual([
            { Id: expect.any(String), Title: job.name, Notes: job.notes, AccountId: accountOf(parents.bound)[0] },
          ]);
        expect(opportunity('Shop fit-out')).toEqual([]);
      });

      it('reads only the job changed since and updates its opportunity', async () => {
        expect(node(await runTemplate(g.weft, flow), 'read').in).toBe(0);
        const [before] = opportunity(jobs[1].name);
        await sys.changeNotes(g, jobs[1], 'Every March and September');
        const s = await runTemplate(g.weft, flow);
        expect(node(s, 'read').in).toBe(1);
        expect(await sinkCounts(g.weft, s.runId, 'opportunities')).toMatchObject({ created: 0, updated: 1, failed: 0 });
        expect(opportunity(jobs[1].name)).toEqual([{ ...before, Notes: 'Every March and September' }]);
      });
    });
  }
}

/** QuickBooks Online: a job is a sub-customer (Job true) written through the REST API. */
export const qboJobs: JobSystem = {
  boot: bootGolden,
  accountsFlow: 'qbo-customers-to-creatio-accounts',
  firstNodes: (_g, jobs) => ({ read: { in: jobs, out: jobs } }),
  async parents(g) {
    const sb = g.weft.sandboxes!.qbo;
    const bound = sb.store.all(sb.realmId, 'Customer')[0].body.DisplayName as string;
    const walkIn = 'Walk-in Buyer (cash sale)';
    const r = await call(sb, await accessToken(sb), 'customer', { body: { DisplayName: walkIn } });
    expect(r.status).toBe(200);
    return { bound, walkIn };
  },
  async add(g, parent, name, notes) {
    const sb = g.weft.sandboxes!.qbo;
    const ref = sb.store.all(sb.realmId, 'Customer').find((c) => c.body.DisplayName === parent)!.id;
    const body = { DisplayName: name, Job: true, BillWithParent: true, ParentRef: { value: ref }, Notes: notes };
    const r = await call(sb, await accessToken(sb), 'customer?minorversion=75', { body });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const c = r.json.Customer as Record<string, string>;
    return { id: c.Id, name, parent, notes, version: c.SyncToken };
  },
  async changeNotes(g, job, notes) {
    const sb = g.weft.sandboxes!.qbo;
    const cur = sb.store.all(sb.realmId, 'Customer').find((c) => c.id === job.id)!;
    const body = { Id: job.id, SyncToken: String(cur.syncToken), sparse: true, Notes: notes };
    expect((await call(sb, await accessToken(sb), 'customer?minorversion=75', { body })).status).toBe(200);
  },
};

/** QuickBooks Desktop: a job is a customer with a ParentRef (Customer:Job) saved through qbXML. */
export const qbdJobs: JobSystem = {
  boot: bootQbdGolden,
  accountsFlow: 'creatio-accounts-to-qbd-customers',
  firstNodes: (g, jobs) => {
    const all = g.weft.sandboxes!.qbd.file.customers({ active: 'ActiveOnly' }).length;
    return { read: { in: all, out: all }, 'only-jobs': { in: all, out: jobs } };
  },
  parents(g) {
    const file = g.weft.sandboxes!.qbd.file;
    const names = (
      g.weft.sandboxes!.creatio.db.prepare('SELECT "Name" FROM "Account" ORDER BY "Name"').all() as { Name: string }[]
    ).map((a) => a.Name);
    const walkIn = 'Walk-in Buyer (cash sale)';
    file.addCustomer({ name: walkIn, fields: {} });
    return Promise.resolve({ bound: names.find((n) => file.customerByName(n))!, walkIn });
  },
  add(g, parent, name, notes) {
    const file = g.weft.sandboxes!.qbd.file;
    const listId = file.customerByName(parent)!.listId;
    const ret = qbdSave(
      file,
      'Customer',
      el('Name', name) + `<ParentRef>${el('ListID', listId)}</ParentRef>` + el('JobDesc', notes),
    );
    return Promise.resolve({ id: String(ret.ListID), name, parent, notes, version: String(ret.EditSequence) });
  },
  changeNotes(g, job, notes) {
    const file = g.weft.sandboxes!.qbd.file;
    file.now = () => Date.now() + 60_000;
    qbdSave(file, 'Customer', el('ListID', job.id) + el('EditSequence', job.version) + el('JobDesc', notes), 'Mod');
    return Promise.resolve();
  },
};
