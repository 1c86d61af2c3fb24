// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Desktop estimates": the shared body
// (test-pair-transactions-qbd.ts) on Estimate and its EstimateLines.
import { qbdTransactionPair } from './test-pair-transactions-qbd';

qbdTransactionPair({
  form: 'estimates',
  entity: 'Estimate',
  line: 'EstimateLine',
  price: 'Rate',
  schema: 'golden_pair_qbdestimates',
});
