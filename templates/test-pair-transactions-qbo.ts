// Golden test shared by the bi-directional pairs "Creatio opportunities ↔ QuickBooks Online <transaction>" other
// than invoices (estimates, sales receipts, purchase orders, bills, checks), run for several cycles of both flows.
// Each opportunity product is bound to its transaction line by the QuickBooks line id (UsrQBLineId, written back by
// the flow toward QuickBooks, read by the other to find the line again), so a cycle with no change writes nothing,
// a quantity changed in Creatio or a line added in QuickBooks arrives once on the other side, and no line is ever
// re-created or doubled.
import { beforeAll, expect, it } from 'vitest';
import { opportunityLines } from '../sandbox/creatio/index';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { purchaseCases } from './test-purchase-golden';
import { bootGolden } from './test-golden';
import { describePair, type PairWay } from './test-pair-golden';
import {
  expectAddedLineArrivesOnce,
  expectExpenseLineStays,
  expectFirstCycleThenQuiet,
  expectQuantityCrossesOnce,
  followedOpportunity,
  type LinePairView,
} from './test-pair-lines';

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

export function qboTransactionPair(c: QboTransactionPair): void {
  const title = `Creatio opportunities ↔ QuickBooks Online ${c.words}`;
  describePair({ ...c, title, boot: bootGolden, timeout: 300_000 }, (g, cycle) => {
    let token: string;
    beforeAll(async () => {
      token = await accessToken(g().weft.sandboxes!.qbo);
    });

    const txn = () => {
      const qbo = g().weft.sandboxes!.qbo;
      const r = qbo.store.all(qbo.realmId, c.entity).find((x) => x.body.DocNumber === c.doc)!;
      return { Id: r.id, SyncToken: String(r.syncToken), ...r.body } as {
        Id: string;
        SyncToken: string;
        Line: Line[];
      };
    };
    const itemLines = () => txn().Line.filter((l) => l.DetailType === c.detail);
    const detail = (l: Line) => l[c.detail] as Detail;
    const tracked = followedOpportunity(g, c.doc);
    const { products, addProduct } = tracked;
    const expenseLines = () => txn().Line.filter((l) => l.DetailType === 'AccountBasedExpenseLineDetail');
    /** Each opportunity product of an item is bound to one item line of the transaction, with its quantity and price. */
    const expectBound = () => {
      const lines = itemLines();
      const rows = products().filter((p) => p.ProductId);
      expect(rows.map((p) => p.UsrQBLineId).sort()).toEqual(lines.map((l) => l.Id).sort());
      for (const p of rows) {
        const l = detail(lines.find((x) => x.Id === p.UsrQBLineId)!);
        expect([l.Qty, l.UnitPrice]).toEqual([p.Quantity, p.Price]);
      }
    };
    const quantityOf = (id: string) => detail(itemLines().find((l) => l.Id === id)!).Qty;
    const v: LinePairView = { ...tracked, cycle, itemLines, quantityOf, expectBound };

    /** A bookkeeper edits the transaction in QuickBooks: an update with these lines (every line to keep). */
    const updateInQuickBooks = async (lines: unknown[]) => {
      const t = txn();
      const body = { Id: t.Id, SyncToken: t.SyncToken, sparse: true, Line: lines };
      const answer = await call(g().weft.sandboxes!.qbo, token, `${c.path}?minorversion=75`, { body });
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    };

    it('after the first cycle, a cycle with no change writes nothing on either side', () =>
      expectFirstCycleThenQuiet(v, () => expect(products().length).toBeGreaterThanOrEqual(2)));

    it('a quantity changed in Creatio arrives once in QuickBooks and does not bounce back', () =>
      expectQuantityCrossesOnce(v));

    it('a line added in QuickBooks arrives once in Creatio as one new product and does not bounce back', async () => {
      const before = products();
      const added = { DetailType: c.detail, Amount: 30, Description: 'Added in QuickBooks' };
      const line = { ItemRef: detail(itemLines()[0]).ItemRef, Qty: 3, UnitPrice: 10 };
      // An update sends every line to keep (QuickBooks Online drops the lines left out): the old ones and the new one.
      await updateInQuickBooks([...itemLines(), { ...added, [c.detail]: line }]);
      expect(itemLines()).toHaveLength(before.length + 1);

      await expectAddedLineArrivesOnce(v, before);
    });

    // A purchase also has expense lines (to an account, no item). One added in QuickBooks becomes a product with no
    // product; QuickBooks Online drops the lines an update leaves out, so the opportunities flow must keep it when
    // it sends the item lines, and never give its product an item line's id.
    if (c.detail === 'ItemBasedExpenseLineDetail')
      it(`an expense line added to the ${c.entity} in QuickBooks arrives once, is later left alone, and keeps its id`, async () => {
        const before = products();
        const qbo = g().weft.sandboxes!.qbo;
        const account = qbo.store.all(qbo.realmId, 'Account').find((a) => a.body.Name === 'Office Expenses')!;
        const postage = {
          DetailType: 'AccountBasedExpenseLineDetail',
          Amount: 12.5,
          Description: 'Postage',
          AccountBasedExpenseLineDetail: { AccountRef: { value: account.id } },
        };
        await updateInQuickBooks([...txn().Line, postage]);
        const [expense] = expenseLines();
        expect(expense.Id).toEqual(expect.any(String));
        const expectKept = () =>
          expect(expenseLines()).toEqual([expect.objectContaining({ Id: expense.Id, Amount: 12.5 })]);
        const after = await expectExpenseLineStays(v, before, { id: expense.Id, expectKept });

        // A product added in Creatio after the expense line's product gets a new item line of its own.
        await addProduct(after[0].ProductId, 2, 5);
        const last = await cycle();
        expect(last.toQb).toEqual({ read: 1, echoes: 0, created: 0, updated: 1 });
        expect(last.toCreatio).toEqual({ read: 1, echoes: 1, created: 0, updated: 0 });
        const end = products();
        expect(end).toHaveLength(after.length + 1);
        expect(end[before.length]).toMatchObject({ ProductId: null, UsrQBLineId: expense.Id });
        expectKept();
        expectBound();
        const settled = await cycle();
        expect(settled.toQb).toMatchObject({ created: 0, updated: 0 });
        expect(settled.toCreatio).toMatchObject({ created: 0, updated: 0 });
        expect(products()).toEqual(end);
      });
  });
}
