// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Desktop checks": the shared body
// (test-pair-transactions-qbd.ts) on Check and its ItemLines.
import { qbdTransactionPair } from './test-pair-transactions-qbd';

qbdTransactionPair({
  form: 'checks',
  entity: 'Check',
  line: 'ItemLine',
  price: 'Cost',
  schema: 'golden_pair_qbdchecks',
});
