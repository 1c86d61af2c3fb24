// Golden test of "Creatio opportunities → QuickBooks Online checks" (seed §5.1, purchase side): one Purchase of type Check per
// opportunity whose vendor is bound, its products as item lines.
import { purchaseGolden } from './test-purchase-golden';

purchaseGolden({
  flow: 'creatio-opportunities-to-qbo-checks',
  entity: 'Purchase',
  nodes: ['opportunities', 'vendor', 'bank-account', 'items', 'bind-checks', 'map-check', 'checks', 'write-back'],
  bind: 'bind-checks',
  map: 'map-check',
  sink: 'checks',
  schema: 'golden_check',
});
