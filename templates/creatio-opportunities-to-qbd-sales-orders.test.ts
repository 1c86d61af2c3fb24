// Golden test of "Creatio opportunities → QuickBooks Desktop sales orders" (seed §5.1 "Creatio Opportunity to QB
// Sales Order", a Desktop-only object).
import { qbdSalesFormGolden } from './test-qbd-sales-form-golden';

qbdSalesFormGolden({
  flow: 'creatio-opportunities-to-qbd-sales-orders',
  entity: 'SalesOrder',
  bind: 'bind-sales-orders',
  map: 'map-sales-order',
  sink: 'sales-orders',
  writeBack: 'write-back',
  schema: 'golden_qbd_so',
});
