// Golden test of "qbo-sales-receipts-to-creatio-opportunities": see test-q2c-sales-forms.ts for what it proves.
import { qboForms, salesFormGolden } from './test-q2c-sales-forms';

salesFormGolden({
  flow: 'qbo-sales-receipts-to-creatio-opportunities',
  label: 'Sales receipt',
  txnType: 'Sales Receipt',
  system: qboForms('SalesReceipt', 'salesreceipt'),
});
