// Golden test of "Creatio opportunities → QuickBooks Online purchase-orders" (seed §5.1, purchase side): one PurchaseOrder per
// opportunity whose vendor is bound, its products as item lines.
import { purchaseGolden } from './test-purchase-golden';

purchaseGolden({
  flow: 'creatio-opportunities-to-qbo-purchase-orders',
  entity: 'PurchaseOrder',
  nodes: [
    'opportunities',
    'vendor',
    'items',
    'bind-purchase-orders',
    'map-purchase-order',
    'purchase-orders',
    'write-back',
  ],
  bind: 'bind-purchase-orders',
  map: 'map-purchase-order',
  sink: 'purchase-orders',
  schema: 'golden_po',
});
