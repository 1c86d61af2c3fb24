// Golden test shared by the templates that turn Creatio opportunities into a QuickBooks Online purchase-side
// transaction (purchase order, bill, check): the whole Weft runs "Creatio suppliers → QuickBooks vendors", then
// the template, against both sandboxes over HTTP. The company must hold exactly one transaction per opportunity
// whose vendor is bound, to that vendor, with the products as item lines; a second run updates them in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, isAlreadyInQuickBooks } from '../sandbox/demo-data';
import { PRODUCTS, opportunityLines, opportunityVendor } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { FlowDocument } from '../flow/flow-document';
import { callerRunApi } from '../server/cli-http';
import { runOnce } from '../server/cli-run';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const ACCOUNTS = 300;

export interface PurchaseCase {
  flow: string;
  entity: 'PurchaseOrder' | 'Bill' | 'Purchase';
  /** Node ids in flow order. */
  nodes: string[];
  bind: string;
  map: string;
  sink: string;
  schema: string;
}

interface Txn {
  Id: string;
  DocNumber: string;
  PrivateNote?: string;
  TotalAmt: number;
  DueDate?: string;
  VendorRef?: { value: string };
  EntityRef?: { value: string; type: string };
  AccountRef?: { value: string; name: string };
  PaymentType?: string;
  Line: {
    Id: string;
    Amount: number;
    DetailType: string;
    ItemBasedExpenseLineDetail?: { ItemRef: { value: string }; Qty: number };
  }[];
}

/** Opportunities sit on every tenth account; which of them name a vendor the vendors flow binds. */
export function purchaseCases() {
  const opps = Array.from({ length: ACCOUNTS }, (_, i) => i).filter((i) => i % 10 === 1);
  // The vendors flow binds active suppliers whose name QuickBooks does not already hold as a customer.
  const bound = (v: number | null) => v !== null && demoAccount(v).active && !isAlreadyInQuickBooks(v);
  const noVendor = opps.filter((i) => !bound(opportunityVendor(i)));
  const longProduct = PRODUCTS.findIndex((p) => p.Name.length > 100);
  const longName = opps.filter(
    (i) => !noVendor.includes(i) && opportunityLines(i).some((l) => l.product === longProduct),
  );
  const good = opps.filter((i) => !noVendor.includes(i) && !longName.includes(i));
  return { opps, noVendor, longName, good };
}

