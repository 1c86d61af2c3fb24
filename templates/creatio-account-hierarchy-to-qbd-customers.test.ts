// Golden test of "Creatio account hierarchy → QuickBooks Desktop sub-customers" (seed §5.2 "Hierarchy Propagation"),
// through the queue and the sandbox's Web Connector: after the accounts flow, each active account with a parent is
// filed under its parent's customer (Parent:Child), and an account three levels down hangs on the second level.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount } from '../sandbox/demo-data';
import { ACCOUNT_PARENTS } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';

const FLOW = 'creatio-account-hierarchy-to-qbd-customers';

for (const db of testDatabases()) {
  describe(`template "${FLOW}" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_hierarchy');
    });
    afterAll(() => g?.close());
    const file = () => g.weft.sandboxes!.qbd.file;
    const n = (i: number) => demoAccount(i).name;
    const children = Object.keys(ACCOUNT_PARENTS).map(Number);

    it("files each account under its parent's customer as Parent:Child, cutting the hierarchy at two levels", async () => {
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
      const before = file().customerCount();
      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(node(s, 'hierarchy')).toMatchObject({ in: children.length, out: children.length, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'customers')).toMatchObject({ created: 0, updated: children.length });
      expect(file().customerCount()).toBe(before);
      // 40 ← 50 ← 60 ← 70 and 80 ← 90: 70 sits three levels down, so it hangs under 50 beside 60.
      for (const full of [
        `${n(40)}:${n(50)}`,
        `${n(40)}:${n(50)}:${n(60)}`,
        `${n(40)}:${n(50)}:${n(70)}`,
        `${n(80)}:${n(90)}`,
      ])
        expect(file().customerByName(full), full).toBeDefined();
      expect(file().customerByName(n(50))).toBeUndefined();
    });

    it('reruns without change when nothing moved in Creatio', async () => {
      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'accounts').in).toBe(0);
      expect(file().customerByName(`${n(40)}:${n(50)}:${n(70)}`)).toBeDefined();
    });
  });
}
