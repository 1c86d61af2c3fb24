// Golden test of "Creatio opportunities → QuickBooks Desktop purchase-orders" (seed §5.1, purchase side): one PurchaseOrder per
// opportunity whose vendor is bound, its products as item lines.
import { qbdPurchaseGolden } from './test-qbd-purchase-golden';

qbdPurchaseGolden({
  flow: 'creatio-opportunities-to-qbd-purchase-orders',
  entity: 'PurchaseOrder',
  bind: 'bind-purchase-orders',
  map: 'map-purchase-order',
  sink: 'purchase-orders',
  writeBack: 'write-back',
  schema: 'golden_qbd_po',
});
