// Golden test of "Creatio opportunities → QuickBooks Desktop sales receipts" (seed §5.1 "Creatio Opportunity to QB Sales Receipt").
import { qbdSalesFormGolden } from './test-qbd-sales-form-golden';

qbdSalesFormGolden({
  flow: 'creatio-opportunities-to-qbd-sales-receipts',
  entity: 'SalesReceipt',
  bind: 'bind-sales-receipts',
  map: 'map-sales-receipt',
  sink: 'sales-receipts',
  writeBack: 'write-back',
  schema: 'golden_qbd_sr',
});
