// The entity table: what each QuickBooks Online entity accepts, limits and lets
// you filter on. Adding an entity is one entry here (plus rules in
// entity-rules.ts when it has business logic). Limits follow Intuit's API
// reference (Customer DisplayName 500, CompanyName 100, Notes 2000, …).

export type FilterType = 'string' | 'number' | 'boolean' | 'datetime' | 'id' | 'ref';

export interface FieldSpec {
  /** Read-only: computed by QuickBooks, never taken from a request. */
  ro?: boolean;
  /** Max length of a string field (2050 when exceeded). */
  max?: number;
  /** Max lengths of the string members of an aggregate (BillAddr.Line1 …). */
  sub?: Record<string, number>;
}

export interface EntityDef {
  name: string;
  /** Name lists cannot be deleted (make them inactive); transactions can; settings (Preferences) are only read and updated. */
  kind: 'name' | 'txn' | 'settings';
  /** The field that must be unique, and the entities sharing its namespace. */
  nameField?: string;
  nameScope?: string[];
  fields: Record<string, FieldSpec>;
  filterable: Record<string, FilterType>;
  voidable?: boolean;
  /** Sales forms: numbered automatically when DocNumber is left out; unique under CustomTxnNumbers (6140); custom fields. */
  salesForm?: boolean;
  autoNumber?: boolean;
  /** The name whose currency the transaction is in (multicurrency, reference B11). */
  party?: { field: string; entity: string };
}

