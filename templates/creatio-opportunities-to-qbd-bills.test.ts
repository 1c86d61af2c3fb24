// Golden test of "Creatio opportunities → QuickBooks Desktop bills" (seed §5.1, purchase side): one Bill per
// opportunity whose vendor is bound, its products as item lines.
import { qbdPurchaseGolden } from './test-qbd-purchase-golden';

qbdPurchaseGolden({
  flow: 'creatio-opportunities-to-qbd-bills',
  entity: 'Bill',
  bind: 'bind-bills',
  map: 'map-bill',
  sink: 'bills',
  writeBack: 'write-back',
  schema: 'golden_qbd_bill',
});
