// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Online invoices", run for
// several cycles of both flows. The lines are the hard part: each opportunity product is bound to its
// invoice line by the QuickBooks line id (UsrQBLineId, written back by the invoices flow, read by the
// other to find the line again), so a cycle with no change writes nothing, a quantity changed in Creatio
// or a line added in QuickBooks arrives once on the other side, and no line is ever re-created or doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, runTemplate, type Golden } from './test-golden';
import { pairCycle, setUpPair, expectAddedLineArrivesOnce } from './test-pair-golden';

const TO_QB = { template: 'creatio-opportunities-to-qbo-invoices', source: 'opportunities', sink: 'invoices' };
const TO_CREATIO = { template: 'qbo-invoices-to-creatio-opportunities', source: 'invoices', sink: 'opportunities' };
// Opportunity 21 is bound to its customer by the accounts flow and has three products (sandbox/creatio/seed.ts).
const DOC = 'OPP-000021';

type Line = {
  Id: string;
  DetailType: string;
  Amount: number;
  SalesItemLineDetail?: { ItemRef: { value: string }; Qty: number; UnitPrice: number };
};
type Product = { Id: string; Quantity: number; Price: number; UsrQBLineId: string };

for (const db of testDatabases()) {
  describe(
    `bi-directional pair "Creatio opportunities ↔ QuickBooks Online invoices" on ${db.name}`,
    { timeout: 300_000 },
    () => {
      let g: Golden;
      let token: string;
      beforeAll(async () => {
        g = await bootGolden(db.url, 'golden_pair_invoices');
        token = await accessToken(g.weft.sandboxes!.qbo);
        // The accounts and the products are bound first, as Configure solution orders them.
        for (const t of ['creatio-accounts-to-qbo-customers', 'creatio-products-to-qbo-items'])
          expect((await runTemplate(g.weft, t)).status).not.toBe('failed');
        await setUpPair(g.weft, [TO_QB.template, TO_CREATIO.template]);
      });
      afterAll(() => g?.close());

      const cycle = () => pairCycle(g.weft, TO_QB, TO_CREATIO);
      const invoice = () => {
        const qbo = g.weft.sandboxes!.qbo;
        const r = qbo.store.all(qbo.realmId, 'Invoice').find((x) => x.body.DocNumber === DOC)!;
        return { Id: r.id, SyncToken: String(r.syncToken), ...r.body } as {
          Id: string;
          SyncToken: string;
          Line: Line[];
        };
      };
      const itemLines = () => invoice().Line.filter((l) => l.DetailType === 'SalesItemLineDetail');
      const opportunity = () =>
        g.weft
          .sandboxes!.creatio.db.prepare('SELECT "Id", "Amount" FROM "Opportunity" WHERE "UsrInvoiceNumber" = ?')
          .all(DOC) as { Id: string; Amount: number }[];
      const products = () =>
        g.weft
          .sandboxes!.creatio.db.prepare(
            'SELECT "Id", "Quantity", "Price", "UsrQBLineId" FROM "OpportunityProduct" WHERE "OpportunityId" = ? ' +
              'ORDER BY "CreatedOn", "Id"',
          )
          .all(opportunity()[0].Id) as Product[];
      /** Each opportunity product is bound to one item line of the invoice, with its quantity and price. */
      const expectBound = () => {
        const lines = itemLines();
        const rows = products();
        expect(rows.map((p) => p.UsrQBLineId).sort()).toEqual(lines.map((l) => l.Id).sort());
        for (const p of rows) {
          const l = lines.find((x) => x.Id === p.UsrQBLineId)!;
          expect([l.SalesItemLineDetail!.Qty, l.SalesItemLineDetail!.UnitPrice]).toEqual([p.Quantity, p.Price]);
        }
      };

      it('after the first cycle, a cycle with no change writes nothing on either side', async () => {
        const first = await cycle();
        expect(first.toQb.created).toBeGreaterThanOrEqual(1);
        expect(opportunity()).toHaveLength(1);
        expect(products()).toHaveLength(3);
        expectBound();
        const lineIds = products().map((p) => p.Id);

        const second = await cycle();
        expect(second.toQb).toMatchObject({ created: 0, updated: 0 });
        expect(second.toQb.read).toBe(second.toQb.echoes); // what it read back is Weft's own writes
        expect(second.toCreatio).toMatchObject({ created: 0, updated: 0 });
        expect(second.toCreatio.read).toBe(second.toCreatio.echoes);
        expect(products().map((p) => p.Id)).toEqual(lineIds); // no line re-created
      });

      it('a quantity changed in Creatio arrives once in QuickBooks and does not bounce back', async () => {
        const session = await creatioSession(g.weft);
        const [first] = products();
        const invoiceLines = itemLines().length;
        expect(await session.patch(`OpportunityProduct(${first.Id})`, { Quantity: 7 })).toBe(204);
        // Creatio sums the products into the opportunity's amount, which moves its ModifiedOn.
        const amount = opportunity()[0].Amount + (7 - first.Quantity) * first.Price;
        expect(await session.patch(`Opportunity(${opportunity()[0].Id})`, { Amount: amount })).toBe(204);

        const third = await cycle();
        expect(third.toQb).toEqual({ read: 1, echoes: 0, created: 0, updated: 1 });
        expect(third.toCreatio).toEqual({ read: 1, echoes: 1, created: 0, updated: 0 });
        expect(itemLines()).toHaveLength(invoiceLines);
        expect(itemLines().find((l) => l.Id === first.UsrQBLineId)!.SalesItemLineDetail!.Qty).toBe(7);
        expectBound();

        const fourth = await cycle();
        expect(fourth.toQb).toMatchObject({ created: 0, updated: 0 });
        expect(fourth.toCreatio).toMatchObject({ created: 0, updated: 0 });
      });

      it('a line added to the invoice in QuickBooks arrives once in Creatio and does not bounce back', async () => {
        const inv = invoice();
        const before = products();
        const added = { DetailType: 'SalesItemLineDetail', Amount: 30, Description: 'Added in QuickBooks' };
        const detail = { ItemRef: itemLines()[0].SalesItemLineDetail!.ItemRef, Qty: 3, UnitPrice: 10 };
        // An update sends every line to keep (QuickBooks Online drops the lines left out): the old ones and the new one.
        const body = {
          Id: inv.Id,
          SyncToken: inv.SyncToken,
          sparse: true,
          Line: [...itemLines(), { ...added, SalesItemLineDetail: detail }],
        };
        expect((await call(g.weft.sandboxes!.qbo, token, 'invoice?minorversion=75', { body })).status).toBe(200);
        expect(itemLines()).toHaveLength(before.length + 1);

        await expectAddedLineArrivesOnce({ cycle, products, itemLines, opportunity, expectBound }, before);
      });

      it("a title an analyst gives the opportunity survives the invoice's next change, and nothing bounces", async () => {
        const session = await creatioSession(g.weft);
        const title = () =>
          (
            g.weft
              .sandboxes!.creatio.db.prepare('SELECT "Title" FROM "Opportunity" WHERE "Id" = ?')
              .get(opportunity()[0].Id) as {
              Title: string;
            }
          ).Title;
        expect(await session.patch(`Opportunity(${opportunity()[0].Id})`, { Title: 'Renewal — 3 seats' })).toBe(204);
        const edited = await cycle();
        expect(edited.toCreatio).toMatchObject({ created: 0, updated: 0 });

        // The invoice changes in QuickBooks: its first line's quantity, so its total; the opportunity follows.
        const inv = invoice();
        const [first, ...rest] = itemLines();
        const line = { ...first, Amount: 4 * first.SalesItemLineDetail!.UnitPrice };
        line.SalesItemLineDetail = { ...first.SalesItemLineDetail!, Qty: 4 };
        const body = { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true, Line: [line, ...rest] };
        expect((await call(g.weft.sandboxes!.qbo, token, 'invoice?minorversion=75', { body })).status).toBe(200);
        const changed = await cycle();
        expect(changed.toCreatio).toMatchObject({ read: 1, echoes: 0, created: 0, updated: 1 });
        expect(products().find((p) => p.UsrQBLineId === first.Id)!.Quantity).toBe(4);
        // Title is written only when the invoices flow creates the opportunity (issue 15).
        expect(title()).toBe('Renewal — 3 seats');

        const quiet = await cycle();
        expect(quiet.toQb).toMatchObject({ created: 0, updated: 0 });
        expect(quiet.toCreatio).toMatchObject({ created: 0, updated: 0 });
        expect(title()).toBe('Renewal — 3 seats');
      });
    },
  );
}
