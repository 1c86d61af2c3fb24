// Test support for the pairs bound line by line (opportunities ↔ invoices and the other transactions, Online and
// Desktop): the opportunity a test follows and its products, and the steps every such pair shows the same way, over
// the lines QuickBooks holds. Apart from test-pair-golden.ts, which serves every pair, as only these read lines.
import { expect } from 'vitest';
import { creatioSession, type Golden } from './test-golden';
import type { Cycle } from './test-pair-golden';

/** A product of the followed opportunity: its product (none for a purchase's expense line) and its line's id. */
export interface LinkedProduct {
  Id: string;
  ProductId: string | null;
  Quantity: number;
  Price: number;
  UsrQBLineId: string;
}

/** The opportunity a pair test follows, by its number (UsrInvoiceNumber, the transaction's DocNumber). */
export interface FollowedOpportunity {
  /** The opportunities of that number: one once the first cycle has run. */
  opportunity: () => { Id: string; Amount: number }[];
  /** Its products, oldest first. */
  products: () => LinkedProduct[];
  /** A quantity changed in Creatio, with the amount Creatio sums from the products (which moves ModifiedOn). */
  changeQuantity: (p: LinkedProduct, quantity: number) => Promise<void>;
  /** A product added in Creatio to the opportunity, again with the amount Creatio sums. */
  addProduct: (productId: string | null, quantity: number, price: number) => Promise<void>;
}

export function followedOpportunity(g: () => Golden, doc: string): FollowedOpportunity {
  const db = () => g().weft.sandboxes!.creatio.db;
  const opportunity = () =>
    db().prepare('SELECT "Id", "Amount" FROM "Opportunity" WHERE "UsrInvoiceNumber" = ?').all(doc) as {
      Id: string;
      Amount: number;
    }[];
  const products = () =>
    db()
      .prepare(
        'SELECT "Id", "ProductId", "Quantity", "Price", "UsrQBLineId" FROM "OpportunityProduct" ' +
          'WHERE "OpportunityId" = ? ORDER BY "CreatedOn", "Id"',
      )
      .all(opportunity()[0].Id) as LinkedProduct[];
  const changeQuantity = async (p: LinkedProduct, quantity: number) => {
    const session = await creatioSession(g().weft);
    expect(await session.patch(`OpportunityProduct(${p.Id})`, { Quantity: quantity })).toBe(204);
    const amount = opportunity()[0].Amount + (quantity - p.Quantity) * p.Price;
    expect(await session.patch(`Opportunity(${opportunity()[0].Id})`, { Amount: amount })).toBe(204);
  };
  const addProduct = async (productId: string | null, quantity: number, price: number) => {
    const session = await creatioSession(g().weft);
    const product = { OpportunityId: opportunity()[0].Id, ProductId: productId, Quantity: quantity, Price: price };
    expect(await session.post('OpportunityProduct', product)).toBe(201);
    const amount = opportunity()[0].Amount + quantity * price;
    expect(await session.patch(`Opportunity(${opportunity()[0].Id})`, { Amount: amount })).toBe(204);
  };
  return { opportunity, products, changeQuantity, addProduct };
}

/** What a line-by-line pair test reads: the followed opportunity, the transaction's item lines, a cycle. */
export interface LinePairView extends FollowedOpportunity {
  cycle: Cycle;
  itemLines: () => unknown[];
  /** The quantity of the item line with that id, as QuickBooks holds it. */
  quantityOf: (lineId: string) => number;
  /** Each product of an item is bound to one item line, with its quantity and price. */
  expectBound: () => void;
}

/**
 * The first cycle makes the transaction and binds each product to an item line (`expectFirst`: what else it shows);
 * the second, with no change, writes nothing on either side, reads back only Weft's own writes and re-creates no
 * product.
 */
export async function expectFirstCycleThenQuiet(v: LinePairView, expectFirst: () => void): Promise<void> {
  const first = await v.cycle();
  expect(first.toQb.created).toBeGreaterThanOrEqual(1);
  expect(v.opportunity()).toHaveLength(1);
  expectFirst();
  v.expectBound();
  const lineIds = v.products().map((p) => p.Id);

  const second = await v.cycle();
  expect(second.toQb).toMatchObject({ created: 0, updated: 0 });
  expect(second.toQb.read).toBe(second.toQb.echoes); // what it read back is Weft's own writes
  expect(second.toCreatio).toMatchObject({ created: 0, updated: 0 });
  expect(second.toCreatio.read).toBe(second.toCreatio.echoes);
  expect(v.products().map((p) => p.Id)).toEqual(lineIds); // no product re-created
}

