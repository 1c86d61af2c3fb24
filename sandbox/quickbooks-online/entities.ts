// The entity table: what each QuickBooks Online entity accepts, limits and lets
// you filter on. Adding an entity is one entry in name-entities.ts or
// txn-entities.ts (plus rules in entity-rules.ts when it has business logic);
// they are assembled here, in this order (the order of `Object.values(ENTITIES)`).
// Shared field tables are in entity-fields.ts, the types in entity-types.ts.
// Limits follow Intuit's API reference (Customer DisplayName 500, CompanyName 100, Notes 2000, …).
import { COMMON_FILTER, COMMON_RO } from './entity-fields';
import type { EntityDef } from './entity-types';
import { NAME_ENTITIES } from './name-entities';
import { TXN_ENTITIES } from './txn-entities';

export const ENTITIES: Record<string, EntityDef> = {
  ...NAME_ENTITIES,
  ...TXN_ENTITIES,
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
