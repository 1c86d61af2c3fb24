// The fields of QuickBooks Online entities as Intuit's API reference lists them
// (developer.intuit.com › API reference › Accounting › <entity>, "Attributes"): which
// fields a request may carry, their length limits, the members of aggregates
// (addresses, phone numbers, references by `.value`), the fields QuickBooks computes
// (read-only), and, for the mapping editor, each field's kind and whether Intuit requires it.
//
// Why here, in wire/: the connector lists these fields to the analyst
// (nodes/quickbooks/online/qbo-fields.ts) and the sandbox checks requests against
// them (sandbox/quickbooks-online/entities.ts); they were two copies. What QuickBooks
// answers (error codes, filters of its query language) stays the sandbox's own.

export interface QboFieldSpec {
  /** Read-only: computed by QuickBooks, never taken from a request. */
  ro?: boolean;
  /** Max length of a string field (Intuit answers 2050 when exceeded). */
  max?: number;
  /** Max lengths of the string members of an aggregate (BillAddr.Line1 …); `{}` is a reference (`.value`). */
  sub?: Record<string, number>;
  /** The value's kind when not text (the mapping editor shows it; `list` fields are lines or structures). */
  kind?: 'number' | 'date' | 'boolean' | 'list';
  /** Intuit refuses the entity without it. */
  required?: boolean;
}

export type QboFields = Record<string, QboFieldSpec>;

export const ADDR: Record<string, number> = {
  Line1: 500,
  Line2: 500,
  Line3: 500,
  Line4: 500,
  Line5: 500,
  City: 255,
  CountrySubDivisionCode: 255,
  PostalCode: 30,
  Country: 255,
  Lat: 255,
  Long: 255,
};
/** A reference to another entity: written as `{ "value": "<Id>" }`. */
export const REF: Record<string, number> = {};
const BOOL: QboFieldSpec = { kind: 'boolean' };
const NUMBER: QboFieldSpec = { kind: 'number' };
const DATE: QboFieldSpec = { kind: 'date' };
const LIST: QboFieldSpec = { kind: 'list' };

export const COMMON_RO: QboFields = {
  Id: { ro: true },
  SyncToken: { ro: true },
  MetaData: { ro: true },
  domain: { ro: true },
  sparse: { ro: true },
};

/** Customer, Vendor, Employee: Intuit requires a DisplayName or one of the name parts; Weft binds by DisplayName. */
export const PARTY_FIELDS: QboFields = {
  ...COMMON_RO,
  DisplayName: { max: 500, required: true },
  Title: { max: 16 },
  GivenName: { max: 100 },
  MiddleName: { max: 100 },
  FamilyName: { max: 100 },
  Suffix: { max: 16 },
  CompanyName: { max: 100 },
  PrintOnCheckName: { max: 110 },
  FullyQualifiedName: { ro: true },
  PrimaryEmailAddr: { sub: { Address: 100 } },
  PrimaryPhone: { sub: { FreeFormNumber: 30 } },
  Mobile: { sub: { FreeFormNumber: 30 } },
  Fax: { sub: { FreeFormNumber: 30 } },
  AlternatePhone: { sub: { FreeFormNumber: 30 } },
  WebAddr: { sub: { URI: 1000 } },
  BillAddr: { sub: ADDR },
  Notes: { max: 2000 },
  Active: BOOL,
  Balance: { ro: true },
  CurrencyRef: { sub: REF },
  V4IDPseudonym: { ro: true },
};

export const CUSTOMER_FIELDS: QboFields = {
  ...PARTY_FIELDS,
  ShipAddr: { sub: ADDR },
  ParentRef: { sub: REF },
  Job: BOOL,
  BillWithParent: BOOL,
  Level: { ro: true },
  BalanceWithJobs: { ro: true },
  Taxable: BOOL,
  PreferredDeliveryMethod: {},
  SalesTermRef: { sub: REF },
  PaymentMethodRef: { sub: REF },
  ResaleNum: { max: 16 },
  IsProject: { ro: true },
};

export const VENDOR_FIELDS: QboFields = {
  ...PARTY_FIELDS,
  AcctNum: { max: 100 },
  TermRef: { sub: REF },
  Vendor1099: BOOL,
  TaxIdentifier: { max: 20 },
};

export const EMPLOYEE_FIELDS: QboFields = {
  ...PARTY_FIELDS,
  EmployeeNumber: { max: 100 },
  HiredDate: DATE,
  PrimaryAddr: { sub: ADDR },
};

export const ITEM_FIELDS: QboFields = {
  ...COMMON_RO,
  Name: { max: 100, required: true },
  Sku: { max: 100 },
  Description: { max: 4000 },
  PurchaseDesc: { max: 1000 },
  Type: {},
  Active: BOOL,
  UnitPrice: NUMBER,
  PurchaseCost: NUMBER,
  Taxable: BOOL,
  IncomeAccountRef: { sub: REF },
  ExpenseAccountRef: { sub: REF },
  AssetAccountRef: { sub: REF },
  TrackQtyOnHand: BOOL,
  QtyOnHand: NUMBER,
  InvStartDate: DATE,
  FullyQualifiedName: { ro: true },
  ParentRef: { sub: REF },
  SubItem: BOOL,
  Level: { ro: true },
  ItemGroupDetail: LIST,
  PrintGroupedItems: BOOL,
};

