// Golden test of "Creatio opportunities → QuickBooks Desktop invoices" (seed §5.1 "Creatio Opportunity to QB
// Invoice").
import { qbdSalesFormGolden } from './test-qbd-sales-form-golden';

qbdSalesFormGolden({
  flow: 'creatio-opportunities-to-qbd-invoices',
  entity: 'Invoice',
  bind: 'bind-invoices',
  map: 'map-invoice',
  sink: 'invoices',
  writeBack: 'write-back',
  schema: 'golden_qbd_inv',
});
