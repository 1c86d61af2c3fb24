// Golden test of "Creatio opportunities → QuickBooks Online bills" (seed §5.1, purchase side): one Bill per
// opportunity whose vendor is bound, its products as item lines.
import { purchaseGolden } from './test-purchase-golden';

purchaseGolden({
  flow: 'creatio-opportunities-to-qbo-bills',
  entity: 'Bill',
  nodes: ['opportunities', 'vendor', 'items', 'bind-bills', 'map-bill', 'bills', 'write-back'],
  bind: 'bind-bills',
  map: 'map-bill',
  sink: 'bills',
  schema: 'golden_bill',
});