/**
 * The first product's quantity changed in Creatio (to 7): the next cycle updates its line in QuickBooks, no line
 * added, and reads the update back as an echo; the cycle after writes nothing.
 */
export async function expectQuantityCrossesOnce(v: LinePairView): Promise<void> {
  const [first] = v.products();
  const count = v.itemLines().length;
  await v.changeQuantity(first, 7);

  const third = await v.cycle();
  expect(third.toQb).toEqual({ read: 1, echoes: 0, created: 0, updated: 1 });
  expect(third.toCreatio).toEqual({ read: 1, echoes: 1, created: 0, updated: 0 });
  expect(v.itemLines()).toHaveLength(count);
  expect(v.quantityOf(first.UsrQBLineId)).toBe(7);
  v.expectBound();

  const fourth = await v.cycle();
  expect(fourth.toQb).toMatchObject({ created: 0, updated: 0 });
  expect(fourth.toCreatio).toMatchObject({ created: 0, updated: 0 });
}

/**
 * After one item line (3 × 10) was added in QuickBooks to a transaction whose products were `before`: the next
 * cycle brings it to Creatio as one new product, the old ones kept, and two more cycles write nothing.
 */
export async function expectAddedLineArrivesOnce(v: LinePairView, before: { Id: string }[]): Promise<void> {
  const fifth = await v.cycle();
  expect(fifth.toQb).toMatchObject({ read: 0, created: 0, updated: 0 });
  expect(fifth.toCreatio).toEqual({ read: 1, echoes: 0, created: 0, updated: 1 });
  const after = v.products();
  expect(after).toHaveLength(before.length + 1);
  expect(after.slice(0, before.length).map((p) => p.Id)).toEqual(before.map((p) => p.Id));
  expect(after[before.length]).toMatchObject({ Quantity: 3, Price: 10 });
  v.expectBound();

  for (let i = 0; i < 2; i++) {
    const next = await v.cycle();
    expect(next.toQb).toMatchObject({ created: 0, updated: 0 });
    expect(next.toQb.read).toBe(next.toQb.echoes);
    expect(next.toCreatio).toMatchObject({ created: 0, updated: 0 });
  }
  expect(v.products().map((p) => p.Id)).toEqual(after.map((p) => p.Id));
  expect(v.itemLines()).toHaveLength(after.length);
  expect(v.opportunity()).toHaveLength(1);
}

/** An expense line (an account, no item) a bookkeeper added in QuickBooks: its line id, and that it is still as added. */
export interface AddedExpense {
  id: string;
  expectKept: () => void;
}

/**
 * After an expense line was added in QuickBooks to a purchase whose products were `before`: the next cycle brings it
 * to Creatio as one product with no product, bound to the line, and the cycle after writes nothing toward
 * QuickBooks; then the first product's quantity changed in Creatio (to 4) edits its item line alone: the expense
 * line and every product keep their line. Answers the products then.
 */
export async function expectExpenseLineStays(
  v: LinePairView,
  before: LinkedProduct[],
  expense: AddedExpense,
): Promise<LinkedProduct[]> {
  expect((await v.cycle()).toCreatio).toEqual({ read: 1, echoes: 0, created: 0, updated: 1 });
  const after = v.products();
  expect(after).toHaveLength(before.length + 1);
  expect(after[before.length]).toMatchObject({ ProductId: null, UsrQBLineId: expense.id });
  const quiet = await v.cycle();
  expect(quiet.toQb).toMatchObject({ created: 0, updated: 0 });
  expect(quiet.toQb.read).toBe(quiet.toQb.echoes);

  await v.changeQuantity(after[0], 4);
  const next = await v.cycle();
  expect(next.toQb).toEqual({ read: 1, echoes: 0, created: 0, updated: 1 });
  expect(next.toCreatio).toEqual({ read: 1, echoes: 1, created: 0, updated: 0 });
  expense.expectKept();
  expect(v.quantityOf(after[0].UsrQBLineId)).toBe(4);
  expect(v.products().map((p) => [p.Id, p.UsrQBLineId])).toEqual(after.map((p) => [p.Id, p.UsrQBLineId]));
  v.expectBound();
  return after;
}
