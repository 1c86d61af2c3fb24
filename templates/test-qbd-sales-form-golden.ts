// Golden test shared by the templates that turn Creatio opportunities into a QuickBooks Desktop sales form (sales
// order, invoice): the whole Weft runs the accounts and products flows to QuickBooks Desktop, then the template,
// through the queue and the sandbox's Web Connector; the company file must hold exactly the forms the
// opportunities describe, and a second run updates them in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWKWARD_NAMES, DUPLICATE_INDEX, demoAccount } from '../sandbox/demo-data';
import { PRODUCTS, opportunityLines } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';

const ACCOUNTS = 300;
const LONG_PRODUCT = PRODUCTS.findIndex((p) => [...p.Name].length > 31);

export interface QbdSalesFormCase {
  flow: string;
  entity: 'SalesOrder' | 'Invoice' | 'Estimate' | 'SalesReceipt';
  /** Node ids of the binding, mapping and sink steps. */
  bind: string;
  map: string;
  sink: string;
  schema: string;
}

interface SalesForm {
  CustomerRef: { ListID: string; FullName: string };
  RefNumber: string;
  DueDate: string;
  Memo: string;
  [lines: string]: unknown;
}
type Line = { ItemRef: { FullName: string }; Desc: string; Quantity: string; Rate: string };

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
      const noItem = opps.filter(
        (i) => !unbound.includes(i) && opportunityLines(i).some((l) => l.product === LONG_PRODUCT),
      );
      const good = opps.filter((i) => !unbound.includes(i) && !noItem.includes(i));
      const ref = (i: number) => `OPP-${String(i).padStart(6, '0')}`;

      it(`creates one ${c.entity} per opportunity on its customer, with its items, quantities and rates`, async () => {
        expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
        expect((await runTemplate(g.weft, 'creatio-products-to-qbd-items')).status).toBe('completed-with-errors');
        const before = orders().length;
        const s = await runTemplate(g.weft, FLOW);

        expect(s.status).toBe('completed-with-errors');
        expect(s.nodes.map((n) => n.id)).toEqual(['opportunities', 'customer', c.bind, c.map, c.sink]);
        expect(node(s, 'opportunities')).toMatchObject({ in: opps.length, out: opps.length, failed: 0 });
        expect(node(s, 'customer')).toMatchObject({ out: opps.length - unbound.length, failed: unbound.length });
        expect(node(s, c.map)).toMatchObject({ in: opps.length - unbound.length, failed: 0 });
        expect(node(s, c.sink)).toMatchObject({ out: good.length, failed: noItem.length });
        expect(await sinkCounts(g.weft, s.runId, c.sink)).toMatchObject({ created: good.length, updated: 0 });

        const [unboundFailure] = await g.weft.services.runs.failures('default', s.runId, 'customer', 1);
        expect(unboundFailure.failure.action).toContain(
          'Run the "Creatio accounts → QuickBooks Desktop customers" flow first',
        );
        const missing = await g.weft.services.runs.failures('default', s.runId, c.sink, 10);
        expect(missing).toHaveLength(noItem.length);
        for (const f of missing)
          expect(f.failure).toMatchObject({ code: 'qbd.3140', message: expect.stringContaining('QuickBooks Item') });

        const all = orders();
        expect(all).toHaveLength(before + good.length);
        for (const i of good) {
          const so = all.find((o) => o.name === ref(i))!.data as unknown as SalesForm;
          expect(so, `${c.entity} of opportunity ${i}`).toBeDefined();
          expect(so.CustomerRef.FullName).toBe(demoAccount(i).name);
          expect(so.Memo).toBe(`Creatio opportunity: ${demoAccount(i).name} — renewal`);
          expect(so.DueDate).toBe('2026-02-04');
          expect(
            (so[`${c.entity}LineAdd`] as Line[]).map((l) => ({
              item: l.ItemRef.FullName,
              qty: Number(l.Quantity),
              rate: Number(l.Rate),
            })),
          ).toEqual(
            opportunityLines(i).map((l) => ({ item: PRODUCTS[l.product].Name, qty: l.quantity, rate: l.price })),
          );
        }
      });

      it(`reruns without duplicating: each bound opportunity updates its ${c.entity}`, async () => {
        const again = await runTemplate(g.weft, FLOW);
        expect(node(again, 'opportunities').in).toBe(0);
        const count = orders().length;
        await g.weft.services.runs.setWatermark('default', `template-${FLOW}`, 'opportunities', null);
        const third = await runTemplate(g.weft, FLOW);
        expect(node(third, c.bind)).toMatchObject({ out: opps.length - unbound.length, failed: 0 });
        expect(await sinkCounts(g.weft, third.runId, c.sink)).toMatchObject({ created: 0, updated: good.length });
        expect(orders()).toHaveLength(count);
      });
    });
  }
}
