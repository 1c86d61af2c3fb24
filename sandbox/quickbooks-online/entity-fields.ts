// Field and filter tables shared by several entities of the entity table (entities.ts): addresses,
// the read-only metadata every entity has, the party (Customer/Vendor/Employee) fields, and the
// fields every transaction has. Limits follow Intuit's API reference.
import type { FieldSpec, FilterType } from './entity-types';

export const ADDR = {
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
export const REF = {};
export const COMMON_RO: Record<string, FieldSpec> = {
  Id: { ro: true },
  SyncToken: { ro: true },
  MetaData: { ro: true },
  domain: { ro: true },
  sparse: { ro: true },
};
export const COMMON_FILTER: Record<string, FilterType> = {
  Id: 'id',
  'MetaData.CreateTime': 'datetime',
  'MetaData.LastUpdatedTime': 'datetime',
};

export const PARTY_FIELDS: Record<string, FieldSpec> = {
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

export const PARTY_FILTER: Record<string, FilterType> = {
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

export const PARTIES = ['Customer', 'Vendor', 'Employee'];

export const LINE_TXN: Record<string, FieldSpec> = {
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
export const TXN: Record<string, FieldSpec> = {
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
export const TXN_FILTER: Record<string, FilterType> = {
  ...COMMON_FILTER,
  DocNumber: 'string',
  TxnDate: 'string',
  TotalAmt: 'number',
};
export const CUSTOMER = { field: 'CustomerRef', entity: 'Customer' };
export const VENDOR = { field: 'VendorRef', entity: 'Vendor' };
export const VENDOR_TXN: Record<string, FieldSpec> = { ...TXN, VendorRef: { sub: REF }, APAccountRef: { sub: REF } };
