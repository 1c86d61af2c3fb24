// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Desktop sales receipts": the shared body
// (test-pair-transactions-qbd.ts) on SalesReceipt and its SalesReceiptLines.
import { qbdTransactionPair } from './test-pair-transactions-qbd';

qbdTransactionPair({
  form: 'sales-receipts',
  entity: 'SalesReceipt',
  line: 'SalesReceiptLine',
  price: 'Rate',
  schema: 'gpair_qbd_receipts',
});
