// Golden test shared by the templates that turn Creatio opportunities into a QuickBooks Online sales form
// other than the invoice (estimate, sales receipt): the whole Weft runs the accounts flow, then the template,
// against both sandboxes over HTTP; the company must hold exactly the forms the opportunities describe, and
// a second run updates them in place.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { DUPLICATE_INDEX, demoAccount } from '../sandbox/demo-data';
import { PRODUCTS, opportunityLines } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const ACCOUNTS = 300;

export interface SalesFormCase {
  flow: string;
  /** QuickBooks Online entity the template writes. */
  entity: 'Estimate' | 'SalesReceipt';
  /** Node ids, in flow order, after the shared opportunities → customer → items head. */
  bind: string;
  map: string;
  sink: string;
  /** The form's date field that carries the opportunity's close date. */
  dateField: 'ExpirationDate' | 'TxnDate';
  schema: string;
}

interface Form {
  Id: string;
  DocNumber: string;
  PrivateNote?: string;
  TotalAmt: number;
  TxnStatus?: string;
  CustomerRef: { value: string };
  Line: {
    Id: string;
    Amount: number;
    DetailType: string;
    SalesItemLineDetail?: { ItemRef: { value: string }; Qty: number };
  }[];
  [date: string]: unknown;
}

export function salesFormGolden(c: SalesFormCase): void {
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
      // Opportunities sit on every tenth account (1, 11, 21, …); the one on account 11 shares its account's
      // name with account 10, so the accounts flow cannot bind it; a product name over 100 characters cannot
      // become a QuickBooks item, so its opportunity fails at the items node.
      const longProduct = PRODUCTS.findIndex((p) => p.Name.length > 100);
      const opps = Array.from({ length: ACCOUNTS }, (_, i) => i).filter((i) => i % 10 === 1);
      const unbound = opps.filter((i) => i === DUPLICATE_INDEX + 1 || i === DUPLICATE_INDEX);
      const longName = opps.filter(
        (i) => !unbound.includes(i) && opportunityLines(i).some((l) => l.product === longProduct),
      );
      const good = opps.filter((i) => !unbound.includes(i) && !longName.includes(i));
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

      it(`creates one ${c.entity} per opportunity with its customer, lines and amounts`, async () => {
        expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
        const before = rows<Form>(c.entity).length;
        const s = await runTemplate(g.weft, c.flow);

        expect(s.status).toBe('completed-with-errors');
        expect(s.nodes.map((n) => n.id)).toEqual([
          'opportunities',
          'customer',
          'items',
          c.bind,
          c.map,
          c.sink,
          'write-back',
        ]);
        expect(node(s, 'opportunities')).toMatchObject({ in: opps.length, out: opps.length, failed: 0 });
        expect(node(s, 'customer')).toMatchObject({ out: opps.length - unbound.length, failed: unbound.length });
        expect(node(s, 'items')).toMatchObject({ out: good.length, failed: longName.length });
        expect(node(s, c.map)).toMatchObject({ in: good.length, out: good.length, failed: 0 });
        expect(node(s, c.sink)).toMatchObject({ in: good.length, out: good.length, failed: 0 });
        expect(await sinkCounts(g.weft, s.runId, c.sink)).toMatchObject({ created: good.length, updated: 0 });
        // Each product gets its line's QuickBooks id (UsrQBLineId): an update edits that line, and the way back
        // finds the product again by it.
        expect(await sinkCounts(g.weft, s.runId, 'write-back')).toMatchObject({ updated: good.length, failed: 0 });

        const forms = rows<Form>(c.entity);
        expect(forms).toHaveLength(before + good.length);
        // Nothing leaks into the other sales forms.
        expect(rows('Invoice').filter((x) => String((x as Form).DocNumber).startsWith('OPP-'))).toHaveLength(0);
        const customers = rows<{ Id: string; DisplayName: string }>('Customer');
        const items = rows<{ Id: string; Name: string }>('Item');
        for (const i of good) {
          const f = forms.find((x) => x.DocNumber === docNumber(i))!;
          expect(f, `${c.entity} of opportunity ${i}`).toBeDefined();
          expect(f.PrivateNote).toBe(`Creatio opportunity: ${demoAccount(i).name} — renewal`);
          expect(f.CustomerRef.value).toBe(customers.find((x) => x.DisplayName === demoAccount(i).name)!.Id);
          expect(f[c.dateField]).toBe('2026-02-04');
          if (c.entity === 'Estimate') expect(f.TxnStatus).toBe('Pending');
          const want = opportunityLines(i);
          const lines = f.Line.filter((l) => l.DetailType === 'SalesItemLineDetail');
          expect(
            lines.map((l) => ({
              item: items.find((x) => x.Id === l.SalesItemLineDetail!.ItemRef.value)!.Name,
              qty: l.SalesItemLineDetail!.Qty,
              amount: l.Amount,
            })),
          ).toEqual(want.map((l) => ({ item: PRODUCTS[l.product].Name, qty: l.quantity, amount: l.amount })));
          expect(f.TotalAmt).toBe(Math.round(want.reduce((t, l) => t + l.amount, 0) * 100) / 100);
          expect(lineIdsOf(i)).toEqual(lines.map((l) => l.Id));
        }
      });

      it(`reruns without duplicating: each bound opportunity updates its ${c.entity}`, async () => {
        const again = await runTemplate(g.weft, c.flow);
        expect(node(again, 'opportunities').in).toBe(0); // nothing changed since the last run
        const before = rows(c.entity).length;
        await g.weft.services.runs.setWatermark('default', `template-${c.flow}`, 'opportunities', null);
        const third = await runTemplate(g.weft, c.flow);
        expect(node(third, c.bind)).toMatchObject({ in: good.length, out: good.length, failed: 0 });
        expect(await sinkCounts(g.weft, third.runId, c.sink)).toMatchObject({
          created: 0,
          updated: good.length,
          failed: 0,
        });
        expect(rows(c.entity)).toHaveLength(before);
      });
    });
  }
}
