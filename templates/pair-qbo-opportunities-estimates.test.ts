// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Online estimates" over several cycles
// (templates/test-pair-transactions-qbo.ts): lines bound by their QuickBooks line id, nothing bounces.
import { CUSTOMER_OPPORTUNITY, qboTransactionPair } from './test-pair-transactions-qbo';

qboTransactionPair({
  words: 'estimates',
  toQb: { template: 'creatio-opportunities-to-qbo-estimates', source: 'opportunities', sink: 'estimates' },
  toCreatio: { template: 'qbo-estimates-to-creatio-opportunities', source: 'read', sink: 'opportunities' },
  entity: 'Estimate',
  path: 'estimate',
  detail: 'SalesItemLineDetail',
  first: ['creatio-accounts-to-qbo-customers', 'creatio-products-to-qbo-items'],
  doc: CUSTOMER_OPPORTUNITY,
  schema: 'golden_pair_estimates',
});
