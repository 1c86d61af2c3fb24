// Seed §5.2 "Line item description", through the whole Weft against both sandboxes: a QuickBooks line's
// description made from the Creatio product line's own text and its product's description, the line's text
// overwriting the product's or the two concatenated (a setting of the mapping's list of lines).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS, opportunityLines } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, type Golden } from './test-golden';
import { docNode, qboRows, runDoc, templateDoc } from './test-options';

type Invoice = { DocNumber: string; Line: { DetailType: string; Description?: string }[] };
const FLOW = 'opportunity-line-descriptions';
const docNumber = (i: number) => `OPP-${String(i).padStart(6, '0')}`;

function withDescriptions(how: 'overwrite' | 'concatenate') {
  const doc = templateDoc('creatio-opportunities-to-qbo-invoices');
  const src = docNode(doc, 'opportunities').config;
  src.expand = String(src.expand)
    .replace('Quantity,Price', 'Quantity,Price,Notes')
    .replace('Product($select=Name)', 'Product($select=Name,Description)');
  const lines = (docNode(doc, 'map-invoice').config.lines as Record<string, unknown>[])[0];
  lines.description = { line: 'Notes', product: 'Product.Description', how, separator: ' — ' };
  return doc;
}

for (const db of testDatabases()) {
  describe(`QuickBooks line descriptions from Creatio product lines on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'opt_desc');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      const creatio = await creatioSession(g.weft);
      // Opportunity 21's lines are products 2, 7 and 12: product 2 gets a description, its line a note of its
      // own; product 7 only a description; product 12 neither.
      const [opp] = await creatio.get<{ OpportunityProductCollectionByOpportunity: { Id: string }[] }>(
        `Opportunity?$filter=${encodeURIComponent(`UsrInvoiceNumber eq '${docNumber(21)}'`)}` +
          '&$select=Id&$expand=OpportunityProductCollectionByOpportunity($select=Id;$orderby=CreatedOn,Id)',
      );
      const products = await creatio.get<{ Id: string; Name: string }>('Product?$select=Id,Name');
      const id = (n: number) => products.find((p) => p.Name === PRODUCTS[n].Name)!.Id;
      expect(await creatio.patch(`Product(${id(2)})`, { Description: 'Annual licence, 1 seat' })).toBe(204);
      expect(await creatio.patch(`Product(${id(7)})`, { Description: 'Support hours' })).toBe(204);
      const first = opp.OpportunityProductCollectionByOpportunity[0].Id;
      expect(await creatio.patch(`OpportunityProduct(${first})`, { Notes: 'Renewal for the Lyon office' })).toBe(204);
    });
    afterAll(() => g?.close());

    const linesOf21 = () =>
      qboRows<Invoice>(g.weft, 'Invoice')
        .find((x) => x.DocNumber === docNumber(21))!
        .Line.filter((l) => l.DetailType === 'SalesItemLineDetail')
        .map((l) => l.Description);

    it("overwrite: the line's own text replaces the product description; without one, the product's is used", async () => {
      const s = await runDoc(g.weft, FLOW, withDescriptions('overwrite'));
      expect(node(s, 'map-invoice').failed).toBe(0);
      expect(opportunityLines(21).map((l) => l.product)).toEqual([2, 7, 12]);
      // Product 12 has no description at all: the mapped product name stays.
      expect(linesOf21()).toEqual(['Renewal for the Lyon office', 'Support hours', PRODUCTS[12].Name]);
    });

    it('concatenate: the product description, then the line text', async () => {
      const s = await runDoc(g.weft, FLOW, withDescriptions('concatenate'));
      expect(node(s, 'invoices').failed).toBe(0);
      expect(linesOf21()).toEqual([
        'Annual licence, 1 seat — Renewal for the Lyon office',
        'Support hours',
        PRODUCTS[12].Name,
      ]);
    });
  });
}
