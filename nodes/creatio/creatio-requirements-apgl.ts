// The Creatio custom objects the accounting templates write (issue 15; seed §1: "Bills,
// Checks, Deposits, Account (COA), Journals, and Vendor Credits become directly accessible
// and manageable within Creatio"; the Ultimate Edition's chart of accounts, journal entries
// and time tracking). A flow that names one of them in a Creatio node needs the whole
// object: the preflight tells a customer who lacks it which object and fields to create.
import type { FieldSpec } from './creatio-requirements';

const WHY = 'seed §1, the accounting records QuickBooks keeps';
const text = (field: string, label: string, length: number): FieldSpec => ({
  field,
  label,
  kind: 'Text',
  length,
  why: WHY,
});
const money = (field: string, label: string): FieldSpec => ({
  field,
  label,
  kind: 'Currency',
  precision: 15,
  scale: 2,
  why: WHY,
});
const of = (field: string, label: string, kind: FieldSpec['kind']): FieldSpec => ({ field, label, kind, why: WHY });

const KEYED = [
  text('UsrName', 'Name', 250),
  text('UsrQBId', 'QuickBooks Id (unique)', 50),
  of('UsrQBLastModified', 'QB LastModified', 'DateTime'),
];

export const APGL_OBJECTS: Record<string, { label: string; fields: FieldSpec[] }> = {
  UsrQBGLAccount: {
    label: 'QB GL Account',
    fields: [
      ...KEYED,
      text('UsrFullName', 'Full Name (with parent accounts)', 250),
      text('UsrAccountType', 'Account Type', 100),
      text('UsrAccountNumber', 'Account Number', 50),
      money('UsrBalance', 'Balance'),
      of('UsrActive', 'Active (checkbox)', 'Boolean'),
      text('UsrDescription', 'Description', 500),
    ],
  },
  UsrQBDeposit: {
    label: 'QB Deposit',
    fields: [
      ...KEYED,
      of('UsrTxnDate', 'Deposit Date', 'DateTime'),
      text('UsrDepositTo', 'Deposit To (account)', 250),
      money('UsrTotalAmount', 'Total Amount'),
      text('UsrMemo', 'Memo', 500),
    ],
  },
  UsrQBDepositLine: {
    label: 'QB Deposit Line',
    fields: [
      of('UsrDeposit', 'Deposit (lookup to QB Deposit)', 'Lookup'),
      text('UsrQBLineId', 'QuickBooks Line Id', 50),
      text('UsrAccount', 'From Account', 250),
      text('UsrReceivedFrom', 'Received From', 250),
      money('UsrAmount', 'Amount'),
      text('UsrDescription', 'Description', 500),
      text('UsrCheckNumber', 'Check Number', 50),
    ],
  },
  UsrQBJournalEntry: {
    label: 'QB Journal Entry',
    fields: [
      ...KEYED,
      text('UsrRefNumber', 'Journal Number', 50),
      of('UsrTxnDate', 'Journal Date', 'DateTime'),
      money('UsrTotalAmount', 'Total (debits)'),
      of('UsrAdjustment', 'Adjusting Entry (checkbox)', 'Boolean'),
      text('UsrMemo', 'Memo', 500),
    ],
  },
  UsrQBJournalLine: {
    label: 'QB Journal Line',
    fields: [
      of('UsrJournalEntry', 'Journal Entry (lookup to QB Journal Entry)', 'Lookup'),
      text('UsrQBLineId', 'QuickBooks Line Id', 50),
      text('UsrPostingType', 'Debit or Credit', 50),
      money('UsrDebit', 'Debit'),
      money('UsrCredit', 'Credit'),
      text('UsrAccount', 'Account', 250),
      text('UsrEntityName', 'Name (customer, vendor or employee)', 250),
      text('UsrDescription', 'Description', 500),
    ],
  },
  UsrQBVendorCredit: {
    label: 'QB Vendor Credit',
    fields: [
      ...KEYED,
      text('UsrRefNumber', 'Ref Number', 50),
      of('UsrAccount', 'Vendor (lookup to Account)', 'Lookup'),
      text('UsrVendorName', 'Vendor Name', 250),
      of('UsrTxnDate', 'Credit Date', 'DateTime'),
      money('UsrTotalAmount', 'Total Amount'),
      money('UsrCreditRemaining', 'Credit Remaining'),
      text('UsrMemo', 'Memo', 500),
    ],
  },
  UsrQBTimeEntry: {
    label: 'QB Time Entry',
    fields: [
      ...KEYED,
      of('UsrDate', 'Date', 'DateTime'),
      money('UsrHours', 'Hours'),
      text('UsrWorkerName', 'Employee or Vendor', 250),
      of('UsrAccount', 'Customer (lookup to Account)', 'Lookup'),
      text('UsrCustomerName', 'Customer Name', 250),
      text('UsrServiceItem', 'Service Item', 250),
      text('UsrBillableStatus', 'Billable Status', 50),
      text('UsrDescription', 'Description', 4000),
    ],
  },
};

/** The accounting objects, for the record types a Mapping may produce (creatio.connection.ts). */
export const APGL_OBJECT_NAMES = Object.keys(APGL_OBJECTS);
