// Golden test of "qbd-sales-receipts-to-creatio-opportunities": see test-q2c-sales-forms.ts for what it proves.
import { qbdForms, salesFormGolden } from './test-q2c-sales-forms';

salesFormGolden({
  flow: 'qbd-sales-receipts-to-creatio-opportunities',
  label: 'Sales receipt',
  txnType: 'Sales Receipt',
  system: qbdForms('SalesReceipt'),
});
