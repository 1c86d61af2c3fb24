// Seed §5.3 "Creatio Price Book Name" and the opportunity's currency, through the whole Weft against both
// sandboxes: line prices taken from a named Creatio price list instead of the line's own; the currency
// propagated (refused, as QuickBooks does, by a company without multicurrency) or converted to the home currency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS, opportunityLines } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { docNode, qboRows, runDoc, templateDoc } from './test-options';

const FLOW = 'opportunity-prices-currency';
const docNumber = (i: number) => `OPP-${String(i).padStart(6, '0')}`;
const EUR = '5e1c2f3a-0000-4000-8000-00000000e0e0';
const WHOLESALE = '5e1c2f3a-0000-4000-8000-0000000000a1';
const wholesale = (n: number) => Math.round(PRODUCTS[n].Price * 0.8 * 100) / 100;
const money = (n: number) => Math.round(n * 100) / 100;

type Invoice = {
  DocNumber: string;
  TotalAmt: number;
  CurrencyRef: { value: string };
  Line: { DetailType: string; Amount: number; SalesItemLineDetail?: { UnitPrice: number; Qty: number } }[];
};

function withPrices(priceBook: string, currency: 'as-is' | 'propagate' | 'home') {
  const doc = templateDoc('creatio-opportunities-to-qbo-invoices');
  const src = docNode(doc, 'opportunities').config as { select: string[] };
  src.select = [...src.select, 'CurrencyId', 'CurrencyRate'];
  const map = docNode(doc, 'map-invoice').config as { mappings: Record<string, unknown>[] };
  map.mappings.push({ target: 'CurrencyRef.value', source: 'CurrencyCode' });
  map.mappings.push({ target: 'ExchangeRate', source: 'ExchangeRate', as: 'number' });
  doc.nodes.push({
    id: 'prices',
    type: 'creatio.prices',
    version: 1,
    title: 'Prices and currency',
    position: { x: 420, y: 220 },
    config: { connection: '@creatio', priceBook, currency },
  });
  doc.edges = doc.edges.filter((e) => e.from !== 'customer:out');
  doc.edges.push({ from: 'customer:out', to: 'prices:in' }, { from: 'prices:out', to: 'items:in' });
  return doc;
}

for (const db of testDatabases()) {
  describe(`Creatio price book and currency of opportunities on ${db.name}`, () => {
    let g: Golden;
    let opp31: string;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'opt_prices');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      // What a Creatio administrator sets up: the currencies, and a "Wholesale" price list at 80 %.
      const creatio = await creatioSession(g.weft);
      expect(await creatio.post('Currency', { Name: 'US Dollar', ShortName: 'USD', Code: 'USD' })).toBe(201);
      expect(await creatio.post('Currency', { Id: EUR, Name: 'Euro', ShortName: 'EUR', Code: 'EUR' })).toBe(201);
      expect(await creatio.post('Pricelist', { Id: WHOLESALE, Name: 'Wholesale' })).toBe(201);
      const products = await creatio.get<{ Id: string; Name: string }>('Product?$select=Id,Name');
      for (const [n, p] of PRODUCTS.entries()) {
        const ProductId = products.find((x) => x.Name === p.Name)!.Id;
        expect(await creatio.post('ProductPrice', { PriceListId: WHOLESALE, ProductId, Price: wholesale(n) })).toBe(
          201,
        );
      }
      const filter = encodeURIComponent(`UsrInvoiceNumber eq '${docNumber(31)}'`);
      [{ Id: opp31 }] = await creatio.get<{ Id: string }>(`Opportunity?$filter=${filter}&$select=Id`);
    });
    afterAll(() => g?.close());

    const invoice = (i: number) => qboRows<Invoice>(g.weft, 'Invoice').find((x) => x.DocNumber === docNumber(i))!;
    const itemLines = (i: number) => invoice(i).Line.filter((l) => l.DetailType === 'SalesItemLineDetail');

    it('takes each line\'s price from the "Wholesale" price book, not the price on the line', async () => {
      const s = await runDoc(g.weft, FLOW, withPrices('Wholesale', 'as-is'));
      expect(node(s, 'prices').failed).toBe(0);
      const want = opportunityLines(21);
      expect(itemLines(21).map((l) => [l.SalesItemLineDetail!.UnitPrice, l.Amount])).toEqual(
        want.map((l) => [wholesale(l.product), money(l.quantity * wholesale(l.product))]),
      );
      expect(invoice(21).CurrencyRef.value).toBe('USD');
    });

    it('propagating a euro opportunity is refused by a QuickBooks company without multicurrency', async () => {
      const creatio = await creatioSession(g.weft);
      expect(await creatio.patch(`Opportunity(${opp31})`, { CurrencyId: EUR, CurrencyRate: 1.1 })).toBe(204);
      const s = await runDoc(g.weft, FLOW, withPrices('Wholesale', 'propagate'));
      expect(await sinkCounts(g.weft, s.runId, 'invoices')).toMatchObject({ failed: 1 });
      const [f] = await g.weft.services.runs.failures('default', s.runId, 'invoices', 5);
      expect(f.recordKey).toBe(opp31);
      expect(f.failure.message).toContain('Multicurrency is not turned on for this company');
      expect(f.failure.message).toContain('CurrencyRef EUR');
      expect(invoice(31).CurrencyRef.value).toBe('USD'); // unchanged
    });

    it('converting to the home currency writes the euro prices × rate, in US dollars', async () => {
      const s = await runDoc(g.weft, FLOW, withPrices('Wholesale', 'home'));
      expect(await sinkCounts(g.weft, s.runId, 'invoices')).toMatchObject({ failed: 0 });
      const [line] = opportunityLines(31);
      const price = money(wholesale(line.product) * 1.1);
      expect(itemLines(31).map((l) => [l.SalesItemLineDetail!.UnitPrice, l.Amount])).toEqual([
        [price, money(line.quantity * price)],
      ]);
      expect(invoice(31).CurrencyRef.value).toBe('USD');
    });

    it('a product with no price in the price book fails its opportunity, naming the product and the book', async () => {
      const creatio = await creatioSession(g.weft);
      const [line] = opportunityLines(31);
      const [price] = await creatio.get<{ Id: string }>(
        `ProductPrice?$filter=${encodeURIComponent(`Product/Name eq '${PRODUCTS[line.product].Name.replace(/'/g, "''")}'`)}&$select=Id`,
      );
      expect(await creatio.delete(`ProductPrice(${price.Id})`)).toBe(204);
      const s = await runDoc(g.weft, FLOW, withPrices('Wholesale', 'home'));
      const failures = await g.weft.services.runs.failures('default', s.runId, 'prices', 10);
      const mine = failures.find((x) => x.recordKey === opp31)!;
      expect(mine.failure.message).toContain(`has no price in the Creatio price book "Wholesale"`);
      expect(mine.failure.action).toBe(
        'Add the price to the price book "Wholesale" in Creatio (or correct the record), then reprocess.',
      );
    });
  });
}
