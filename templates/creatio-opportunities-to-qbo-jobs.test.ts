// Golden test of "Creatio opportunities → QuickBooks jobs" (seed §5.1 "Creatio Opportunity to QB Job"): QuickBooks
// Online keeps a job as a sub-customer (Intuit, Customer: "Job … If true, this is a Job or sub-customer"; ParentRef
// "the immediate parent of the Sub-Customer/Job"), so each opportunity becomes a customer with Job true under its
// account's customer, named Parent:Title, with the account's address; an opportunity whose account is not bound
// fails alone, saying which flow to run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUPLICATE_INDEX, demoAccount } from '../sandbox/demo-data';
import { seededAccountId } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { FlowDocument } from '../flow/flow-document';
import { callerRunApi } from '../server/cli-http';
import { runOnce } from '../server/cli-run';
import { bootGolden, creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const FLOW = 'creatio-opportunities-to-qbo-jobs';
const ACCOUNTS = 300;

interface Customer {
  Id: string;
  DisplayName: string;
  FullyQualifiedName: string;
  Job?: boolean;
  BillWithParent?: boolean;
  Notes?: string;
  ParentRef?: { value: string };
  BillAddr?: { Line1?: string; City?: string; PostalCode?: string; Country?: string };
  ShipAddr?: { Line1?: string; City?: string; PostalCode?: string };
}

for (const db of testDatabases()) {
  describe(`template "${FLOW}" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbo_jobs');
    });
    afterAll(() => g?.close());
    const qbo = () => g.weft.sandboxes!.qbo;
    const customers = () =>
      qbo()
        .store.all(qbo().realmId, 'Customer')
        .map((r) => ({ Id: r.id, ...r.body }) as Customer);
    const opps = Array.from({ length: ACCOUNTS }, (_, i) => i).filter((i) => i % 10 === 1);
    const unbound = opps.filter((i) => i === DUPLICATE_INDEX || i === DUPLICATE_INDEX + 1);
    const good = opps.filter((i) => !unbound.includes(i));
    const title = (i: number) => `${demoAccount(i).name} — renewal`;

    it("makes each opportunity a job under its account's customer, with the account's address", async () => {
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      const before = customers().length;
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
      expect(node(s, 'opportunities')).toMatchObject({ in: opps.length, out: opps.length });
      expect(node(s, 'customer')).toMatchObject({ out: good.length, failed: unbound.length });
      expect(node(s, 'map-job')).toMatchObject({ in: good.length, out: good.length, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'jobs')).toMatchObject({ created: good.length, updated: 0, failed: 0 });
      const [f] = await g.weft.services.runs.failures('default', s.runId, 'customer', 1);
      expect(f.failure.action).toContain('Run the "Creatio accounts → QuickBooks customers" flow first');

      const after = customers();
      expect(after).toHaveLength(before + good.length);
      for (const i of good) {
        const a = demoAccount(i);
        const parent = after.find((x) => x.DisplayName === a.name && !x.Job)!;
        expect(
          after.find((x) => x.DisplayName === title(i)),
          title(i),
        ).toMatchObject({
          Job: true,
          BillWithParent: true,
          ParentRef: { value: parent.Id },
          FullyQualifiedName: `${a.name}:${title(i)}`,
          BillAddr: { Line1: a.address, City: a.city, PostalCode: a.zip },
          // The seeded opportunities have no notes: the job says where it came from.
          Notes: `Creatio opportunity: ${title(i)}`,
        });
        // The seeded contacts have no address of their own: no shipping address rather than a blank one.
        expect(after.find((x) => x.DisplayName === title(i))!.ShipAddr).toBeUndefined();
      }
    });

    it('reruns without duplicating: a renamed opportunity renames its job, shipped to its primary contact', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'opportunities').in).toBe(0);
      const before = customers().length;
      const creatio = await creatioSession(g.weft);
      const [o] = await creatio.get<{ Id: string }>(
        `Opportunity?$filter=${encodeURIComponent(`Title eq '${title(21)}'`)}&$select=Id`,
      );
      expect(
        await creatio.patch(`Opportunity(${o.Id})`, {
          Title: 'Globex Holdings 21 — expansion',
          Notes: 'East wing & loft',
        }),
      ).toBe(204);
      // Account 21 has a primary contact (every third account has contacts, the first is primary).
      const [acc] = await creatio.get<{ PrimaryContactId: string }>(
        `Account?$filter=${encodeURIComponent(`Id eq ${seededAccountId(21)}`)}&$select=PrimaryContactId`,
      );
      expect(await creatio.patch(`Contact(${acc.PrimaryContactId})`, { Address: '7 Dock Road', Zip: '02110' })).toBe(
        204,
      );
      const s = await runTemplate(g.weft, FLOW);
      expect(await sinkCounts(g.weft, s.runId, 'jobs')).toMatchObject({ created: 0, updated: 1 });
      expect(customers()).toHaveLength(before);
      expect(customers().find((x) => x.DisplayName === 'Globex Holdings 21 — expansion')).toMatchObject({
        Job: true,
        FullyQualifiedName: `${demoAccount(21).name}:Globex Holdings 21 — expansion`,
        ShipAddr: { Line1: '7 Dock Road', PostalCode: '02110' },
        Notes: 'East wing & loft',
      });
    });

    it("with the primary contact chosen by role, the job ships to the account's decision maker", async () => {
      const creatio = await creatioSession(g.weft);
      const account = encodeURIComponent(
        `Account/Id eq ${seededAccountId(21)} and DecisionRole/Name eq 'Decision maker'`,
      );
      const [maker] = await creatio.get<{ Id: string }>(`Contact?$filter=${account}&$select=Id`);
      expect(await creatio.patch(`Contact(${maker.Id})`, { Address: '3 Quay Street', Zip: '02111' })).toBe(204);
      const doc = g.weft.services.design.getTemplate(FLOW)!;
      const source = doc.nodes.find((n) => n.id === 'opportunities')!.config as { expand: string };
      source.expand = source.expand.replace(
        'PrimaryContact(',
        'ContactCollectionByAccount($select=Name,Address,Zip;$expand=DecisionRole($select=Name)),PrimaryContact(',
      );
      Object.assign(doc.nodes.find((n) => n.id === 'addresses')!.config, {
        primaryContact: 'contact-role',
        contacts: 'Account.ContactCollectionByAccount',
      });
      const flowId = await g.weft.services.design.createFlow('default', FlowDocument.parse(doc), null);
      const s = await runOnce(callerRunApi(g.weft.services), { kind: 'id', id: flowId });
      expect(node(s, 'addresses')).toMatchObject({ out: good.length, failed: 0 });
      expect(customers().find((x) => x.DisplayName === 'Globex Holdings 21 — expansion')!.ShipAddr).toMatchObject({
        Line1: '3 Quay Street',
        PostalCode: '02111',
      });
    });
  });
}
