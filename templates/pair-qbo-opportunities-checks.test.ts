// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Online checks" over several cycles
// (templates/test-pair-transactions-qbo.ts): lines bound by their QuickBooks line id, nothing bounces.
import { vendorOpportunity, qboTransactionPair } from './test-pair-transactions-qbo';

qboTransactionPair({
  words: 'checks (Purchase of payment type Check)',
  toQb: { template: 'creatio-opportunities-to-qbo-checks', source: 'opportunities', sink: 'checks' },
  toCreatio: { template: 'qbo-checks-to-creatio-opportunities', source: 'read', sink: 'write' },
  entity: 'Purchase',
  path: 'purchase',
  detail: 'ItemBasedExpenseLineDetail',
  first: ['creatio-accounts-to-qbo-vendors', 'creatio-products-to-qbo-items'],
  doc: vendorOpportunity(),
  schema: 'golden_pair_checks',
});
