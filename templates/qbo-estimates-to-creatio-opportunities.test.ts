// Golden test of "qbo-estimates-to-creatio-opportunities": see test-q2c-sales-forms.ts for what it proves.
import { qboForms, salesFormGolden } from './test-q2c-sales-forms';

salesFormGolden({
  flow: 'qbo-estimates-to-creatio-opportunities',
  label: 'Estimate',
  txnType: 'Estimate',
  system: qboForms('Estimate', 'estimate'),
});
