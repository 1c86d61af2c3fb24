// Prices and currency of a Creatio record's product lines, before they become QuickBooks lines:
// - seed §5.3 "Creatio Price Book Name": each line's price from a named Creatio price list (ProductPrice of
//   that Pricelist) instead of the price on the line, which Creatio took from the default price list;
// - the record's currency, propagated (the transaction is in the opportunity's currency, with its rate:
//   QuickBooks Online's CurrencyRef and ExchangeRate, which need multicurrency turned on) or converted to
//   the home currency (prices × rate, the transaction in the home currency).
// Intuit, Invoice: "CurrencyRef … Required if multicurrency is enabled for the company"; "ExchangeRate: the
// number of home currency units it takes to equal one unit of currency specified by CurrencyRef"
// (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice).
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../define-node';
import { asText, fieldPath, readPath, recordLabel } from '../core/field-path';
import type { CreatioClient } from './creatio-client';
import { creatioClientFor } from './creatio-connection';
import { odataString } from './odata-literal';

const config = z.object({
  connection: z.string().min(1, 'Choose the Creatio connection (add one under Connections).'),
  collection: fieldPath(z.string().min(1)).default('OpportunityProductCollectionByOpportunity'),
  productField: fieldPath(z.string().min(1)).default('ProductId'),
  priceField: fieldPath(z.string().min(1)).default('Price'),
  priceBook: z.string().max(250).default(''),
  currency: z.enum(['as-is', 'propagate', 'home']).default('as-is'),
  currencyField: fieldPath(z.string().min(1)).default('CurrencyId'),
  rateField: fieldPath(z.string().min(1)).default('CurrencyRate'),
  homeCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO currency code such as USD')
    .default('USD'),
});
type Config = z.infer<typeof config>;

interface State {
  client: CreatioClient;
  /** Product id → price in the named price book, read once per run. */
  prices?: Promise<Map<string, number>>;
  /** Currency id → code, read once per run. */
  currencies?: Promise<Map<string, string>>;
}

async function readAll(client: CreatioClient, entity: string, select: string[], filter?: string) {
  const rows: Record<string, unknown>[] = [];
  for await (const page of client.pages(entity, { select, ...(filter ? { filter } : {}) })) rows.push(...page);
  return rows;
}

const money = (n: number) => Math.round(n * 100) / 100;

/** One record: prices from the price book, then its currency; a string says why it cannot be done. */
function priced(c: Config, r: FlowRecord, prices: Map<string, number> | null, codes: Map<string, string>) {
  const data = structuredClone(r.data);
  const lines = readPath(data, c.collection);
  const list = Array.isArray(lines) ? (lines as Record<string, unknown>[]) : [];
  if (prices) {
    for (const line of list) {
      const price = prices.get(asText(readPath(line, c.productField)));
      if (price === undefined) {
        const name = asText(readPath(line, 'Product.Name')) || asText(readPath(line, c.productField));
        return `product "${name}" has no price in the Creatio price book "${c.priceBook}"`;
      }
      line[c.priceField] = price;
    }
  }
  if (c.currency === 'as-is') return data;
  const id = asText(readPath(data, c.currencyField));
  const code = codes.get(id) ?? (id ? undefined : c.homeCurrency);
  if (!code) return `its currency (${c.currencyField} ${id}) is not one of Creatio's currencies`;
  const rate = code === c.homeCurrency ? 1 : Number(readPath(data, c.rateField));
  if (!Number.isFinite(rate) || rate <= 0)
    return `its rate (${c.rateField}) is "${asText(readPath(data, c.rateField))}", not a positive number`;
  if (c.currency === 'propagate') {
    data.CurrencyCode = code;
    if (code !== c.homeCurrency) data.ExchangeRate = rate;
    return data;
  }
  for (const line of list) line[c.priceField] = money(Number(line[c.priceField]) * rate);
  data.CurrencyCode = c.homeCurrency;
  return data;
}

