// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Desktop purchase orders": the shared body
// (test-pair-transactions-qbd.ts) on PurchaseOrder and its PurchaseOrderLines.
import { qbdTransactionPair } from './test-pair-transactions-qbd';

qbdTransactionPair({
  form: 'purchase-orders',
  entity: 'PurchaseOrder',
  line: 'PurchaseOrderLine',
  price: 'Rate',
  schema: 'gpair_qbd_pos',
});
