// The Creatio custom fields and objects the integration needs, as the onboarding
// guide lists them (seed §3.1, Tables 1 and 2), written with Creatio's own names:
// custom schema items carry the `Usr` prefix (external-apis.md A4), a picklist is a
// lookup column (`UsrActiveId` → the "Active" Yes/No list, Salesforce's Active__c),
// a Currency(p,s) field is an Edm.Decimal.

export type FieldKind = 'Text' | 'DateTime' | 'Date' | 'Lookup' | 'Currency' | 'Boolean' | 'Any';

export interface FieldSpec {
  /** Column name as OData shows it; for lookups the navigation name (`UsrActive`, column `UsrActiveId`). */
  field: string;
  /** The seed's label, e.g. "QB Full Name". */
  label: string;
  kind: FieldKind;
  length?: number;
  precision?: number;
  scale?: number;
  /** Where the seed asks for it, and why, in a few words. */
  why: string;
}

const text = (field: string, label: string, length: number, why: string): FieldSpec => ({
  field,
  label,
  kind: 'Text',
  length,
  why,
});
const money = (field: string, label: string, precision: number, scale: number, why: string): FieldSpec => ({
  field,
  label,
  kind: 'Currency',
  precision,
  scale,
  why,
});
const of = (field: string, label: string, kind: FieldKind, why: string): FieldSpec => ({ field, label, kind, why });

const T1 = 'seed §3.1 Table 1 (mandatory)';
const LAST_MODIFIED = (entity: string) =>
  of(
    'UsrQBLastModified',
    'QB LastModified',
    'DateTime',
    `${T1}: tracks the last change of the ${entity} for incremental sync`,
  );

/** Mandatory fields of Table 1, per standard object. */
export const MANDATORY: Record<string, FieldSpec[]> = {
  Account: [
    text('UsrQBFullName', 'QB Full Name', 210, `${T1}: binds the account to its QuickBooks customer or vendor`),
    LAST_MODIFIED('account'),
    of(
      'UsrActive',
      'Active (picklist Yes/No, API name Active__c)',
      'Lookup',
      `${T1}: decides which accounts take part in the sync`,
    ),
  ],
  Opportunity: [LAST_MODIFIED('opportunity')],
  Product: [LAST_MODIFIED('product')],
};

/** Optional fields the seed names, checked when a flow uses them or an option asks for them. */
export const OPTIONAL: Record<string, FieldSpec[]> = {
  Account: [
    money('UsrCurrBalPymts', 'Curr Bal Pymts', 9, 2, 'seed §3.1, 30/60/90-day aging'),
    money('UsrAccRecvOver30', 'Acc Recv Over30', 9, 2, 'seed §3.1, 30/60/90-day aging'),
    money('UsrAccRecvOver60', 'Acc Recv Over60', 9, 2, 'seed §3.1, 30/60/90-day aging'),
    money('UsrAccRecvOver90', 'Acc Recv Over90', 9, 2, 'seed §3.1, 30/60/90-day aging'),
  ],
  Opportunity: [
    text(
      'UsrInvoiceNumber',
      'Invoice Number',
      11,
      'seed §3.1, opportunities to invoices: holds the QuickBooks invoice number',
    ),
    text('UsrSalesReceiptNumber', 'Sales Receipt Number', 11, 'seed §3.1, opportunities to sales receipts'),
    text('UsrSalesEstimateNumber', 'Sales Estimate Number', 11, 'seed §3.1, opportunities to estimates'),
    text('UsrPurchaseOrderNumber', 'Purchase Order Number', 11, 'seed §3.1, opportunities to purchase orders'),
  ],
  Product: [
    text('UsrQBParentName', 'QB Parent Name', 41, 'seed §3.1, inventory item cost'),
    text('UsrVendor', 'Vendor', 41, 'seed §3.1, inventory item cost'),
    money('UsrUnitCost', 'Unit Cost', 10, 2, 'seed §3.1, inventory item cost'),
  ],
};