export const creatioPrices = defineNode<typeof config, State>({
  type: 'creatio.prices',
  version: 1,
  title: 'Prices and currency',
  category: 'filter',
  description:
    "Takes each product line's price from a named Creatio price book, and keeps the record's currency or " +
    'converts its prices to the home currency.',
  inputs: [{ name: 'in', label: 'Records with product lines' }],
  outputs: [{ name: 'out', label: 'Priced', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: '', priceBook: '', currency: 'as-is' },
  ui: {
    icon: '$',
    color: '#0d6efd',
    fields: {
      connection: { label: 'Creatio connection', widget: 'connection', connectionKind: 'creatio' },
      collection: { label: 'Product lines', widget: 'text', placeholder: 'OpportunityProductCollectionByOpportunity' },
      productField: { label: 'Product of a line', widget: 'text', placeholder: 'ProductId' },
      priceField: { label: 'Price of a line', widget: 'text', placeholder: 'Price' },
      priceBook: {
        label: 'Creatio price book',
        widget: 'text',
        placeholder: 'Wholesale',
        help: 'The name of a Creatio price list. Empty: each line keeps the price it has in Creatio.',
      },
      currency: {
        label: 'Currency',
        widget: 'select',
        help:
          "Keep: QuickBooks uses the customer's currency. Propagate: the transaction is in the record's currency " +
          'with its rate (QuickBooks Online needs multicurrency on). Convert: prices × rate, in the home currency.',
        options: [
          { value: 'as-is', label: 'Keep (no currency sent)' },
          { value: 'propagate', label: "Propagate the record's currency and rate" },
          { value: 'home', label: 'Convert to the home currency' },
        ],
      },
      currencyField: { label: 'Currency field', widget: 'text', placeholder: 'CurrencyId' },
      rateField: {
        label: 'Rate field',
        widget: 'text',
        placeholder: 'CurrencyRate',
        help: "Home currency units for one unit of the record's currency, e.g. 1.08 for EUR in a USD company.",
      },
      homeCurrency: { label: 'Home currency', widget: 'text', placeholder: 'USD' },
    },
    summary: (c) =>
      [c.priceBook ? `prices from "${c.priceBook}"` : 'prices as on the lines', CURRENCY_WORDS[c.currency]].join(', '),
  },
  open: async (ctx, c) => ({ client: await creatioClientFor(ctx, c.connection) }),
  async process(_ctx, c, state, batch) {
    if (c.priceBook && !state.prices) {
      const filter = `PriceList/Name eq ${odataString(c.priceBook)}`;
      state.prices = readAll(state.client, 'ProductPrice', ['ProductId', 'Price'], filter).then(
        (rows) => new Map(rows.map((x) => [String(x.ProductId), Number(x.Price)])),
      );
    }
    if (c.currency !== 'as-is' && !state.currencies)
      state.currencies = readAll(state.client, 'Currency', ['Id', 'Code']).then(
        (rows) => new Map(rows.map((x) => [String(x.Id), String(x.Code)])),
      );
    const prices = state.prices ? await state.prices : null;
    const codes = state.currencies ? await state.currencies : new Map<string, string>();
    return batch.map((record): RecordResult => {
      const out = priced(c, record, prices, codes);
      if (typeof out !== 'string') return { record: { ...record, data: out }, outcome: 'passed', port: 'out' };
      return {
        record,
        outcome: 'failed',
        failure: {
          code: 'weft.creatio.price',
          message: `${recordLabel(record)}: ${out}.`,
          action: out.startsWith('product ')
            ? `Add the price to the price book "${c.priceBook}" in Creatio (or correct the record), then reprocess.`
            : 'Correct the currency or rate of the record in Creatio, then reprocess.',
        },
      };
    });
  },
});

const CURRENCY_WORDS: Record<Config['currency'], string> = {
  'as-is': 'currency kept',
  propagate: 'currency propagated',
  home: 'converted to the home currency',
};
