// The name lists of the entity table (entities.ts): Customer, Vendor, Employee, Item, Account.
// Name lists cannot be deleted (make them inactive); their name field is unique in its scope.
import { COMMON_FILTER, COMMON_RO, PARTIES, PARTY_FILTER, REF } from './entity-fields';
import { CUSTOMER_FIELDS, EMPLOYEE_FIELDS, ITEM_FIELDS, VENDOR_FIELDS } from '../../wire/qbo-entity-fields';
import type { EntityDef } from './entity-types';

export const NAME_ENTITIES: Record<string, EntityDef> = {
  Customer: {
    name: 'Customer',
    kind: 'name',
    nameField: 'DisplayName',
    nameScope: PARTIES,
    fields: CUSTOMER_FIELDS,
    filterable: { ...PARTY_FILTER, FullyQualifiedName: 'string', Job: 'boolean', ParentRef: 'ref' },
  },
  Vendor: {
    name: 'Vendor',
    kind: 'name',
    nameField: 'DisplayName',
    nameScope: PARTIES,
    fields: VENDOR_FIELDS,
    filterable: { ...PARTY_FILTER },
  },
  Employee: {
    name: 'Employee',
    kind: 'name',
    nameField: 'DisplayName',
    nameScope: PARTIES,
    fields: EMPLOYEE_FIELDS,
    filterable: { ...PARTY_FILTER },
  },
  Item: {
    name: 'Item',
    kind: 'name',
    nameField: 'Name',
    nameScope: ['Item'],
    fields: ITEM_FIELDS,
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
};
