// Golden test of "qbd-sales-orders-to-creatio-opportunities": see test-q2c-sales-forms.ts for what it proves.
import { qbdForms, salesFormGolden } from './test-q2c-sales-forms';

salesFormGolden({
  flow: 'qbd-sales-orders-to-creatio-opportunities',
  label: 'Sales order',
  txnType: 'Sales Order',
  system: qbdForms('SalesOrder'),
});
