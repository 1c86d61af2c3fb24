// Golden test shared by the bi-directional pairs "Creatio opportunities ↔ QuickBooks Online <transaction>" other
// than invoices (estimates, sales receipts, purchase orders, bills, checks), run for several cycles of both flows.
// Each opportunity product is bound to its transaction line by the QuickBooks line id (UsrQBLineId, written back by
// the flow toward QuickBooks, read by the other to find the line again), so a cycle with no change writes nothing,
// a quantity changed in Creatio or a line added in QuickBooks arrives once on the other side, and no line is ever
// re-created or doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opportunityLines } from '../sandbox/creatio/index';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { purchaseCases } from './test-purchase-golden';
import { bootGolden, creatioSession, runTemplate, type Golden } from './test-golden';
import { pairCycle, setUpPair, type PairWay } from './test-pair-golden';

export interface QboTransactionPair {
  /** What the pair carries, as its title says it: "estimates", "purchase orders", … */
  words: string;
  /** The two templates, with the nodes a cycle counts (their source, then their sink). */
  toQb: PairWay;
  toCreatio: PairWay;
  /** The QuickBooks Online entity and the path a bookkeeper writes it at. */
  entity: 'Estimate' | 'SalesReceipt' | 'PurchaseOrder' | 'Bill' | 'Purchase';
  path: string;
  /** The detail of an item line: a sales form's or a purchase's. */
  detail: 'SalesItemLineDetail' | 'ItemBasedExpenseLineDetail';
  /** The flows run first, as Configure solution orders them: the customers or vendors, then the items. */
  first: string[];
  /** The opportunity the cycles follow, by its number (UsrInvoiceNumber, the transaction's DocNumber). */
  doc: string;
  schema: string;
}

const docNumber = (i: number) => `OPP-${String(i).padStart(6, '0')}`;

/** Opportunity 21 is bound to its customer by the accounts flow and has three products (sandbox/creatio/seed.ts). */
export const CUSTOMER_OPPORTUNITY = docNumber(21);

/** An opportunity whose supplier the vendors flow binds, with two products or more. */
export const vendorOpportunity = () => docNumber(purchaseCases().good.find((i) => opportunityLines(i).length >= 2)!);

type Line = {
  Id: string;
  DetailType: string;
  Amount: number;
  [detail: string]: unknown;
};
type Detail = { ItemRef: { value: string }; Qty: number; UnitPrice: number };
type Product = { Id: string; Quantity: number; Price: number; UsrQBLineId: string };

