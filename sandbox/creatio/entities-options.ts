// Custom columns the sales-transaction options of the opportunity flows use (issue 15, seed §5.2), added to
// the standard objects of entities.ts. A customer adds them in Creatio's object designer; each is optional
// and only needed by the option that names it.
import { decimal, flag, lookup, text } from './columns';
import type { ColumnDef, EntityDef } from './columns';

export const OPTION_COLUMNS: Record<string, ColumnDef[]> = {
  Opportunity: [
    // "Duplicate prevention": set once the opportunity's transaction is in QuickBooks.
    flag('UsrQBSent'),
    // "QB multiple transactions": which QuickBooks transaction the opportunity becomes (Invoice, Sales Receipt…).
    text('UsrQBTxnType', 50),
    // Standard Creatio columns (A4): the opportunity's currency and its rate.
    lookup('Currency', 'Currency'),
    decimal('CurrencyRate'),
  ],
  // "Group product expansion": the product is sold as a QuickBooks group item (Desktop ItemGroup, Online bundle).
  Product: [flag('UsrIsGroup')],
  OpportunityProduct: [
    // QuickBooks' line id (Online LineId, Desktop TxnLineID): an update edits that very line, even when
    // the same product is on the opportunity twice.
    text('UsrQBLineId', 50),
  ],
};

/**
 * Standard Creatio objects for price books and currencies (seed §5.3 "Creatio Price Book Name"): a price list
 * by name, each product's price in it, and the currencies (A4: `Pricelist`, `ProductPrice`, `Currency`).
 */
export const OPTION_ENTITIES: EntityDef[] = [
  {
    name: 'Currency',
    columns: [text('Name', 250), text('ShortName', 50), text('Code', 50)],
  },
  { name: 'Pricelist', columns: [text('Name', 250)] },
  {
    name: 'ProductPrice',
    columns: [
      lookup('PriceList', 'Pricelist'),
      lookup('Product', 'Product'),
      lookup('Currency', 'Currency'),
      decimal('Price'),
    ],
  },
];
