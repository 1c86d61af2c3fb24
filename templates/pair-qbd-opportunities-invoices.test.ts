// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Desktop invoices" (the Desktop side
// through the Web Connector), run for several cycles of both flows, as pair-qbo-opportunities-invoices.test.ts does
// for Online: each opportunity product is bound to its invoice line by the line's TxnLineID (UsrQBLineId), so a
// cycle with no change writes nothing, a quantity changed in Creatio or a line added in QuickBooks arrives once on
// the other side, and no line is ever re-created or doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, runTemplate, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { pairCycle, setUpPair, expectAddedLineArrivesOnce } from './test-pair-golden';

const TO_QB = { template: 'creatio-opportunities-to-qbd-invoices', source: 'opportunities', sink: 'invoices' };
const TO_CREATIO = { template: 'qbd-invoices-to-creatio-opportunities', source: 'invoices', sink: 'opportunities' };
// Opportunity 21 is bound to its customer by the accounts flow and has three products (sandbox/creatio/seed.ts).
const DOC = 'OPP-000021';

type Line = { TxnLineID: string; ItemRef: Record<string, string>; Quantity: string; Rate: string; Amount?: string };
type Product = { Id: string; Quantity: number; Price: number; UsrQBLineId: string };

for (const db of testDatabases()) {
  describe(
    `bi-directional pair "Creatio opportunities ↔ QuickBooks Desktop invoices" on ${db.name}`,
    { timeout: 300_000 },
    () => {
      let g: Golden;
      beforeAll(async () => {
        g = await bootQbdGolden(db.url, 'golden_pair_qbdinvoices');
        // The accounts and the products are bound first, as Configure solution orders them; a line's item finds
        // its product among the links the products flow made as ItemService (nodes/core/xref-groups.ts).
        for (const t of ['creatio-accounts-to-qbd-customers', 'creatio-products-to-qbd-items'])
          expect((await runTemplate(g.weft, t)).status).not.toBe('failed');
        await setUpPair(g.weft, [TO_QB.template, TO_CREATIO.template]);
      });
      afterAll(() => g?.close());

      const cycle = () => pairCycle(g.weft, TO_QB, TO_CREATIO);
      const file = () => g.weft.sandboxes!.qbd.file;
      const invoice = () =>
        file()
          .objects(['Invoice'])
          .find((r) => r.name === DOC)!;
      const itemLines = () => invoice().data.InvoiceLineAdd as Line[];
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
        expect(rows.map((p) => p.UsrQBLineId).sort()).toEqual(lines.map((l) => l.TxnLineID).sort());
        for (const p of rows) {
          const l = lines.find((x) => x.TxnLineID === p.UsrQBLineId)!;
          expect([Number(l.Quantity), Number(l.Rate)]).toEqual([p.Quantity, p.Price]);
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
        expect(Number(itemLines().find((l) => l.TxnLineID === first.UsrQBLineId)!.Quantity)).toBe(7);
        expectBound();

        const fourth = await cycle();
        expect(fourth.toQb).toMatchObject({ created: 0, updated: 0 });
        expect(fourth.toCreatio).toMatchObject({ created: 0, updated: 0 });
      });

      it('a line added to the invoice in QuickBooks arrives once in Creatio and does not bounce back', async () => {
        const before = products();
        // A bookkeeper adds a line in QuickBooks: the invoice is saved with a new line and a new edit sequence.
        const row = invoice();
        const now = Math.floor(Date.now() / 1000) * 1000;
        const added = {
          ...itemLines()[0],
          TxnLineID: 'ADDED-1',
          Desc: 'Added in QuickBooks',
          Quantity: '3',
          Rate: '10.00',
        };
        file().saveObject({
          ...row,
          data: { ...row.data, InvoiceLineAdd: [...itemLines(), { ...added, Amount: '30.00' }] },
          timeModified: now,
          editSequence: String(now / 1000),
        });
        expect(itemLines()).toHaveLength(before.length + 1);

        await expectAddedLineArrivesOnce({ cycle, products, itemLines, opportunity, expectBound }, before);
      });
    },
  );
}
