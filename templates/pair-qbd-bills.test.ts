// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Desktop bills": the shared body
// (test-pair-transactions-qbd.ts) on Bill and its ItemLines.
import { qbdTransactionPair } from './test-pair-transactions-qbd';

qbdTransactionPair({ form: 'bills', entity: 'Bill', line: 'ItemLine', price: 'Cost', schema: 'golden_pair_qbdbills' });
