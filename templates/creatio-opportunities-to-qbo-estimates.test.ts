// Golden test of "Creatio opportunities → QuickBooks estimates" (seed §5.1 "Creatio Opportunity to QB Estimate").
import { salesFormGolden } from './test-sales-form-golden';

salesFormGolden({
  flow: 'creatio-opportunities-to-qbo-estimates',
  entity: 'Estimate',
  bind: 'bind-estimates',
  map: 'map-estimate',
  sink: 'estimates',
  dateField: 'ExpirationDate',
  schema: 'golden_est',
});
