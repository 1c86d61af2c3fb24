// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Desktop invoices" (the Desktop side
// through the Web Connector), run for several cycles of both flows, as pair-qbo-opportunities-invoices.test.ts does
// for Online: each opportunity product is bound to its invoice line by the line's TxnLineID (UsrQBLineId), so a
// cycle with no change writes nothing, a quantity changed in Creatio or a line added in QuickBooks arrives once on
// the other side, and no line is ever re-created or doubled.
import { expect, it } from 'vitest';
import { bootQbdGolden } from './test-qbd-golden';
import { laterSecond } from './test-golden';
import { describePair } from './test-pair-golden';
import {
  expectAddedLineArrivesOnce,
  expectFirstCycleThenQuiet,
  expectQuantityCrossesOnce,
  followedOpportunity,
  type LinePairView,
} from './test-pair-lines';

// Opportunity 21 is bound to its customer by the accounts flow and has three products (sandbox/creatio/seed.ts).
const DOC = 'OPP-000021';

type Line = { TxnLineID: string; ItemRef: Record<string, string>; Quantity: string; Rate: string; Amount?: string };

const suite = {
  title: 'Creatio opportunities ↔ QuickBooks Desktop invoices',
  boot: bootQbdGolden,
  schema: 'golden_pair_qbdinvoices',
  // The accounts and the products are bound first, as Configure solution orders them; a line's item finds
  // its product among the links the products flow made as ItemService (nodes/core/xref-groups.ts).
  first: ['creatio-accounts-to-qbd-customers', 'creatio-products-to-qbd-items'],
  toQb: { template: 'creatio-opportunities-to-qbd-invoices', source: 'opportunities', sink: 'invoices' },
  toCreatio: { template: 'qbd-invoices-to-creatio-opportunities', source: 'invoices', sink: 'opportunities' },
  timeout: 300_000,
};

describePair(suite, (g, cycle) => {
  const file = () => g().weft.sandboxes!.qbd.file;
  const invoice = () =>
    file()
      .objects(['Invoice'])
      .find((r) => r.name === DOC)!;
  const itemLines = () => invoice().data.InvoiceLineAdd as Line[];
  const tracked = followedOpportunity(g, DOC);
  const { products } = tracked;
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
  const quantityOf = (id: string) => Number(itemLines().find((l) => l.TxnLineID === id)!.Quantity);
  const v: LinePairView = { ...tracked, cycle, itemLines, quantityOf, expectBound };

  it('after the first cycle, a cycle with no change writes nothing on either side', () =>
    expectFirstCycleThenQuiet(v, () => expect(products()).toHaveLength(3)));

  it('a quantity changed in Creatio arrives once in QuickBooks and does not bounce back', () =>
    expectQuantityCrossesOnce(v));

  it('a line added to the invoice in QuickBooks arrives once in Creatio and does not bounce back', async () => {
    const before = products();
    // A bookkeeper adds a line in QuickBooks: the invoice is saved with a new line and a new edit sequence.
    const row = invoice();
    const now = laterSecond(row.timeModified);
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

    await expectAddedLineArrivesOnce(v, before);
  });
});
