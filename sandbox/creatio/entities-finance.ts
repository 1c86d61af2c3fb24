// The money that comes back from QuickBooks (issue 15): the custom objects and the
// Account aging fields of the onboarding guide (seed §3.1, Table 2 and the aging
// fields), as a customer's Creatio would have them once created. Registered in
// entities.ts (one spread), so tables, $metadata, $filter and validation read them.
//
// Text lengths are the seed's: a longer value is refused as Creatio refuses it (the
// 500 "String or binary data would be truncated", odata-write.ts). Currency fields are
// Creatio's Currency type, a money(18,2) column whatever precision the seed names
// (Creatio: "Data types", https://academy.creatio.com/docs/user/no_code_customization/
// base_data_types), so no amount of the seed's size is refused.
import { date, decimal as money, flag, lookup, lookupObject, text } from './columns';
import type { ColumnDef, EntityDef } from './columns';

/** 30/60/90-day aging on Account (seed §3.1: Currency(9,2) each). */
export const AGING_COLUMNS: ColumnDef[] = [
  money('UsrCurrBalPymts'),
  money('UsrAccRecvOver30'),
  money('UsrAccRecvOver60'),
  money('UsrAccRecvOver90'),
];

/** The picklists of the Transaction object, each a lookup object with Name rows (seed.ts fills them). */
export const TRANSACTION_PICKLISTS = [
  'UsrTransactionStatus',
  'UsrTransactionType',
  'UsrPaymentType',
  'UsrApprovalStatus',
  'UsrFirstRecurring',
  'UsrRecordType',
];

export const FINANCE_ENTITIES: EntityDef[] = [
  {
    // "Payment QB": one row per QuickBooks payment, keyed by its Payment Number.
    name: 'UsrPaymentQB',
    columns: [
      text('UsrName', 250),
      text('UsrPaymentNumber', 13),
      text('UsrRefNumber', 20),
      lookup('UsrOpportunity', 'Opportunity'),
      money('UsrTotalAmount'),
      date('UsrTransactionDate'),
    ],
  },
  {
    // "Credit Memo": one row per QuickBooks credit memo, keyed by its Ref Number.
    name: 'UsrCreditMemo',
    columns: [
      text('UsrName', 250),
      text('UsrRefNumber', 11),
      money('UsrCreditRemaining'),
      lookup('UsrOpportunity', 'Opportunity'),
      money('UsrTotalAmount'),
      date('UsrTransactionDate'),
    ],
  },
  {
    // "Transaction" (payment processing): Client is the master-detail link to the opportunity.
    name: 'UsrTransaction',
    columns: [
      text('UsrName', 250),
      money('UsrAmount'),
      lookup('UsrApprovalStatus', 'UsrApprovalStatus'),
      text('UsrStripeTransactionId', 50),
      text('UsrAuthorization', 50),
      lookup('UsrClient', 'Opportunity'),
      date('UsrDateRan'),
      date('UsrDateReceived'),
      date('UsrDateSent'),
      text('UsrDeclinedComments', 255),
      flag('UsrDueDateOverride'),
      lookup('UsrFirstRecurring', 'UsrFirstRecurring'),
      lookup('UsrPaymentType', 'UsrPaymentType'),
      lookup('UsrRecordType', 'UsrRecordType'),
      text('UsrRoutingBank', 80),
      money('UsrTransactionAmount'),
      lookup('UsrTransactionStatus', 'UsrTransactionStatus'),
      lookup('UsrTransactionType', 'UsrTransactionType'),
    ],
  },
  ...TRANSACTION_PICKLISTS.map(lookupObject),
];
