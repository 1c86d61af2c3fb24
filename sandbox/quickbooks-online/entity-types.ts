// The shapes of the entity table (entities.ts): what a field accepts and limits, what a query may filter on.
import type { QboFieldSpec } from '../../wire/qbo-entity-fields';

export type FilterType = 'string' | 'number' | 'boolean' | 'datetime' | 'id' | 'ref';

/** What a field accepts and limits: one table with the connector (wire/qbo-entity-fields.ts). */
export type FieldSpec = QboFieldSpec;

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
