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
  /** Name lists cannot be deleted (make them inactive); transactions can. */
  kind: 'name' | 'txn';
  /** The field that must be unique, and the entities sharing its namespace. */
  nameField?: string;
  nameScope?: string[];
  fields: Record<string, FieldSpec>;
  filterable: Record<string, FilterType>;
  voidable?: boolean;
}

const ADDR = { Line1: 500, Line2: 500, Line3: 500, Line4: 500, Line5: 500, City: 255, CountrySubDivisionCode: 255, PostalCode: 30, Country: 255, Lat: 255, Long: 255 };
const REF = {};
const COMMON_RO: Record<string, FieldSpec> = { Id: { ro: true }, SyncToken: { ro: true }, MetaData: { ro: true }, domain: { ro: true }, sparse: { ro: true } };
const COMMON_FILTER: Record<string, FilterType> = { Id: 'id', 'MetaData.CreateTime': 'datetime', 'MetaData.LastUpdatedTime': 'datetime' };

const PARTY_FIELDS: Record<string, FieldSpec> = {
  ...COMMON_RO,
  DisplayName: { max: 500 }, Title: { max: 16 }, GivenName: { max: 100 }, MiddleName: { max: 100 }, FamilyName: { max: 100 },
  Suffix: { max: 16 }, CompanyName: { max: 100 }, PrintOnCheckName: { max: 110 }, FullyQualifiedName: { ro: true },
  PrimaryEmailAddr: { sub: { Address: 100 } }, PrimaryPhone: { sub: { FreeFormNumber: 30 } }, Mobile: { sub: { FreeFormNumber: 30 } },
  Fax: { sub: { FreeFormNumber: 30 } }, AlternatePhone: { sub: { FreeFormNumber: 30 } }, WebAddr: { sub: { URI: 1000 } },
  BillAddr: { sub: ADDR }, Notes: { max: 2000 }, Active: {}, Balance: { ro: true }, CurrencyRef: { sub: REF }, V4IDPseudonym: { ro: true },
};

const PARTY_FILTER: Record<string, FilterType> = {
  ...COMMON_FILTER, DisplayName: 'string', GivenName: 'string', FamilyName: 'string', MiddleName: 'string', CompanyName: 'string',
  PrimaryEmailAddr: 'string', PrintOnCheckName: 'string', Active: 'boolean', Balance: 'number',
};

const PARTIES = ['Customer', 'Vendor', 'Employee'];

const LINE_TXN: Record<string, FieldSpec> = {
  ...COMMON_RO, CustomerRef: { sub: REF }, Line: {}, TxnDate: {}, DueDate: {}, DocNumber: { max: 21 }, PrivateNote: { max: 4000 },
  CustomerMemo: {}, BillEmail: { sub: { Address: 100 } }, BillAddr: { sub: ADDR }, ShipAddr: { sub: ADDR }, CurrencyRef: { sub: REF },
  ExchangeRate: {}, CustomField: {}, SalesTermRef: { sub: REF }, TotalAmt: { ro: true }, Balance: { ro: true }, LinkedTxn: { ro: true },
  HomeTotalAmt: { ro: true }, EmailStatus: {}, PrintStatus: {},
};

