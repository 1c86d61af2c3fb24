// Golden test of the bi-directional pair "Creatio opportunities ↔ QuickBooks Desktop sales orders": the shared body
// (test-pair-transactions-qbd.ts) on SalesOrder and its SalesOrderLines.
import { qbdTransactionPair } from './test-pair-transactions-qbd';

qbdTransactionPair({
  form: 'sales-orders',
  entity: 'SalesOrder',
  line: 'SalesOrderLine',
  price: 'Rate',
  schema: 'gpair_qbd_orders',
});
