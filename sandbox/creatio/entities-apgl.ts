// The Creatio custom objects the accounting (AP/GL) templates write (issue 15): the seed's
// §1 promises that "Bills, Checks, Deposits, Account (COA), Journals, and Vendor Credits
// become directly accessible and manageable within Creatio", and its Ultimate Edition
// syncs the chart of accounts, journal entries and time tracking. A customer creates
// these objects in Creatio's object designer; the names follow Creatio's rule for custom
// schema items (the `Usr` prefix, external-apis.md A4), and a custom object's display
// column is `UsrName`, as the object designer names it. The preflight lists the same
// objects (nodes/creatio/creatio-requirements-apgl.ts) for a site that lacks them.
import { date, decimal as money, flag, lookup, text } from './columns';
import type { EntityDef } from './columns';

/** Every QuickBooks record kept in Creatio has its name, QuickBooks id (the key) and last change. */
const KEYED = [text('UsrName', 250), text('UsrQBId', 50), date('UsrQBLastModified')];

export const APGL_ENTITIES: EntityDef[] = [
  {
    name: 'UsrQBGLAccount',
    columns: [
      ...KEYED,
      text('UsrFullName', 250),
      text('UsrAccountType', 100),
      text('UsrAccountNumber', 50),
      money('UsrBalance'),
      flag('UsrActive'),
      text('UsrDescription', 500),
    ],
  },
  {
    name: 'UsrQBDeposit',
    columns: [...KEYED, date('UsrTxnDate'), text('UsrDepositTo', 250), money('UsrTotalAmount'), text('UsrMemo', 500)],
  },
  {
    name: 'UsrQBDepositLine',
    columns: [
      lookup('UsrDeposit', 'UsrQBDeposit'),
      text('UsrQBLineId', 50),
      text('UsrAccount', 250),
      text('UsrReceivedFrom', 250),
      money('UsrAmount'),
      text('UsrDescription', 500),
      text('UsrCheckNumber', 50),
    ],
  },
  {
    name: 'UsrQBJournalEntry',
    columns: [
      ...KEYED,
      text('UsrRefNumber', 50),
      date('UsrTxnDate'),
      money('UsrTotalAmount'),
      flag('UsrAdjustment'),
      text('UsrMemo', 500),
    ],
  },
  {
    name: 'UsrQBJournalLine',
    columns: [
      lookup('UsrJournalEntry', 'UsrQBJournalEntry'),
      text('UsrQBLineId', 50),
      text('UsrPostingType', 50),
      money('UsrDebit'),
      money('UsrCredit'),
      text('UsrAccount', 250),
      text('UsrEntityName', 250),
      text('UsrDescription', 500),
    ],
  },
  {
    name: 'UsrQBVendorCredit',
    columns: [
      ...KEYED,
      text('UsrRefNumber', 50),
      lookup('UsrAccount', 'Account'),
      text('UsrVendorName', 250),
      date('UsrTxnDate'),
      money('UsrTotalAmount'),
      money('UsrCreditRemaining'),
      text('UsrMemo', 500),
    ],
  },
  {
    name: 'UsrQBTimeEntry',
    columns: [
      ...KEYED,
      date('UsrDate'),
      money('UsrHours'),
      text('UsrWorkerName', 250),
      lookup('UsrAccount', 'Account'),
      text('UsrCustomerName', 250),
      text('UsrServiceItem', 250),
      text('UsrBillableStatus', 50),
      text('UsrDescription', 4000),
    ],
  },
];
