// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Online bills" over several cycles
// (templates/test-pair-transactions-qbo.ts): lines bound by their QuickBooks line id, nothing bounces.
import { vendorOpportunity, qboTransactionPair } from './test-pair-transactions-qbo';

qboTransactionPair({
  words: 'bills',
  toQb: { template: 'creatio-opportunities-to-qbo-bills', source: 'opportunities', sink: 'bills' },
  toCreatio: { template: 'qbo-bills-to-creatio-opportunities', source: 'read', sink: 'write' },
  entity: 'Bill',
  path: 'bill',
  detail: 'ItemBasedExpenseLineDetail',
  first: ['creatio-accounts-to-qbo-vendors', 'creatio-products-to-qbo-items'],
  doc: vendorOpportunity(),
  schema: 'golden_pair_bills',
});