/** Sales forms (Invoice, SalesReceipt, Estimate, CreditMemo). */
export const LINE_TXN: QboFields = {
  ...COMMON_RO,
  CustomerRef: { sub: REF, required: true },
  Line: { ...LIST, required: true },
  TxnDate: DATE,
  DueDate: DATE,
  DocNumber: { max: 21 },
  PrivateNote: { max: 4000 },
  CustomerMemo: { sub: { value: 1000 } },
  BillEmail: { sub: { Address: 100 } },
  BillAddr: { sub: ADDR },
  ShipAddr: { sub: ADDR },
  CurrencyRef: { sub: REF },
  ExchangeRate: NUMBER,
  CustomField: LIST,
  SalesTermRef: { sub: REF },
  TotalAmt: { ro: true },
  Balance: { ro: true },
  LinkedTxn: { ro: true },
  HomeTotalAmt: { ro: true },
  EmailStatus: {},
  PrintStatus: {},
};

/** What every transaction has; TotalAmt is computed from the lines. */
export const TXN: QboFields = {
  ...COMMON_RO,
  Line: LIST,
  TxnDate: DATE,
  DocNumber: { max: 21 },
  PrivateNote: { max: 4000 },
  CurrencyRef: { sub: REF },
  ExchangeRate: NUMBER,
  TotalAmt: { ro: true },
  HomeTotalAmt: { ro: true },
  LinkedTxn: { ro: true },
  DepartmentRef: { sub: REF },
  TxnSource: {},
};

export const VENDOR_TXN: QboFields = {
  ...TXN,
  Line: { ...LIST, required: true },
  VendorRef: { sub: REF, required: true },
  APAccountRef: { sub: REF },
};

export const PAYMENT_FIELDS: QboFields = {
  ...COMMON_RO,
  CustomerRef: { sub: REF, required: true },
  TotalAmt: { ...NUMBER, required: true },
  Line: LIST,
  TxnDate: DATE,
  UnappliedAmt: { ro: true },
  PaymentRefNum: { max: 21 },
  DepositToAccountRef: { sub: REF },
  PaymentMethodRef: { sub: REF },
  PrivateNote: { max: 4000 },
  CurrencyRef: { sub: REF },
  ExchangeRate: NUMBER,
  ProcessPayment: BOOL,
  HomeTotalAmt: { ro: true },
  DocNumber: { max: 21 },
};

export const BILL_FIELDS: QboFields = {
  ...VENDOR_TXN,
  DueDate: DATE,
  SalesTermRef: { sub: REF },
  Balance: { ro: true },
  VendorAddr: { sub: ADDR },
};

export const INVOICE_FIELDS: QboFields = {
  ...LINE_TXN,
  AllowOnlineCreditCardPayment: BOOL,
  AllowOnlineACHPayment: BOOL,
  ApplyTaxAfterDiscount: BOOL,
};

export const SALES_RECEIPT_FIELDS: QboFields = {
  ...LINE_TXN,
  DepositToAccountRef: { sub: REF },
  PaymentMethodRef: { sub: REF },
  PaymentRefNum: { max: 21 },
  ApplyTaxAfterDiscount: BOOL,
};

export const ESTIMATE_FIELDS: QboFields = {
  ...LINE_TXN,
  TxnStatus: {},
  ExpirationDate: DATE,
  AcceptedBy: { max: 100 },
  AcceptedDate: DATE,
  ApplyTaxAfterDiscount: BOOL,
};

export const CREDIT_MEMO_FIELDS: QboFields = {
  ...LINE_TXN,
  RemainingCredit: { ro: true },
  ApplyTaxAfterDiscount: BOOL,
};

export const VENDOR_CREDIT_FIELDS: QboFields = { ...VENDOR_TXN, Balance: { ro: true } };

export const PURCHASE_ORDER_FIELDS: QboFields = {
  ...VENDOR_TXN,
  DueDate: DATE,
  ShipAddr: { sub: ADDR },
  VendorAddr: { sub: ADDR },
  POEmail: { sub: { Address: 100 } },
  POStatus: {},
  Memo: { max: 4000 },
  ShipMethodRef: { sub: REF },
};

/** The entities whose fields both the connector lists and the sandbox checks, by entity name. */
export const QBO_ENTITY_FIELDS: Record<string, QboFields> = {
  Customer: CUSTOMER_FIELDS,
  Vendor: VENDOR_FIELDS,
  Employee: EMPLOYEE_FIELDS,
  Item: ITEM_FIELDS,
  Invoice: INVOICE_FIELDS,
  SalesReceipt: SALES_RECEIPT_FIELDS,
  Estimate: ESTIMATE_FIELDS,
  CreditMemo: CREDIT_MEMO_FIELDS,
  Payment: PAYMENT_FIELDS,
  Bill: BILL_FIELDS,
  PurchaseOrder: PURCHASE_ORDER_FIELDS,
  VendorCredit: VENDOR_CREDIT_FIELDS,
};