export const ENTITIES: Record<string, EntityDef> = {
  Customer: {
    name: 'Customer', kind: 'name', nameField: 'DisplayName', nameScope: PARTIES,
    fields: {
      ...PARTY_FIELDS, ShipAddr: { sub: ADDR }, ParentRef: { sub: REF }, Job: {}, BillWithParent: {}, Level: { ro: true },
      BalanceWithJobs: { ro: true }, Taxable: {}, PreferredDeliveryMethod: {}, SalesTermRef: { sub: REF }, PaymentMethodRef: { sub: REF },
      ResaleNum: { max: 16 }, IsProject: { ro: true },
    },
    filterable: { ...PARTY_FILTER, FullyQualifiedName: 'string', Job: 'boolean', ParentRef: 'ref' },
  },
  Vendor: {
    name: 'Vendor', kind: 'name', nameField: 'DisplayName', nameScope: PARTIES,
    fields: { ...PARTY_FIELDS, AcctNum: { max: 100 }, TermRef: { sub: REF }, Vendor1099: {}, TaxIdentifier: { max: 20 } },
    filterable: { ...PARTY_FILTER },
  },
  Employee: {
    name: 'Employee', kind: 'name', nameField: 'DisplayName', nameScope: PARTIES,
    fields: { ...PARTY_FIELDS, EmployeeNumber: { max: 100 }, HiredDate: {}, PrimaryAddr: { sub: ADDR } },
    filterable: { ...PARTY_FILTER },
  },
  Item: {
    name: 'Item', kind: 'name', nameField: 'Name', nameScope: ['Item'],
    fields: {
      ...COMMON_RO, Name: { max: 100 }, Sku: { max: 100 }, Description: { max: 4000 }, PurchaseDesc: { max: 1000 }, Type: {}, Active: {},
      UnitPrice: {}, PurchaseCost: {}, Taxable: {}, IncomeAccountRef: { sub: REF }, ExpenseAccountRef: { sub: REF },
      AssetAccountRef: { sub: REF }, TrackQtyOnHand: {}, QtyOnHand: {}, InvStartDate: {}, FullyQualifiedName: { ro: true },
      ParentRef: { sub: REF }, SubItem: {}, Level: { ro: true },
    },
    filterable: { ...COMMON_FILTER, Name: 'string', Sku: 'string', Type: 'string', Active: 'boolean', FullyQualifiedName: 'string', UnitPrice: 'number' },
  },
  Account: {
    name: 'Account', kind: 'name', nameField: 'Name', nameScope: ['Account'],
    fields: {
      ...COMMON_RO, Name: { max: 100 }, AcctNum: { max: 7 }, Description: { max: 100 }, AccountType: {}, AccountSubType: {},
      Classification: { ro: true }, Active: {}, SubAccount: {}, ParentRef: { sub: REF }, CurrencyRef: { sub: REF },
      CurrentBalance: { ro: true }, CurrentBalanceWithSubAccounts: { ro: true }, FullyQualifiedName: { ro: true },
    },
    filterable: { ...COMMON_FILTER, Name: 'string', AccountType: 'string', Classification: 'string', Active: 'boolean', AcctNum: 'string', FullyQualifiedName: 'string' },
  },
  Invoice: {
    name: 'Invoice', kind: 'txn', voidable: true,
    fields: { ...LINE_TXN, AllowOnlineCreditCardPayment: {}, AllowOnlineACHPayment: {}, ApplyTaxAfterDiscount: {} },
    filterable: { ...COMMON_FILTER, DocNumber: 'string', TxnDate: 'string', DueDate: 'string', CustomerRef: 'ref', TotalAmt: 'number', Balance: 'number' },
  },
  Payment: {
    name: 'Payment', kind: 'txn', voidable: true,
    fields: {
      ...COMMON_RO, CustomerRef: { sub: REF }, TotalAmt: {}, Line: {}, TxnDate: {}, UnappliedAmt: { ro: true }, PaymentRefNum: { max: 21 },
      DepositToAccountRef: { sub: REF }, PaymentMethodRef: { sub: REF }, PrivateNote: { max: 4000 }, CurrencyRef: { sub: REF },
      ExchangeRate: {}, ProcessPayment: {},
    },
    filterable: { ...COMMON_FILTER, TxnDate: 'string', CustomerRef: 'ref', TotalAmt: 'number', PaymentRefNum: 'string' },
  },
};

/** Path segment → entity (`customer` → Customer); URIs are case-sensitive, so only lower case. */
export function entityByPath(segment: string): EntityDef | undefined {
  const def = Object.values(ENTITIES).find((e) => e.name.toLowerCase() === segment);
  return def;
}