const T2 = 'seed §3.1 Table 2';
// The title column Creatio gives every object made in its object designer (code UsrName, Text(250)).
const TITLE = text('UsrName', 'Name', 250, 'the title Creatio gives every new object');
/** Custom objects of Table 2 (and the Transaction object for payment processing), with their key fields. */
export const CUSTOM_OBJECTS: Record<
  string,
  { label: string; option: 'payments' | 'transactions'; fields: FieldSpec[] }
> = {
  UsrPaymentQB: {
    label: 'Payment QB',
    option: 'payments',
    fields: [
      text('UsrPaymentNumber', 'Payment Number (external ID, unique)', 13, `${T2}: receives QuickBooks payments`),
      text('UsrRefNumber', 'Ref Number', 20, T2),
      of('UsrOpportunity', 'Opportunity (lookup)', 'Lookup', T2),
      money('UsrTotalAmount', 'Total Amount', 15, 2, T2),
      of('UsrTransactionDate', 'Transaction Date', 'Date', T2),
      TITLE,
    ],
  },
  UsrCreditMemo: {
    label: 'Credit Memo',
    option: 'payments',
    fields: [
      text('UsrRefNumber', 'Ref Number (external ID, unique)', 11, `${T2}: receives QuickBooks credit memos`),
      money('UsrCreditRemaining', 'Credit Remaining', 10, 2, T2),
      of('UsrOpportunity', 'Opportunity (lookup)', 'Lookup', T2),
      money('UsrTotalAmount', 'Total Amount', 15, 2, T2),
      of('UsrTransactionDate', 'Transaction Date', 'Date', T2),
      TITLE,
    ],
  },
  UsrTransaction: {
    label: 'Transaction',
    option: 'transactions',
    fields: [
      money('UsrAmount', 'Amount', 10, 2, 'seed §3.1, payment processing'),
      of('UsrApprovalStatus', 'Approval Status (picklist)', 'Lookup', 'seed §3.1, payment processing'),
      text('UsrStripeTransactionId', 'Stripe Transaction ID', 50, 'seed §3.1, payment processing'),
      text('UsrAuthorization', 'Authorization', 50, 'seed §3.1, payment processing'),
      of('UsrClient', 'Client (master-detail to Opportunity)', 'Lookup', 'seed §3.1, payment processing'),
      of('UsrDateRan', 'Date Ran', 'Date', 'seed §3.1, payment processing'),
      of('UsrDateReceived', 'Date Received', 'Date', 'seed §3.1, payment processing'),
      of('UsrDateSent', 'Date Sent', 'Date', 'seed §3.1, payment processing'),
      text('UsrDeclinedComments', 'Declined Comments', 255, 'seed §3.1, payment processing'),
      of('UsrDueDateOverride', 'Due Date Override (checkbox)', 'Boolean', 'seed §3.1, payment processing'),
      of('UsrFirstRecurring', 'First Recurring (picklist)', 'Lookup', 'seed §3.1, payment processing'),
      of('UsrPaymentType', 'Payment Type (picklist)', 'Lookup', 'seed §3.1, payment processing'),
      of('UsrRecordType', 'Record Type (picklist)', 'Lookup', 'seed §3.1, payment processing'),
      text('UsrRoutingBank', 'Routing Bank', 80, 'seed §3.1, payment processing'),
      money('UsrTransactionAmount', 'Transaction Amount', 10, 2, 'seed §3.1, payment processing'),
      of('UsrTransactionStatus', 'Transaction Status (picklist)', 'Lookup', 'seed §3.1, payment processing'),
      of('UsrTransactionType', 'Transaction Type (picklist)', 'Lookup', 'seed §3.1, payment processing'),
      TITLE,
    ],
  },
};

/** `Text(210)`, `Currency(9,2)`, `Date/Time` — as the seed writes types. */
export function describeKind(s: FieldSpec): string {
  switch (s.kind) {
    case 'Text':
      return `Text(${s.length})`;
    case 'Currency':
      return `Currency(${s.precision},${s.scale})`;
    case 'DateTime':
      return 'Date/Time';
    case 'Lookup':
      return 'Lookup';
    case 'Any':
      return 'any type';
    default:
      return s.kind;
  }
}
