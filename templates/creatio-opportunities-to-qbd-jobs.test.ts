// Golden test of "Creatio opportunities → QuickBooks Desktop jobs" (seed §5.1 "Creatio Opportunity to QB Job"), through
// the queue and the sandbox's Web Connector: each opportunity of a bound account becomes a job, Account:Title, with
// its status from the stage, its dates and the account's address; a won opportunity's job is Awarded on the next
// run, and a title past QuickBooks' 41 characters fails alone, named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWKWARD_NAMES, DUPLICATE_INDEX, demoAccount } from '../sandbox/demo-data';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';

const ACCOUNTS = 300;
const FLOW = 'creatio-opportunities-to-qbd-jobs';

for (const db of testDatabases()) {
  describe(`template "${FLOW}" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_jobs');
    });
    afterAll(() => g?.close());
    const file = () => g.weft.sandboxes!.qbd.file;
    const opps = Array.from({ length: ACCOUNTS }, (_, i) => i).filter((i) => i % 10 === 1);
    const longAccount = (i: number) => i < AWKWARD_NAMES.length && [...AWKWARD_NAMES[i]].length > 41;
    const unbound = opps.filter((i) => i === DUPLICATE_INDEX || i === DUPLICATE_INDEX + 1 || longAccount(i));
    const title = (i: number) => `${demoAccount(i).name} — renewal`;
    const good = opps.filter((i) => !unbound.includes(i));

    it("makes each opportunity a job of its account's customer, with status, dates and address", async () => {
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
      const before = file().customerCount();
      const s = await runTemplate(g.weft, FLOW);
      expect(s.nodes.map((n) => n.id)).toEqual([
        'opportunities',
        'customer',
        'addresses',
        'bind-jobs',
        'map-job',
        'jobs',
      ]);
      expect(node(s, 'addresses')).toMatchObject({ in: good.length, out: good.length, failed: 0 });
      expect(node(s, 'customer')).toMatchObject({ out: opps.length - unbound.length, failed: unbound.length });
      expect(node(s, 'map-job')).toMatchObject({ out: good.length, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'jobs')).toMatchObject({ created: good.length, updated: 0, failed: 0 });
      expect(file().customerCount()).toBe(before + good.length);
      for (const i of good) {
        const a = demoAccount(i);
        const job = file().customerByName(`${a.name}:${title(i)}`);
        expect(job, title(i)).toBeDefined();
        expect(job!.fields).toMatchObject({
          JobStatus: 'Pending',
          JobStartDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          JobProjectedEndDate: '2026-02-04',
          // The seeded opportunities have no notes: the job says where it came from.
          JobDesc: `Creatio opportunity: ${title(i)}`.slice(0, 99),
          BillAddress: { Addr1: a.address, City: a.city, PostalCode: a.zip },
        });
        // The seeded contacts have no address of their own: no shipping address rather than a blank one.
        expect(job!.fields.ShipAddress).toBeUndefined();
      }
    });

    it('reruns without duplicating: a won opportunity makes its job Awarded, its notes the description; a title too long fails alone', async () => {
      const before = file().customerCount();
      const creatio = await creatioSession(g.weft);
      const [won] = await creatio.get<{ Id: string }>(`OpportunityStage?$filter=Name eq 'Closed won'&$select=Id`);
      const [o] = await creatio.get<{ Id: string }>(
        `Opportunity?$filter=${encodeURIComponent(`Title eq '${title(21)}'`)}&$select=Id`,
      );
      expect(await creatio.patch(`Opportunity(${o.Id})`, { StageId: won.Id, Notes: 'Signed & <sealed>' })).toBe(204);
      const long = 'Fleet renewal with on-site service for all branch offices';
      const [other] = await creatio.get<{ Id: string }>(
        `Opportunity?$filter=${encodeURIComponent(`Title eq '${title(31)}'`)}&$select=Id`,
      );
      expect(await creatio.patch(`Opportunity(${other.Id})`, { Title: long })).toBe(204);
      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'map-job')).toMatchObject({ in: 2, out: 1, failed: 1 });
      const [f] = await g.weft.services.runs.failures('default', s.runId, 'map-job', 1);
      expect(f.failure.message).toContain('Name');
      expect(f.failure.message).toContain('41');
      expect(await sinkCounts(g.weft, s.runId, 'jobs')).toMatchObject({ created: 0, updated: 1 });
      expect(file().customerCount()).toBe(before);
      expect(file().customerByName(`${demoAccount(21).name}:${title(21)}`)!.fields).toMatchObject({
        JobStatus: 'Awarded',
        JobDesc: 'Signed & <sealed>',
      });
    });
  });
}