export function qboTransactionPair(c: QboTransactionPair): void {
  for (const db of testDatabases()) {
    describe(
      `bi-directional pair "Creatio opportunities ↔ QuickBooks Online ${c.words}" on ${db.name}`,
      { timeout: 300_000 },
      () => {
        let g: Golden;
        let token: string;
        beforeAll(async () => {
          g = await bootGolden(db.url, c.schema);
          token = await accessToken(g.weft.sandboxes!.qbo);
          for (const t of c.first) expect((await runTemplate(g.weft, t)).status).not.toBe('failed');
          await setUpPair(g.weft, [c.toQb.template, c.toCreatio.template]);
        });
        afterAll(() => g?.close());

        const cycle = () => pairCycle(g.weft, c.toQb, c.toCreatio);
        const txn = () => {
          const qbo = g.weft.sandboxes!.qbo;
          const r = qbo.store.all(qbo.realmId, c.entity).find((x) => x.body.DocNumber === c.doc)!;
          return { Id: r.id, SyncToken: String(r.syncToken), ...r.body } as {
            Id: string;
            SyncToken: string;
            Line: Line[];
          };
        };
        const itemLines = () => txn().Line.filter((l) => l.DetailType === c.detail);
        const detail = (l: Line) => l[c.detail] as Detail;
        const opportunity = () =>
          g.weft
            .sandboxes!.creatio.db.prepare('SELECT "Id", "Amount" FROM "Opportunity" WHERE "UsrInvoiceNumber" = ?')
            .all(c.doc) as { Id: string; Amount: number }[];
        const products = () =>
          g.weft
            .sandboxes!.creatio.db.prepare(
              'SELECT "Id", "Quantity", "Price", "UsrQBLineId" FROM "OpportunityProduct" WHERE "OpportunityId" = ? ' +
                'ORDER BY "CreatedOn", "Id"',
            )
            .all(opportunity()[0].Id) as Product[];
        /** Each opportunity product is bound to one item line of the transaction, with its quantity and price. */
        const expectBound = () => {
          const lines = itemLines();
          const rows = products();
          expect(rows.map((p) => p.UsrQBLineId).sort()).toEqual(lines.map((l) => l.Id).sort());
          for (const p of rows) {
            const l = detail(lines.find((x) => x.Id === p.UsrQBLineId)!);
            expect([l.Qty, l.UnitPrice]).toEqual([p.Quantity, p.Price]);
          }
        };

        it('after the first cycle, a cycle with no change writes nothing on either side', async () => {
          const first = await cycle();
          expect(first.toQb.created).toBeGreaterThanOrEqual(1);
          expect(opportunity()).toHaveLength(1);
          expect(products().length).toBeGreaterThanOrEqual(2);
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
          const lines = itemLines().length;
          expect(await session.patch(`OpportunityProduct(${first.Id})`, { Quantity: 7 })).toBe(204);
          // Creatio sums the products into the opportunity's amount, which moves its ModifiedOn.
          const amount = opportunity()[0].Amount + (7 - first.Quantity) * first.Price;
          expect(await session.patch(`Opportunity(${opportunity()[0].Id})`, { Amount: amount })).toBe(204);

          const third = await cycle();
          expect(third.toQb).toEqual({ read: 1, echoes: 0, created: 0, updated: 1 });
          expect(third.toCreatio).toEqual({ read: 1, echoes: 1, created: 0, updated: 0 });
          expect(itemLines()).toHaveLength(lines);
          expect(detail(itemLines().find((l) => l.Id === first.UsrQBLineId)!).Qty).toBe(7);
          expectBound();

          const fourth = await cycle();
          expect(fourth.toQb).toMatchObject({ created: 0, updated: 0 });
          expect(fourth.toCreatio).toMatchObject({ created: 0, updated: 0 });
        });

        it('a line added in QuickBooks arrives once in Creatio as one new product and does not bounce back', async () => {
          const t = txn();
          const before = products();
          const added = { DetailType: c.detail, Amount: 30, Description: 'Added in QuickBooks' };
          const line = { ItemRef: detail(itemLines()[0]).ItemRef, Qty: 3, UnitPrice: 10 };
          // An update sends every line to keep (QuickBooks Online drops the lines left out): the old ones and the new one.
          const body = {
            Id: t.Id,
            SyncToken: t.SyncToken,
            sparse: true,
            Line: [...itemLines(), { ...added, [c.detail]: line }],
          };
          const answer = await call(g.weft.sandboxes!.qbo, token, `${c.path}?minorversion=75`, { body });
          expect(answer.status, JSON.stringify(answer.json)).toBe(200);
          expect(itemLines()).toHaveLength(before.length + 1);

          const fifth = await cycle();
          expect(fifth.toQb).toMatchObject({ read: 0, created: 0, updated: 0 });
          expect(fifth.toCreatio).toEqual({ read: 1, echoes: 0, created: 0, updated: 1 });
          const after = products();
          expect(after).toHaveLength(before.length + 1);
          expect(after.slice(0, before.length).map((p) => p.Id)).toEqual(before.map((p) => p.Id));
          expect(after[before.length]).toMatchObject({ Quantity: 3, Price: 10 });
          expectBound();

          for (let i = 0; i < 2; i++) {
            const next = await cycle();
            expect(next.toQb).toMatchObject({ created: 0, updated: 0 });
            expect(next.toQb.read).toBe(next.toQb.echoes);
            expect(next.toCreatio).toMatchObject({ created: 0, updated: 0 });
          }
          expect(products().map((p) => p.Id)).toEqual(after.map((p) => p.Id));
          expect(itemLines()).toHaveLength(after.length);
          expect(opportunity()).toHaveLength(1);
        });
      },
    );
  }
}
