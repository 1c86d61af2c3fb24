// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Online sales receipts" over several cycles
// (templates/test-pair-transactions-qbo.ts): lines bound by their QuickBooks line id, nothing bounces.
import { CUSTOMER_OPPORTUNITY, qboTransactionPair } from './test-pair-transactions-qbo';

qboTransactionPair({
  words: 'sales receipts',
  toQb: { template: 'creatio-opportunities-to-qbo-sales-receipts', source: 'opportunities', sink: 'sales-receipts' },
  toCreatio: { template: 'qbo-sales-receipts-to-creatio-opportunities', source: 'read', sink: 'opportunities' },
  entity: 'SalesReceipt',
  path: 'salesreceipt',
  detail: 'SalesItemLineDetail',
  first: ['creatio-accounts-to-qbo-customers', 'creatio-products-to-qbo-items'],
  doc: CUSTOMER_OPPORTUNITY,
  schema: 'golden_pair_receipts',
});