const ADDR = {
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
const REF = {};
const COMMON_RO: Record<string, FieldSpec> = {
  Id: { ro: true },
  SyncToken: { ro: true },
  MetaData: { ro: true },
  domain: { ro: true },
  sparse: { ro: true },
};
const COMMON_FILTER: Record<string, FilterType> = {
  Id: 'id',
  'MetaData.CreateTime': 'datetime',
  'MetaData.LastUpdatedTime': 'datetime',
};

const PARTY_FIELDS: Record<string, FieldSpec> = {
  ...COMMON_RO,
  DisplayName: { max: 500 },
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
  Active: {},
  Balance: { ro: true },
  CurrencyRef: { sub: REF },
  V4IDPseudonym: { ro: true },
};

const PARTY_FILTER: Record<string, FilterType> = {
  ...COMMON_FILTER,
  DisplayName: 'string',
  GivenName: 'string',
  FamilyName: 'string',
  MiddleName: 'string',
  CompanyName: 'string',
  PrimaryEmailAddr: 'string',
  PrintOnCheckName: 'string',
  Active: 'boolean',
  Balance: 'number',
};

const PARTIES = ['Customer', 'Vendor', 'Employee'];

const LINE_TXN: Record<string, FieldSpec> = {
  ...COMMON_RO,
  CustomerRef: { sub: REF },
  Line: {},
  TxnDate: {},
  DueDate: {},
  DocNumber: { max: 21 },
  PrivateNote: { max: 4000 },
  CustomerMemo: {},
  BillEmail: { sub: { Address: 100 } },
  BillAddr: { sub: ADDR },
  ShipAddr: { sub: ADDR },
  CurrencyRef: { sub: REF },
  ExchangeRate: {},
  CustomField: {},
  SalesTermRef: { sub: REF },
  TotalAmt: { ro: true },
  Balance: { ro: true },
  LinkedTxn: { ro: true },
  HomeTotalAmt: { ro: true },
  EmailStatus: {},
  PrintStatus: {},
};

/** What every transaction has; TotalAmt is computed from the lines. */
const TXN: Record<string, FieldSpec> = {
  ...COMMON_RO,
  Line: {},
  TxnDate: {},
  DocNumber: { max: 21 },
  PrivateNote: { max: 4000 },
  CurrencyRef: { sub: REF },
  ExchangeRate: {},
  TotalAmt: { ro: true },
  HomeTotalAmt: { ro: true },
  LinkedTxn: { ro: true },
  DepartmentRef: { sub: REF },
  TxnSource: {},
};
const TXN_FILTER: Record<string, FilterType> = {
  ...COMMON_FILTER,
  DocNumber: 'string',
  TxnDate: 'string',
  TotalAmt: 'number',
};
const CUSTOMER = { field: 'CustomerRef', entity: 'Customer' };
const VENDOR = { field: 'VendorRef', entity: 'Vendor' };
const VENDOR_TXN: Record<string, FieldSpec> = { ...TXN, VendorRef: { sub: REF }, APAccountRef: { sub: REF } };

export const ENTITIES: Record<string, EntityDef> = {
  Customer: {
    name: 'Customer',
    kind: 'name',
    nameField: 'DisplayName',
    nameScope: PARTIES,
    fields: {
      ...PARTY_FIELDS,
      ShipAddr: { sub: ADDR },
      ParentRef: { sub: REF },
      Job: {},
      BillWithParent: {},
      Level: { ro: true },
      BalanceWithJobs: { ro: true },
      Taxable: {},
      PreferredDeliveryMethod: {},
      SalesTermRef: { sub: REF },
      PaymentMethodRef: { sub: REF },
      ResaleNum: { max: 16 },
      IsProject: { ro: true },
    },
    filterable: { ...PARTY_FILTER, FullyQualifiedName: 'string', Job: 'boolean', ParentRef: 'ref' },
  },
  Vendor: {
    name: 'Vendor',
    kind: 'name',
    nameField: 'DisplayName',
    nameScope: PARTIES,
    fields: {
      ...PARTY_FIELDS,
      AcctNum: { max: 100 },
      TermRef: { sub: REF },
      Vendor1099: {},
      TaxIdentifier: { max: 20 },
    },
    filterable: { ...PARTY_FILTER },
  },
  Employee: {
    name: 'Employee',
    kind: 'name',
    nameField: 'DisplayName',
    nameScope: PARTIES,
    fields: { ...PARTY_FIELDS, EmployeeNumber: { max: 100 }, HiredDate: {}, PrimaryAddr: { sub: ADDR } },
    filterable: { ...PARTY_FILTER },
  },
  Item: {
    name: 'Item',
    kind: 'name',
    nameField: 'Name',
    nameScope: ['Item'],
    fields: {
      ...COMMON_RO,
      Name: { max: 100 },
      Sku: { max: 100 },
      Description: { max: 4000 },
      PurchaseDesc: { max: 1000 },
      Type: {},
      Active: {},
      UnitPrice: {},
      PurchaseCost: {},
      Taxable: {},
      IncomeAccountRef: { sub: REF },
      ExpenseAccountRef: { sub: REF },
      AssetAccountRef: { sub: REF },
      TrackQtyOnHand: {},
      QtyOnHand: {},
      InvStartDate: {},
      FullyQualifiedName: { ro: true },
      ParentRef: { sub: REF },
      SubItem: {},
      Level: { ro: true },
      ItemGroupDetail: {},
      PrintGroupedItems: {},
    },
    filterable: {
      ...COMMON_FILTER,
      Name: 'string',
      Sku: 'string',
      Type: 'string',
      Active: 'boolean',
      FullyQualifiedName: 'string',
      UnitPrice: 'number',
    },
  },
  Account: {
    name: 'Account',
    kind: 'name',
    nameField: 'Name',
    nameScope: ['Account'],
    fields: {
      ...COMMON_RO,
      Name: { max: 100 },
      AcctNum: { max: 7 },
      Description: { max: 100 },
      AccountType: {},
      AccountSubType: {},
      Classification: { ro: true },
      Active: {},
      SubAccount: {},
      ParentRef: { sub: REF },
      CurrencyRef: { sub: REF },
      CurrentBalance: { ro: true },
      CurrentBalanceWithSubAccounts: { ro: true },
      FullyQualifiedName: { ro: true },
    },
    filterable: {
      ...COMMON_FILTER,
      Name: 'string',
      AccountType: 'string',
      Classification: 'string',
      Active: 'boolean',
      AcctNum: 'string',
      FullyQualifiedName: 'string',
    },
  },
  Invoice: {
    name: 'Invoice',
    kind: 'txn',
    voidable: true,
    salesForm: true,
    autoNumber: true,
    party: CUSTOMER,
    fields: { ...LINE_TXN, AllowOnlineCreditCardPayment: {}, AllowOnlineACHPayment: {}, ApplyTaxAfterDiscount: {} },
    filterable: {
      ...COMMON_FILTER,
      DocNumber: 'string',
      TxnDate: 'string',
      DueDate: 'string',
      CustomerRef: 'ref',
      TotalAmt: 'number',
      Balance: 'number',
    },
  },
  Payment: {
    name: 'Payment',
    kind: 'txn',
    voidable: true,
    party: CUSTOMER,
    fields: {
      ...COMMON_RO,
      CustomerRef: { sub: REF },
      TotalAmt: {},
      Line: {},
      TxnDate: {},
      UnappliedAmt: { ro: true },
      PaymentRefNum: { max: 21 },
      DepositToAccountRef: { sub: REF },
      PaymentMethodRef: { sub: REF },
      PrivateNote: { max: 4000 },
      CurrencyRef: { sub: REF },
      ExchangeRate: {},
      ProcessPayment: {},
      HomeTotalAmt: { ro: true },
      DocNumber: { max: 21 },
    },
    filterable: {
      ...COMMON_FILTER,
      TxnDate: 'string',
      CustomerRef: 'ref',
      TotalAmt: 'number',
      PaymentRefNum: 'string',
    },
  },
  SalesReceipt: {
    name: 'SalesReceipt',
    kind: 'txn',
    voidable: true,
    salesForm: true,
    autoNumber: true,
    party: CUSTOMER,
    fields: {
      ...LINE_TXN,
      DepositToAccountRef: { sub: REF },
      PaymentMethodRef: { sub: REF },
      PaymentRefNum: { max: 21 },
      ApplyTaxAfterDiscount: {},
    },
    filterable: { ...TXN_FILTER, CustomerRef: 'ref' },
  },
  Estimate: {
    name: 'Estimate',
    kind: 'txn',
    salesForm: true,
    autoNumber: true,
    party: CUSTOMER,
    fields: {
      ...LINE_TXN,
      TxnStatus: {},
      ExpirationDate: {},
      AcceptedBy: { max: 100 },
      AcceptedDate: {},
      ApplyTaxAfterDiscount: {},
    },
    filterable: { ...TXN_FILTER, CustomerRef: 'ref', TxnStatus: 'string', ExpirationDate: 'string' },
  },
  CreditMemo: {
    name: 'CreditMemo',
    kind: 'txn',
    salesForm: true,
    autoNumber: true,
    party: CUSTOMER,
    fields: { ...LINE_TXN, RemainingCredit: { ro: true }, ApplyTaxAfterDiscount: {} },
    filterable: { ...TXN_FILTER, CustomerRef: 'ref', RemainingCredit: 'number' },
  },
  Bill: {
    name: 'Bill',
    kind: 'txn',
    party: VENDOR,
    fields: {
      ...VENDOR_TXN,
      DueDate: {},
      SalesTermRef: { sub: REF },
      Balance: { ro: true },
      VendorAddr: { sub: ADDR },
    },
    filterable: { ...TXN_FILTER, VendorRef: 'ref', DueDate: 'string', Balance: 'number' },
  },
  BillPayment: {
    name: 'BillPayment',
    kind: 'txn',
    voidable: true,
    party: VENDOR,
    fields: { ...VENDOR_TXN, TotalAmt: {}, PayType: {}, CheckPayment: {}, CreditCardPayment: {} },
    filterable: { ...TXN_FILTER, VendorRef: 'ref', PayType: 'string' },
  },
  Purchase: {
    name: 'Purchase',
    kind: 'txn',
    fields: {
      ...TXN,
      PaymentType: {},
      AccountRef: { sub: REF },
      EntityRef: { sub: REF },
      Credit: {},
      PrintStatus: {},
      PaymentMethodRef: { sub: REF },
      RemitToAddr: { sub: ADDR },
    },
    filterable: { ...TXN_FILTER, PaymentType: 'string', AccountRef: 'ref', EntityRef: 'ref' },
  },
  Deposit: {
    name: 'Deposit',
    kind: 'txn',
    fields: { ...TXN, DepositToAccountRef: { sub: REF }, CashBack: {} },
    filterable: { ...TXN_FILTER, DepositToAccountRef: 'ref' },
  },
  JournalEntry: {
    name: 'JournalEntry',
    kind: 'txn',
    fields: { ...TXN, Adjustment: {} },
    filterable: { ...TXN_FILTER },
  },
  VendorCredit: {
    name: 'VendorCredit',
    kind: 'txn',
    party: VENDOR,
    fields: { ...VENDOR_TXN, Balance: { ro: true } },
    filterable: { ...TXN_FILTER, VendorRef: 'ref', Balance: 'number' },
  },
  PurchaseOrder: {
    name: 'PurchaseOrder',
    kind: 'txn',
    autoNumber: true,
    party: VENDOR,
    fields: {
      ...VENDOR_TXN,
      DueDate: {},
      ShipAddr: { sub: ADDR },
      VendorAddr: { sub: ADDR },
      POEmail: { sub: { Address: 100 } },
      POStatus: {},
      Memo: { max: 4000 },
      ShipMethodRef: { sub: REF },
    },
    filterable: { ...TXN_FILTER, VendorRef: 'ref', POStatus: 'string' },
  },
  TimeActivity: {
    name: 'TimeActivity',
    kind: 'txn',
    fields: {
      ...COMMON_RO,
      TxnDate: {},
      NameOf: {},
      EmployeeRef: { sub: REF },
      VendorRef: { sub: REF },
      CustomerRef: { sub: REF },
      ItemRef: { sub: REF },
      Hours: {},
      Minutes: {},
      BreakHours: {},
      BreakMinutes: {},
      StartTime: {},
      EndTime: {},
      BillableStatus: {},
      HourlyRate: {},
      CostRate: {},
      Taxable: {},
      Description: { max: 4000 },
      ClassRef: { sub: REF },
      TxnSource: {},
    },
    filterable: {
      ...COMMON_FILTER,
      TxnDate: 'string',
      CustomerRef: 'ref',
      EmployeeRef: 'ref',
      VendorRef: 'ref',
      BillableStatus: 'string',
    },
  },
  Preferences: {
    name: 'Preferences',
    kind: 'settings',
    fields: {
      ...COMMON_RO,
      AccountingInfoPrefs: {},
      ProductAndServicesPrefs: {},
      SalesFormsPrefs: {},
      EmailMessagesPrefs: {},
      VendorAndPurchasesPrefs: {},
      TimeTrackingPrefs: {},
      TaxPrefs: {},
      CurrencyPrefs: {},
      ReportPrefs: {},
      OtherPrefs: {},
    },
    filterable: { ...COMMON_FILTER },
  },
};

/** Path segment → entity (`customer` → Customer); URIs are case-sensitive, so only lower case. */
export function entityByPath(segment: string): EntityDef | undefined {
  const def = Object.values(ENTITIES).find((e) => e.name.toLowerCase() === segment);
  return def;
}
