// Filter tables shared by several entities of the entity table (entities.ts), and the party
// (Customer/Vendor) of transactions. The fields themselves, their limits and the read-only ones,
// are Intuit's facts the connector lists too: wire/qbo-entity-fields.ts, re-exported here.
import type { FilterType } from './entity-types';

export { ADDR, COMMON_RO, LINE_TXN, PARTY_FIELDS, REF, TXN, VENDOR_TXN } from '../../wire/qbo-entity-fields';

export const COMMON_FILTER: Record<string, FilterType> = {
  Id: 'id',
  'MetaData.CreateTime': 'datetime',
  'MetaData.LastUpdatedTime': 'datetime',
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

export const TXN_FILTER: Record<string, FilterType> = {
  ...COMMON_FILTER,
  DocNumber: 'string',
  TxnDate: 'string',
  TotalAmt: 'number',
};
export const CUSTOMER = { field: 'CustomerRef', entity: 'Customer' };
export const VENDOR = { field: 'VendorRef', entity: 'Vendor' };