export function purchaseGolden(c: PurchaseCase): void {
  for (const db of testDatabases()) {
    describe(`template "${c.flow}" on ${db.name}`, () => {
      let g: Golden;
      beforeAll(async () => {
        g = await bootGolden(db.url, c.schema);
      });
      afterAll(() => g?.close());

      const qbo = () => g.weft.sandboxes!.qbo;
      const rows = <T>(entity: string) =>
        qbo()
          .store.all(qbo().realmId, entity)
          .map((r) => ({ Id: r.id, ...r.body }) as T);
      const { opps, noVendor, longName, good } = purchaseCases();
      const docNumber = (i: number) => `OPP-${String(i).padStart(6, '0')}`;
      const lineIdsOf = (i: number) =>
        (
          g.weft
            .sandboxes!.creatio.db.prepare(
              'SELECT p."UsrQBLineId" FROM "OpportunityProduct" p JOIN "Opportunity" o ON o."Id" = p."OpportunityId" ' +
                'WHERE o."UsrInvoiceNumber" = ? ORDER BY p."CreatedOn", p."Id"',
            )
            .all(docNumber(i)) as { UsrQBLineId: string }[]
        ).map((p) => p.UsrQBLineId);

      it(`creates one ${c.entity} per opportunity to its vendor, with its products as item lines`, async () => {
        expect(noVendor.length).toBeGreaterThan(0);
        expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-vendors')).status).toBe('completed-with-errors');
        const before = rows<Txn>(c.entity).length;
        const s = await runTemplate(g.weft, c.flow);

        expect(s.status).toBe('completed-with-errors');
        expect(s.nodes.map((n) => n.id)).toEqual(c.nodes);
        expect(node(s, 'opportunities')).toMatchObject({ in: opps.length, out: opps.length, failed: 0 });
        expect(node(s, 'vendor')).toMatchObject({ out: opps.length - noVendor.length, failed: noVendor.length });
        if (c.nodes.includes('bank-account'))
          expect(node(s, 'bank-account')).toMatchObject({ out: opps.length - noVendor.length, failed: 0 });
        expect(node(s, 'items')).toMatchObject({ out: good.length, failed: longName.length });
        expect(node(s, c.map)).toMatchObject({ in: good.length, out: good.length, failed: 0 });
        expect(node(s, c.sink)).toMatchObject({ in: good.length, out: good.length, failed: 0 });
        expect(await sinkCounts(g.weft, s.runId, c.sink)).toMatchObject({ created: good.length, updated: 0 });
        // Each product gets its line's QuickBooks id (UsrQBLineId): an update edits that line, and the way back
        // finds the product again by it.
        expect(await sinkCounts(g.weft, s.runId, 'write-back')).toMatchObject({ updated: good.length, failed: 0 });

        // An opportunity whose supplier is not a QuickBooks vendor says which flow to run, in plain words.
        const failures = await g.weft.services.runs.failures('default', s.runId, 'vendor', 100);
        expect(failures).toHaveLength(noVendor.length);
        expect(failures.map((f) => f.failure.action).join('\n')).toContain(
          'Run the "Creatio suppliers → QuickBooks vendors" flow first',
        );

        const txns = rows<Txn>(c.entity);
        expect(txns).toHaveLength(before + good.length);
        const vendors = rows<{ Id: string; DisplayName: string }>('Vendor');
        const items = rows<{ Id: string; Name: string }>('Item');
        for (const i of good) {
          const t = txns.find((x) => x.DocNumber === docNumber(i))!;
          expect(t, `${c.entity} of opportunity ${i}`).toBeDefined();
          const vendor = vendors.find((x) => x.DisplayName === demoAccount(opportunityVendor(i)!).name)!;
          if (c.entity === 'Purchase') {
            expect(t).toMatchObject({
              PaymentType: 'Check',
              AccountRef: { name: 'Checking' },
              EntityRef: { value: vendor.Id, type: 'Vendor' },
            });
          } else {
            expect(t.VendorRef!.value).toBe(vendor.Id);
            expect(t.DueDate).toBe('2026-02-04');
          }
          expect(t.PrivateNote).toBe(`Creatio opportunity: ${demoAccount(i).name} — renewal`);
          const want = opportunityLines(i);
          expect(
            t.Line.map((l) => ({
              item: items.find((x) => x.Id === l.ItemBasedExpenseLineDetail!.ItemRef.value)!.Name,
              qty: l.ItemBasedExpenseLineDetail!.Qty,
              amount: l.Amount,
            })),
          ).toEqual(want.map((l) => ({ item: PRODUCTS[l.product].Name, qty: l.quantity, amount: l.amount })));
          expect(t.TotalAmt).toBe(Math.round(want.reduce((x, l) => x + l.amount, 0) * 100) / 100);
          expect(lineIdsOf(i)).toEqual(t.Line.map((l) => l.Id));
        }
      });

      it(`reruns without duplicating: each opportunity updates its ${c.entity}`, async () => {
        expect(node(await runTemplate(g.weft, c.flow), 'opportunities').in).toBe(0);
        const before = rows(c.entity).length;
        await g.weft.services.runs.setWatermark('default', `template-${c.flow}`, 'opportunities', null);
        const third = await runTemplate(g.weft, c.flow);
        expect(node(third, c.bind)).toMatchObject({ in: good.length, out: good.length, failed: 0 });
        expect(await sinkCounts(g.weft, third.runId, c.sink)).toMatchObject({ created: 0, updated: good.length });
        expect(rows(c.entity)).toHaveLength(before);
      });

      if (c.nodes.includes('bank-account'))
        it('a check from an account that is no bank account fails every record, naming the account', async () => {
          const doc = g.weft.services.design.getTemplate(c.flow)!;
          (doc.nodes.find((n) => n.id === 'bank-account')!.config as { account: string }).account = 'Company Visa';
          const id = await g.weft.services.design.createFlow('default', FlowDocument.parse(doc), null);
          const s = await runOnce(callerRunApi(g.weft.services), { kind: 'id', id });
          expect(node(s, 'bank-account')).toMatchObject({ out: 0, failed: opps.length - noVendor.length });
          const [f] = await g.weft.services.runs.failures('default', s.runId, 'bank-account', 1);
          expect(f.failure).toMatchObject({
            message: 'The QuickBooks account "Company Visa" is a Credit Card account, not a Bank account.',
            action: 'Name a Bank account on this node, then reprocess.',
          });
        });
    });
  }
}
