// Golden test of "Creatio opportunities → QuickBooks Desktop estimates" (seed §5.1 "Creatio Opportunity to QB Estimate").
import { qbdSalesFormGolden } from './test-qbd-sales-form-golden';

qbdSalesFormGolden({
  flow: 'creatio-opportunities-to-qbd-estimates',
  entity: 'Estimate',
  bind: 'bind-estimates',
  map: 'map-estimate',
  sink: 'estimates',
  writeBack: 'write-back',
  schema: 'golden_qbd_estimates',
});
