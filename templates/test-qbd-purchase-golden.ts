// Golden test shared by the templates that turn Creatio opportunities into a QuickBooks Desktop purchase-side
// transaction (purchase order, bill, check): the whole Weft runs the suppliers and products flows to QuickBooks
// Desktop, then the template, through the queue and the sandbox's Web Connector. The company file must hold
// exactly one transaction per opportunity whose vendor is bound, to that vendor, with its items, quantities and
// costs; a second run updates them in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount } from '../sandbox/demo-data';
import { opportunityVendor } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import {
  bootQbdGolden,
  expectMissingItems,
  expectOpportunityLines,
  expectRerunUpdates,
  withoutItem,
} from './test-qbd-golden';
import { purchaseCases } from './test-purchase-golden';

export interface QbdPurchaseCase {
  flow: string;
  entity: 'PurchaseOrder' | 'Bill' | 'Check';
  bind: string;
  map: string;
  sink: string;
  /** The step after the sink: the number and the line ids back to Creatio. */
  writeBack: string;
  schema: string;
}

type Ref = { ListID: string; FullName: string };
interface Txn {
  VendorRef?: Ref;
  PayeeEntityRef?: Ref;
  AccountRef?: Ref;
  DueDate?: string;
  Memo: string;
  [lines: string]: unknown;
}

export function qbdPurchaseGolden(c: QbdPurchaseCase): void {
  for (const db of testDatabases()) {
    describe(`template "${c.flow}" on ${db.name}`, () => {
      let g: Golden;
      beforeAll(async () => {
        g = await bootQbdGolden(db.url, c.schema);
      });
      afterAll(() => g?.close());
      const file = () => g.weft.sandboxes!.qbd.file;
      const txns = () => file().objects([c.entity]);
      // The vendors flow binds the same suppliers as on QuickBooks Online; QuickBooks Desktop has no item for the
      // product named past 31 characters, so its opportunities fail at the sink with QuickBooks' own 3140.
      const { opps, noVendor } = purchaseCases();
      const noItem = withoutItem(opps.filter((i) => !noVendor.includes(i)));
      const good = opps.filter((i) => !noVendor.includes(i) && !noItem.includes(i));
      const ref = (i: number) => `OPP-${String(i).padStart(6, '0')}`;
      const lineKey = c.entity === 'PurchaseOrder' ? 'PurchaseOrderLineAdd' : 'ItemLineAdd';

      it(`creates one ${c.entity} per opportunity to its vendor, with its items, quantities and costs`, async () => {
        expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-vendors')).status).toBe('completed-with-errors');
        expect((await runTemplate(g.weft, 'creatio-products-to-qbd-items')).status).toBe('completed-with-errors');
        const before = txns().length;
        const s = await runTemplate(g.weft, c.flow);

        expect(s.status).toBe('completed-with-errors');
        expect(s.nodes.map((n) => n.id)).toEqual(['opportunities', 'vendor', c.bind, c.map, c.sink, c.writeBack]);
        expect(node(s, 'opportunities')).toMatchObject({ in: opps.length, out: opps.length, failed: 0 });
        expect(node(s, 'vendor')).toMatchObject({ out: opps.length - noVendor.length, failed: noVendor.length });
        expect(node(s, c.map)).toMatchObject({ in: opps.length - noVendor.length, failed: 0 });
        expect(node(s, c.sink)).toMatchObject({ out: good.length, failed: noItem.length });
        expect(await sinkCounts(g.weft, s.runId, c.sink)).toMatchObject({ created: good.length, updated: 0 });

        const unbound = await g.weft.services.runs.failures('default', s.runId, 'vendor', 100);
        expect(unbound.map((f) => f.failure.action).join('\n')).toContain(
          'Run the "Creatio suppliers → QuickBooks Desktop vendors" flow first',
        );
        await expectMissingItems(g, s.runId, c.sink, noItem.length);

        const all = txns();
        expect(all).toHaveLength(before + good.length);
        for (const i of good) {
          const t = all.find((o) => o.name === ref(i))?.data as unknown as Txn;
          expect(t, `${c.entity} of opportunity ${i}`).toBeDefined();
          const vendor = demoAccount(opportunityVendor(i)!).name;
          if (c.entity === 'Check') {
            expect(t.PayeeEntityRef!.FullName).toBe(vendor);
            expect(t.AccountRef!.FullName).toBe('Checking');
          } else {
            expect(t.VendorRef!.FullName).toBe(vendor);
            expect(t.DueDate).toBe('2026-02-04');
          }
          expect(t.Memo).toBe(`Creatio opportunity: ${demoAccount(i).name} — renewal`);
          expectOpportunityLines(t[lineKey] as Parameters<typeof expectOpportunityLines>[0], i);
        }
      });

      it(`reruns without duplicating: each opportunity updates its ${c.entity}`, async () => {
        await expectRerunUpdates(g, c, opps.length - noVendor.length, good.length, txns);
      });
    });
  }
}
