// Golden test of "Creatio account hierarchy → QuickBooks sub-customers" (seed §5.2 "Hierarchy Propagation"): after the
// accounts flow, each active account with a parent is filed under its parent's customer, and an account three levels
// down hangs on the second level, as the template's Hierarchy step (2 levels) says; a rerun with 3 levels keeps it
// under its own parent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount } from '../sandbox/demo-data';
import { ACCOUNT_PARENTS } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { FlowDocument } from '../flow/flow-document';
import { callerRunApi } from '../server/cli-http';
import { runOnce } from '../server/cli-run';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const FLOW = 'creatio-account-hierarchy-to-qbo-customers';

interface Customer {
  Id: string;
  DisplayName: string;
  Job?: boolean;
  ParentRef?: { value: string };
}

for (const db of testDatabases()) {
  describe(`template "${FLOW}" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbo_hierarchy');
    });
    afterAll(() => g?.close());
    const qbo = () => g.weft.sandboxes!.qbo;
    const customers = () =>
      qbo()
        .store.all(qbo().realmId, 'Customer')
        .map((r) => ({ Id: r.id, ...r.body }) as Customer);
    const id = (i: number) => customers().find((c) => c.DisplayName === demoAccount(i).name)!.Id;
    const parentOf = (i: number) => customers().find((c) => c.DisplayName === demoAccount(i).name)!.ParentRef?.value;
    const children = Object.keys(ACCOUNT_PARENTS).map(Number);

    it("files each account under its parent's customer, cutting the hierarchy at two levels", async () => {
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      const before = customers().length;
      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(node(s, 'with-parent')).toMatchObject({ out: children.length });
      expect(node(s, 'hierarchy')).toMatchObject({ in: children.length, out: children.length, failed: 0 });
      expect(node(s, 'parent')).toMatchObject({ out: children.length, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'customers')).toMatchObject({ created: 0, updated: children.length });
      expect(customers()).toHaveLength(before);
      // 40 ← 50 ← 60 ← 70 and 80 ← 90: 70 sits three levels down, so it hangs under 50 (level 1) with 60.
      expect(parentOf(50)).toBe(id(40));
      expect(parentOf(60)).toBe(id(50));
      expect(parentOf(70)).toBe(id(50));
      expect(parentOf(90)).toBe(id(80));
      expect(parentOf(40)).toBeUndefined();
      for (const i of children)
        expect(customers().find((c) => c.DisplayName === demoAccount(i).name)!.Job, `${i}`).toBe(false);
    });

    it('with three levels chosen, the deepest account stays under its own parent', async () => {
      const doc = g.weft.services.design.getTemplate(FLOW)!;
      (doc.nodes.find((n) => n.id === 'hierarchy')!.config as { hierarchyLevels: number }).hierarchyLevels = 3;
      const flowId = await g.weft.services.design.createFlow('default', FlowDocument.parse(doc), null);
      const s = await runOnce(callerRunApi(g.weft.services), { kind: 'id', id: flowId });
      expect(s.status).toBe('succeeded');
      expect(parentOf(70)).toBe(id(60));
      expect(parentOf(60)).toBe(id(50));
    });
  });
}
