// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Online purchase orders" over several cycles
// (templates/test-pair-transactions-qbo.ts): lines bound by their QuickBooks line id, nothing bounces.
import { vendorOpportunity, qboTransactionPair } from './test-pair-transactions-qbo';

qboTransactionPair({
  words: 'purchase orders',
  toQb: { template: 'creatio-opportunities-to-qbo-purchase-orders', source: 'opportunities', sink: 'purchase-orders' },
  toCreatio: { template: 'qbo-purchase-orders-to-creatio-opportunities', source: 'read', sink: 'write' },
  entity: 'PurchaseOrder',
  path: 'purchaseorder',
  detail: 'ItemBasedExpenseLineDetail',
  first: ['creatio-accounts-to-qbo-vendors', 'creatio-products-to-qbo-items'],
  doc: vendorOpportunity(),
  schema: 'golden_pair_pos',
});
