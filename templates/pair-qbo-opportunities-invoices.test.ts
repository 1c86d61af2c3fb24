// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Online invoices", run for
// several cycles of both flows. The lines are the hard part: each opportunity product is bound to its
// invoice line by the QuickBooks line id (UsrQBLineId, written back by the invoices flow, read by the
// other to find the line again), so a cycle with no change writes nothing, a quantity changed in Creatio
// or a line added in QuickBooks arrives once on the other side, and no line is ever re-created or doubled.
import { beforeAll, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { bootGolden, creatioSession } from './test-golden';
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

type Line = {
  Id: string;
  DetailType: string;
  Amount: number;
  SalesItemLineDetail?: { ItemRef: { value: string }; Qty: number; UnitPrice: number };
};

const suite = {
  title: 'Creatio opportunities ↔ QuickBooks Online invoices',
  boot: bootGolden,
  schema: 'golden_pair_invoices',
  // The accounts and the products are bound first, as Configure solution orders them.
  first: ['creatio-accounts-to-qbo-customers', 'creatio-products-to-qbo-items'],
  toQb: { template: 'creatio-opportunities-to-qbo-invoices', source: 'opportunities', sink: 'invoices' },
  toCreatio: { template: 'qbo-invoices-to-creatio-opportunities', source: 'invoices', sink: 'opportunities' },
  timeout: 300_000,
};

describePair(suite, (g, cycle) => {
  let token: string;
  beforeAll(async () => {
    token = await accessToken(g().weft.sandboxes!.qbo);
  });

  const invoice = () => {
    const qbo = g().weft.sandboxes!.qbo;
    const r = qbo.store.all(qbo.realmId, 'Invoice').find((x) => x.body.DocNumber === DOC)!;
    return { Id: r.id, SyncToken: String(r.syncToken), ...r.body } as {
      Id: string;
      SyncToken: string;
      Line: Line[];
    };
  };
  const itemLines = () => invoice().Line.filter((l) => l.DetailType === 'SalesItemLineDetail');
  const tracked = followedOpportunity(g, DOC);
  const { opportunity, products } = tracked;
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
  const quantityOf = (id: string) => itemLines().find((l) => l.Id === id)!.SalesItemLineDetail!.Qty;
  const v: LinePairView = { ...tracked, cycle, itemLines, quantityOf, expectBound };

  it('after the first cycle, a cycle with no change writes nothing on either side', () =>
    expectFirstCycleThenQuiet(v, () => expect(products()).toHaveLength(3)));

  it('a quantity changed in Creatio arrives once in QuickBooks and does not bounce back', () =>
    expectQuantityCrossesOnce(v));

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
    expect((await call(g().weft.sandboxes!.qbo, token, 'invoice?minorversion=75', { body })).status).toBe(200);
    expect(itemLines()).toHaveLength(before.length + 1);

    await expectAddedLineArrivesOnce(v, before);
  });

  it("a title an analyst gives the opportunity survives the invoice's next change, and nothing bounces", async () => {
    const session = await creatioSession(g().weft);
    const title = () => {
      const query = g().weft.sandboxes!.creatio.db.prepare('SELECT "Title" FROM "Opportunity" WHERE "Id" = ?');
      return (query.get(opportunity()[0].Id) as { Title: string }).Title;
    };
    expect(await session.patch(`Opportunity(${opportunity()[0].Id})`, { Title: 'Renewal — 3 seats' })).toBe(204);
    const edited = await cycle();
    expect(edited.toCreatio).toMatchObject({ created: 0, updated: 0 });

    // The invoice changes in QuickBooks: its first line's quantity, so its total; the opportunity follows.
    const inv = invoice();
    const [first, ...rest] = itemLines();
    const line = { ...first, Amount: 4 * first.SalesItemLineDetail!.UnitPrice };
    line.SalesItemLineDetail = { ...first.SalesItemLineDetail!, Qty: 4 };
    const body = { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true, Line: [line, ...rest] };
    expect((await call(g().weft.sandboxes!.qbo, token, 'invoice?minorversion=75', { body })).status).toBe(200);
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
});
