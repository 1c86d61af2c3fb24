// Golden test shared by the templates that turn Creatio opportunities into a QuickBooks Desktop sales form (sales
// order, invoice): the whole Weft runs the accounts and products flows to QuickBooks Desktop, then the template,
// through the queue and the sandbox's Web Connector; the company file must hold exactly the forms the
// opportunities describe, and a second run updates them in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWKWARD_NAMES, DUPLICATE_INDEX, demoAccount } from '../sandbox/demo-data';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import {
  bootQbdGolden,
  expectMissingItems,
  expectOpportunityLines,
  expectRerunUpdates,
  withoutItem,
} from './test-qbd-golden';

const ACCOUNTS = 300;

export interface QbdSalesFormCase {
  flow: string;
  entity: 'SalesOrder' | 'Invoice' | 'Estimate' | 'SalesReceipt';
  /** Node ids of the binding, mapping and sink steps. */
  bind: string;
  map: string;
  sink: string;
  /** A step after the sink, if any: the invoice's write-back of the number and the line ids. */
  writeBack?: string;
  schema: string;
}

interface SalesForm {
  CustomerRef: { ListID: string; FullName: string };
  RefNumber: string;
  DueDate: string;
  Memo: string;
  [lines: string]: unknown;
}

export function qbdSalesFormGolden(c: QbdSalesFormCase): void {
  const FLOW = c.flow;
  for (const db of testDatabases()) {
    describe(`template "${c.flow}" on ${db.name}`, () => {
      let g: Golden;
      beforeAll(async () => {
        g = await bootQbdGolden(db.url, c.schema);
      });
      afterAll(() => g?.close());
      const file = () => g.weft.sandboxes!.qbd.file;
      const orders = () => file().objects([c.entity]);

      // Opportunities sit on every tenth account; the one on account 11 shares its name with account 10 (the
      // accounts flow binds neither), and QuickBooks Desktop has no item for the product named past 31 characters.
      const opps = Array.from({ length: ACCOUNTS }, (_, i) => i).filter((i) => i % 10 === 1);
      const longAccount = (i: number) => i < AWKWARD_NAMES.length && [...AWKWARD_NAMES[i]].length > 41;
      const unbound = opps.filter((i) => i === DUPLICATE_INDEX || i === DUPLICATE_INDEX + 1 || longAccount(i));
      const noItem = withoutItem(opps.filter((i) => !unbound.includes(i)));
      const good = opps.filter((i) => !unbound.includes(i) && !noItem.includes(i));
      const ref = (i: number) => `OPP-${String(i).padStart(6, '0')}`;

      it(`creates one ${c.entity} per opportunity on its customer, with its items, quantities and rates`, async () => {
        expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
        expect((await runTemplate(g.weft, 'creatio-products-to-qbd-items')).status).toBe('completed-with-errors');
        const before = orders().length;
        const s = await runTemplate(g.weft, FLOW);

        expect(s.status).toBe('completed-with-errors');
        const steps = ['opportunities', 'customer', c.bind, c.map, c.sink, ...(c.writeBack ? [c.writeBack] : [])];
        expect(s.nodes.map((n) => n.id)).toEqual(steps);
        expect(node(s, 'opportunities')).toMatchObject({ in: opps.length, out: opps.length, failed: 0 });
        expect(node(s, 'customer')).toMatchObject({ out: opps.length - unbound.length, failed: unbound.length });
        expect(node(s, c.map)).toMatchObject({ in: opps.length - unbound.length, failed: 0 });
        expect(node(s, c.sink)).toMatchObject({ out: good.length, failed: noItem.length });
        expect(await sinkCounts(g.weft, s.runId, c.sink)).toMatchObject({ created: good.length, updated: 0 });

        const [unboundFailure] = await g.weft.services.runs.failures('default', s.runId, 'customer', 1);
        expect(unboundFailure.failure.action).toContain(
          'Run the "Creatio accounts → QuickBooks Desktop customers" flow first',
        );
        await expectMissingItems(g, s.runId, c.sink, noItem.length);

        const all = orders();
        expect(all).toHaveLength(before + good.length);
        for (const i of good) {
          const so = all.find((o) => o.name === ref(i))!.data as unknown as SalesForm;
          expect(so, `${c.entity} of opportunity ${i}`).toBeDefined();
          expect(so.CustomerRef.FullName).toBe(demoAccount(i).name);
          expect(so.Memo).toBe(`Creatio opportunity: ${demoAccount(i).name} — renewal`);
          expect(so.DueDate).toBe('2026-02-04');
          expectOpportunityLines(so[`${c.entity}LineAdd`] as Parameters<typeof expectOpportunityLines>[0], i);
        }
      });

      it(`reruns without duplicating: each bound opportunity updates its ${c.entity}`, async () => {
        await expectRerunUpdates(g, c, opps.length - unbound.length, good.length, orders);
      });
    });
  }
}
