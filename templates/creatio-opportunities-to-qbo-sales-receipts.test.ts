// Golden test of "Creatio opportunities → QuickBooks sales receipts" (seed §5.1 "Creatio Opportunity to QB Sales
// Receipt").
import { salesFormGolden } from './test-sales-form-golden';

salesFormGolden({
  flow: 'creatio-opportunities-to-qbo-sales-receipts',
  entity: 'SalesReceipt',
  bind: 'bind-sales-receipts',
  map: 'map-sales-receipt',
  sink: 'sales-receipts',
  dateField: 'TxnDate',
  schema: 'golden_sr',
});
