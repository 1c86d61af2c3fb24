// Options of seed §5.2 that write QuickBooks' answer back to Creatio, through the whole Weft against both
// sandboxes: the transaction number from Creatio or from QuickBooks (1), opportunity amounts updated never /
// for lines / for lines and total (2), and several identical lines that keep their QuickBooks line ids (5);
// on QuickBooks Desktop, its amounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opportunityLines } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { docNode, qboRows, runDoc, templateDoc, type Doc } from './test-options';

const FLOW = 'opportunity-write-back';
const docNumber = (i: number) => `OPP-${String(i).padStart(6, '0')}`;

type Line = { Id: string; Amount: number; DetailType: string; SalesItemLineDetail?: { ItemRef: { value: string } } };
type Invoice = { Id: string; DocNumber: string; TotalAmt: number; PrivateNote: string; Line: Line[] };
type OppRow = {
  Id: string;
  Title: string;
  Amount: number;
  UsrInvoiceNumber: string;
  OpportunityProductCollectionByOpportunity: { Id: string; ProductId: string; Amount: number; UsrQBLineId: string }[];
};

/** The invoice template (it writes the line ids back and sends them with each line) with its write-back's amounts. */
function withWriteBack(amounts: 'never' | 'lines' | 'lines-and-total'): Doc {
  const doc = templateDoc('creatio-opportunities-to-qbo-invoices');
  // The template writes the number and the line ids back already; the analyst sets the amounts on that node.
  Object.assign(docNode(doc, 'write-back').config, { amounts });
  return doc;
}

for (const db of testDatabases()) {
  describe(`QuickBooks' answer written back to Creatio opportunities on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'opt_wb');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
    });
    afterAll(() => g?.close());

    // Opportunities 21 and 31 are bound and have products QuickBooks can take (see the invoice template's test).
    const opp = async (i: number) => {
      const creatio = await creatioSession(g.weft);
      const filter = encodeURIComponent(`Title eq '${(await titleOf(i)).replace(/'/g, "''")}'`);
      const [row] = await creatio.get<OppRow>(
        `Opportunity?$filter=${filter}&$select=Id,Title,Amount,UsrInvoiceNumber` +
          '&$expand=OpportunityProductCollectionByOpportunity($select=Id,ProductId,Amount,UsrQBLineId;$orderby=CreatedOn,Id)',
      );
      return row;
    };
    const titles = new Map<number, string>();
    const titleOf = async (i: number) => {
      if (!titles.has(i)) {
        const creatio = await creatioSession(g.weft);
        const [row] = await creatio.get<{ Title: string }>(
          `Opportunity?$filter=${encodeURIComponent(`UsrInvoiceNumber eq '${docNumber(i)}'`)}&$select=Title`,
        );
        titles.set(i, row.Title);
      }
      return titles.get(i)!;
    };
    const invoiceOf = (title: string) =>
      qboRows<Invoice>(g.weft, 'Invoice').find((x) => x.PrivateNote === `Creatio opportunity: ${title}`)!;

    it('numbers from Creatio stay; an opportunity without one gets the number QuickBooks assigned', async () => {
      const creatio = await creatioSession(g.weft);
      await titleOf(21);
      await titleOf(31);
      const noNumber = await opp(31);
      expect(await creatio.patch(`Opportunity(${noNumber.Id})`, { UsrInvoiceNumber: '' })).toBe(204);
      // A salesperson's amounts that QuickBooks will compute otherwise: a line amount, and the total.
      const a = await opp(21);
      expect(
        await creatio.patch(`OpportunityProduct(${a.OpportunityProductCollectionByOpportunity[0].Id})`, { Amount: 1 }),
      ).toBe(204);
      expect(await creatio.patch(`Opportunity(${a.Id})`, { Amount: 1 })).toBe(204);

      const s = await runDoc(g.weft, FLOW, withWriteBack('lines'));
      expect(node(s, 'write-back').failed).toBe(0);
      expect(node(s, 'write-back').out).toBeGreaterThan(0);

      // Opportunity 21 kept its Creatio number; 31's invoice was numbered by QuickBooks, and the number came back.
      const inv21 = invoiceOf(titles.get(21)!);
      expect(inv21.DocNumber).toBe(docNumber(21));
      const inv31 = invoiceOf(titles.get(31)!);
      expect(inv31.DocNumber).toMatch(/^\d+$/);
      expect((await opp(31)).UsrInvoiceNumber).toBe(inv31.DocNumber);
      expect((await opp(21)).UsrInvoiceNumber).toBe(docNumber(21));

      // "For product lines only": each line's amount is QuickBooks'; the opportunity's total is left alone.
      const after = await opp(21);
      const want = opportunityLines(21);
      expect(after.OpportunityProductCollectionByOpportunity.map((l) => l.Amount)).toEqual(want.map((l) => l.amount));
      expect(after.Amount).toBe(1);
      // Each line knows its QuickBooks line id.
      const ids = inv21.Line.filter((l) => l.DetailType === 'SalesItemLineDetail').map((l) => l.Id);
      expect(after.OpportunityProductCollectionByOpportunity.map((l) => l.UsrQBLineId)).toEqual(ids);
    });

    it('"for product lines and the total" also puts QuickBooks\' total on the opportunity', async () => {
      const s = await runDoc(g.weft, FLOW, withWriteBack('lines-and-total'));
      expect(node(s, 'write-back').failed).toBe(0);
      const after = await opp(21);
      expect(after.Amount).toBe(invoiceOf(titles.get(21)!).TotalAmt);
      expect(after.Amount).toBe(Math.round(opportunityLines(21).reduce((t, l) => t + l.amount, 0) * 100) / 100);
      // The number QuickBooks gave opportunity 31 is now Creatio's: the rerun updated that invoice, made no other.
      const inv31 = qboRows<Invoice>(g.weft, 'Invoice').filter(
        (x) => x.PrivateNote === `Creatio opportunity: ${titles.get(31)}`,
      );
      expect(inv31).toHaveLength(1);
    });

    it('"never" leaves the Creatio amounts as the salesperson entered them', async () => {
      const creatio = await creatioSession(g.weft);
      const a = await opp(21);
      expect(await creatio.patch(`Opportunity(${a.Id})`, { Amount: 2 })).toBe(204);
      const s = await runDoc(g.weft, FLOW, withWriteBack('never'));
      expect(node(s, 'write-back').failed).toBe(0);
      expect((await opp(21)).Amount).toBe(2);
    });

    it("the same product twice stays two lines, and an update keeps both lines' QuickBooks ids", async () => {
      const creatio = await creatioSession(g.weft);
      const a = await opp(21);
      const first = a.OpportunityProductCollectionByOpportunity[0];
      const price = opportunityLines(21)[0].price;
      // A second line of the very same product, quantity and price.
      const quantity = opportunityLines(21)[0].quantity;
      expect(
        await creatio.post('OpportunityProduct', {
          OpportunityId: a.Id,
          ProductId: first.ProductId,
          Quantity: quantity,
          Price: price,
          Amount: Math.round(quantity * price * 100) / 100,
        }),
      ).toBe(201);
      await runDoc(g.weft, FLOW, withWriteBack('lines'));
      const inv = invoiceOf(titles.get(21)!);
      const itemLines = inv.Line.filter((l) => l.DetailType === 'SalesItemLineDetail');
      expect(itemLines).toHaveLength(opportunityLines(21).length + 1);
      const item = itemLines[0].SalesItemLineDetail!.ItemRef.value;
      expect(itemLines.filter((l) => l.SalesItemLineDetail!.ItemRef.value === item)).toHaveLength(2);
      const idsBefore = itemLines.map((l) => l.Id);
      const withIds = await opp(21);
      expect(withIds.OpportunityProductCollectionByOpportunity.map((l) => l.UsrQBLineId)).toEqual(idsBefore);

      // The salesperson changes the second copy: QuickBooks edits that line in place, ids unchanged.
      const copy = withIds.OpportunityProductCollectionByOpportunity.at(-1)!;
      expect(await creatio.patch(`OpportunityProduct(${copy.Id})`, { Quantity: 9, Amount: 0 })).toBe(204);
      await runDoc(g.weft, FLOW, withWriteBack('lines'));
      const again = invoiceOf(titles.get(21)!).Line.filter((l) => l.DetailType === 'SalesItemLineDetail');
      expect(again.map((l) => l.Id)).toEqual(idsBefore);
      expect(again.at(-1)!.Amount).toBe(Math.round(9 * price * 100) / 100);
      expect(again[0].Amount).toBe(opportunityLines(21)[0].amount);
      expect((await opp(21)).OpportunityProductCollectionByOpportunity.at(-1)!.Amount).toBe(again.at(-1)!.Amount);

      // The first line goes: the others keep their ids (QuickBooks would otherwise renumber them 1, 2, 3).
      expect(await creatio.delete(`OpportunityProduct(${first.Id})`)).toBe(204);
      await runDoc(g.weft, FLOW, withWriteBack('lines'));
      const rest = invoiceOf(titles.get(21)!).Line.filter((l) => l.DetailType === 'SalesItemLineDetail');
      expect(rest.map((l) => l.Id)).toEqual(idsBefore.slice(1));
    });
  });
}

