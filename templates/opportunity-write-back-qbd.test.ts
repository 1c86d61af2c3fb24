// "Write back to Creatio" after QuickBooks Desktop, through the whole Weft against both sandboxes: an opportunity
// sent without an invoice number gets the number QuickBooks Desktop assigned (it numbers sales forms itself) and
// that number comes back to Creatio; the same product twice stays two lines whose TxnLineIDs come back too, so an
// update edits those very lines in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opportunityLines } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, node, runTemplate, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { runDoc, templateDoc, type Doc } from './test-options';

const docNumber = (i: number) => `OPP-${String(i).padStart(6, '0')}`;
type OppRow = {
  Id: string;
  Title: string;
  UsrInvoiceNumber: string;
  OpportunityProductCollectionByOpportunity: { Id: string; ProductId: string; Amount: number; UsrQBLineId: string }[];
};
type Line = { TxnLineID: string; Quantity?: string; Amount?: number };

/** The Desktop invoice template: it writes the number and the line ids back, and sends the ids with each line. */
const withWriteBack = (): Doc => templateDoc('creatio-opportunities-to-qbd-invoices');

for (const db of testDatabases()) {
  describe(`QuickBooks Desktop's numbers and line ids written back to Creatio on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'wb_qbd_num');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
      expect((await runTemplate(g.weft, 'creatio-products-to-qbd-items')).status).toBe('completed-with-errors');
    });
    afterAll(() => g?.close());

    const read = async (filter: string) => {
      const creatio = await creatioSession(g.weft);
      const [row] = await creatio.get<OppRow>(
        `Opportunity?$filter=${encodeURIComponent(filter)}&$select=Id,Title,UsrInvoiceNumber` +
          '&$expand=OpportunityProductCollectionByOpportunity($select=Id,ProductId,Amount,UsrQBLineId;' +
          '$orderby=CreatedOn,Id)',
      );
      return row;
    };
    const invoice = (title: string) => {
      const rows = g.weft.sandboxes!.qbd.file.objects(['Invoice']);
      const hits = rows.filter((r) => r.data.Memo === `Creatio opportunity: ${title}`);
      expect(hits).toHaveLength(1);
      return { number: hits[0].name, lines: hits[0].data.InvoiceLineAdd as Line[] };
    };

    it('an opportunity without a number gets the one QuickBooks Desktop assigned, written back to Creatio', async () => {
      const creatio = await creatioSession(g.weft);
      const opp31 = await read(`UsrInvoiceNumber eq '${docNumber(31)}'`);
      expect(await creatio.patch(`Opportunity(${opp31.Id})`, { UsrInvoiceNumber: '' })).toBe(204);

      const s = await runDoc(g.weft, 'qbd-write-back', withWriteBack());
      expect(node(s, 'write-back').failed).toBe(0);

      const numbered = invoice(opp31.Title).number!;
      expect(numbered).toMatch(/\d$/);
      expect(numbered).not.toBe(docNumber(31));
      expect((await read(`Id eq ${opp31.Id}`)).UsrInvoiceNumber).toBe(numbered);
      // Opportunity 21 kept the number it had in Creatio.
      const opp21 = await read(`UsrInvoiceNumber eq '${docNumber(21)}'`);
      expect(invoice(opp21.Title).number).toBe(docNumber(21));
      // Each product line knows its QuickBooks TxnLineID.
      expect(opp21.OpportunityProductCollectionByOpportunity.map((l) => l.UsrQBLineId)).toEqual(
        invoice(opp21.Title).lines.map((l) => l.TxnLineID),
      );
    });

    it("the same product twice stays two lines, and an update keeps both lines' TxnLineIDs", async () => {
      const creatio = await creatioSession(g.weft);
      const opp = await read(`UsrInvoiceNumber eq '${docNumber(21)}'`);
      const first = opp.OpportunityProductCollectionByOpportunity[0];
      const { price, quantity } = opportunityLines(21)[0];
      const copy = { OpportunityId: opp.Id, ProductId: first.ProductId, Quantity: quantity, Price: price };
      expect(await creatio.post('OpportunityProduct', copy)).toBe(201);
      // Creatio recomputes the opportunity's amount when a product is added, which marks it changed for the next run.
      const touch = async (n: number) => expect(await creatio.patch(`Opportunity(${opp.Id})`, { Amount: n })).toBe(204);
      await touch(1000);
      await runDoc(g.weft, 'qbd-write-back', withWriteBack());
      const before = invoice(opp.Title).lines;
      expect(before).toHaveLength(opportunityLines(21).length + 1);
      const withIds = await read(`Id eq ${opp.Id}`);
      expect(withIds.OpportunityProductCollectionByOpportunity.map((l) => l.UsrQBLineId)).toEqual(
        before.map((l) => l.TxnLineID),
      );

      // The salesperson changes the copy: QuickBooks edits that line in place, every id unchanged.
      const last = withIds.OpportunityProductCollectionByOpportunity.at(-1)!;
      expect(await creatio.patch(`OpportunityProduct(${last.Id})`, { Quantity: 9 })).toBe(204);
      await touch(2000);
      // Opportunities with the 120-character product fail as before; this one is updated.
      const s = await runDoc(g.weft, 'qbd-write-back', withWriteBack());
      expect(node(s, 'invoices').updated).toBeGreaterThan(0);
      const after = invoice(opp.Title).lines;
      expect(after.map((l) => l.TxnLineID)).toEqual(before.map((l) => l.TxnLineID));
      expect(after.at(-1)!.Quantity).toBe('9');
      expect(after[0].Quantity).toBe(before[0].Quantity);
    });
  });
}
