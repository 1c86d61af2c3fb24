// Golden test of "qbd-estimates-to-creatio-opportunities": see test-q2c-sales-forms.ts for what it proves.
import { qbdForms, salesFormGolden } from './test-q2c-sales-forms';

salesFormGolden({
  flow: 'qbd-estimates-to-creatio-opportunities',
  label: 'Estimate',
  txnType: 'Estimate',
  system: qbdForms('Estimate'),
});
