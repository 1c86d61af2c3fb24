// Golden test of "Creatio opportunities → QuickBooks Desktop checks" (seed §5.1, purchase side): one Check per
// opportunity whose vendor is bound, its products as item lines.
import { qbdPurchaseGolden } from './test-qbd-purchase-golden';

qbdPurchaseGolden({
  flow: 'creatio-opportunities-to-qbd-checks',
  entity: 'Check',
  bind: 'bind-checks',
  map: 'map-check',
  sink: 'checks',
  writeBack: 'write-back',
  schema: 'golden_qbd_check',
});