for (const db of testDatabases()) {
  describe(`QuickBooks Desktop's amounts written back to Creatio opportunities on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'opt_wb_qbd');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
      expect((await runTemplate(g.weft, 'creatio-products-to-qbd-items')).status).toBe('completed-with-errors');
    });
    afterAll(() => g?.close());

    it('"for product lines and the total": each line and the opportunity take QuickBooks\' amounts', async () => {
      const creatio = await creatioSession(g.weft);
      const filter = encodeURIComponent(`UsrInvoiceNumber eq '${docNumber(21)}'`);
      const read = async () =>
        (
          await creatio.get<OppRow>(
            `Opportunity?$filter=${filter}&$select=Id,Title,Amount,UsrInvoiceNumber` +
              '&$expand=OpportunityProductCollectionByOpportunity($select=Id,ProductId,Amount,UsrQBLineId;$orderby=CreatedOn,Id)',
          )
        )[0];
      const before = await read();
      const lines = before.OpportunityProductCollectionByOpportunity;
      expect(await creatio.patch(`OpportunityProduct(${lines[0].Id})`, { Amount: 1 })).toBe(204);
      expect(await creatio.patch(`Opportunity(${before.Id})`, { Amount: 1 })).toBe(204);

      const doc = templateDoc('creatio-opportunities-to-qbd-invoices');
      // The template writes the number and the line ids back; the analyst adds the amounts on that node.
      Object.assign(docNode(doc, 'write-back').config, { amounts: 'lines-and-total' });
      const s = await runDoc(g.weft, 'opportunity-write-back-qbd', doc);
      expect(node(s, 'write-back').failed).toBe(0);

      const after = await read();
      const want = opportunityLines(21);
      expect(after.OpportunityProductCollectionByOpportunity.map((l) => l.Amount)).toEqual(want.map((l) => l.amount));
      expect(after.Amount).toBe(Math.round(want.reduce((t, l) => t + l.amount, 0) * 100) / 100);
      expect(after.UsrInvoiceNumber).toBe(docNumber(21));
    });
  });
}
