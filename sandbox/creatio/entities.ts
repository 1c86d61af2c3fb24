// The simulated Creatio schema, as data: one row per entity, one entry per column.
// Adding an entity = adding one object here; tables, $metadata, $filter paths,
// validation and serialisation all read this table.
//
// Names follow the OData 4 wire names of a real instance (external-apis.md A4):
// a lookup column is stored and written as its flat FK name (`CityId`), while
// the navigation property used in $filter/$expand is the name without `Id`
// (`City`). Owner/CreatedBy/ModifiedBy point to Contact, not to users.
import { date, decimal, flag, integer, lookup, text, type ColumnDef, type EntityDef } from './columns';
import { APGL_ENTITIES } from './entities-apgl';
import { AGING_COLUMNS, FINANCE_ENTITIES } from './entities-finance';
import { ITEM_TYPE_COLUMNS } from './entities-items';
import { ITEMS_DESKTOP_ENTITIES } from './entities-items-desktop';
import { OPTION_COLUMNS, OPTION_ENTITIES } from './entities-options';
import { CONTACT_PEOPLE, OPPORTUNITY_PURCHASING, PEOPLE_ENTITIES } from './entities-people-purchasing';

export type { ColumnDef, ColumnType, EntityDef } from './columns';

/** Columns every Creatio entity has (A4). */
const COMMON: ColumnDef[] = [
  { name: 'Id', type: 'Guid' },
  date('CreatedOn'),
  lookup('CreatedBy', 'Contact'),
  date('ModifiedOn'),
  lookup('ModifiedBy', 'Contact'),
  integer('ProcessListeners'),
];

const DEFS: EntityDef[] = [
  {
    name: 'Account',
    columns: [
      text('Name', 250),
      text('Code', 50),
      lookup('Owner', 'Contact'),
      // Customer, supplier, partner… (A4: `TypeId` → AccountType); vendor flows pick their accounts by it.
      lookup('Type', 'AccountType'),
      text('Phone', 250),
      text('AdditionalPhone', 250),
      text('Fax', 250),
      text('Web', 250),
      text('Address', 500),
      lookup('City', 'City'),
      lookup('Country', 'Country'),
      text('Zip', 50),
      lookup('PrimaryContact', 'Contact'),
      lookup('Parent', 'Account'),
      text('AlternativeName', 250),
      text('Notes'),
      // Custom columns required by the integration (seed §3.1): prefix `Usr` (A4).
      text('UsrQBFullName', 210),
      date('UsrQBLastModified'),
      lookup('UsrActive', 'UsrActiveStatus'),
      ...AGING_COLUMNS,
    ],
  },
  {
    name: 'Contact',
    columns: [
      text('Name', 250),
      text('GivenName', 250),
      text('Surname', 250),
      text('MiddleName', 250),
      lookup('Account', 'Account'),
      text('Email', 250),
      text('Phone', 250),
      text('MobilePhone', 250),
      text('JobTitle', 250),
      lookup('Owner', 'Contact'),
      text('Address', 500),
      lookup('City', 'City'),
      lookup('Country', 'Country'),
      text('Zip', 50),
      text('Notes'),
      ...CONTACT_PEOPLE,
    ],
  },
  { name: 'City', columns: [text('Name', 250), lookup('Country', 'Country'), text('Description', 250)] },
  { name: 'Country', columns: [text('Name', 250), text('Code', 50), text('Description', 250)] },
  { name: 'AccountType', columns: [text('Name', 250), text('Description', 250)] },
  // The "Active" picklist of seed §3.1, modelled as a custom lookup with rows Yes / No.
  { name: 'UsrActiveStatus', columns: [text('Name', 250), text('Description', 250)] },
  {
    name: 'OpportunityStage',
    columns: [text('Name', 250), integer('Number'), flag('End')],
  },
  {
    name: 'Opportunity',
    // Opportunity has `Title`, not `Name` (pitfall 2).
    columns: [
      text('Title', 250),
      lookup('Account', 'Account'),
      lookup('Contact', 'Contact'),
      lookup('Owner', 'Contact'),
      lookup('Stage', 'OpportunityStage'),
      decimal('Amount'),
      integer('Probability'),
      date('DueDate'),
      date('UsrQBLastModified'),
      text('Description'),
      text('Notes'),
      // Seed §3.1 (optional): "Invoice Number", a unique Text(11) holding the QuickBooks transaction number.
      text('UsrInvoiceNumber', 11),
      ...OPPORTUNITY_PURCHASING,
    ],
  },
  {
    name: 'Product',
    columns: [
      text('Name', 250),
      text('Code', 50),
      decimal('Price'),
      flag('IsArchive'),
      text('Description'),
      text('URL', 250),
      lookup('Owner', 'Contact'),
      date('UsrQBLastModified'),
      text('Notes'),
    ],
  },
  {
    name: 'OpportunityProduct',
    columns: [
      lookup('Opportunity', 'Opportunity'),
      lookup('Product', 'Product'),
      decimal('Quantity'),
      decimal('Price'),
      decimal('Amount'),
      text('Notes'),
    ],
  },
  // Orders and invoices with their product details (A4), for order- and invoice-based flows.
  {
    name: 'Order',
    columns: [
      text('Number', 250),
      date('Date'),
      lookup('Account', 'Account'),
      lookup('Contact', 'Contact'),
      lookup('Owner', 'Contact'),
      lookup('Opportunity', 'Opportunity'),
      decimal('Amount'),
      decimal('AmountWithoutTax'),
      decimal('TaxAmount'),
      decimal('PaymentAmount'),
      date('DueDate'),
      date('ActualDate'),
      text('DeliveryAddress', 500),
      text('Comment'),
      text('Notes'),
    ],
  },
  {
    name: 'OrderProduct',
    columns: [
      lookup('Order', 'Order'),
      lookup('Product', 'Product'),
      text('Name', 250),
      decimal('Quantity'),
      decimal('Price'),
      decimal('Amount'),
      decimal('DiscountPercent'),
      decimal('TaxAmount'),
      decimal('TotalAmount'),
      date('DeliveryDate'),
      text('Notes'),
    ],
  },
  {
    name: 'Invoice',
    columns: [
      text('Number', 250),
      date('StartDate'),
      date('DueDate'),
      lookup('Account', 'Account'),
      lookup('Contact', 'Contact'),
      lookup('Owner', 'Contact'),
      lookup('Order', 'Order'),
      lookup('Opportunity', 'Opportunity'),
      decimal('Amount'),
      decimal('AmountWithoutTax'),
      decimal('TaxAmount'),
      decimal('PaymentAmount'),
      text('Notes'),
    ],
  },
  {
    name: 'InvoiceProduct',
    columns: [
      lookup('Invoice', 'Invoice'),
      lookup('Product', 'Product'),
      lookup('OrderProduct', 'OrderProduct'),
      text('Name', 250),
      decimal('Quantity'),
      decimal('Price'),
      decimal('Amount'),
      decimal('DiscountPercent'),
      decimal('TaxAmount'),
      decimal('TotalAmount'),
      text('Notes'),
    ],
  },
  ...FINANCE_ENTITIES,
  // Custom objects of the accounting templates (chart of accounts, deposits, journals, vendor credits, time).
  ...APGL_ENTITIES,
  ...PEOPLE_ENTITIES,
  ...ITEMS_DESKTOP_ENTITIES,
];

export const ENTITIES: ReadonlyMap<string, EntityDef> = new Map(
  [...DEFS, ...OPTION_ENTITIES].map((d) => [
    d.name,
    {
      name: d.name,
      columns: [...COMMON, ...d.columns, ...(ITEM_TYPE_COLUMNS[d.name] ?? []), ...(OPTION_COLUMNS[d.name] ?? [])],
    },
  ]),
);

export function entityDef(name: string): EntityDef | undefined {
  return ENTITIES.get(name);
}

export function column(entity: EntityDef, name: string): ColumnDef | undefined {
  return entity.columns.find((c) => c.name === name);
}

/** Navigation property name of a lookup column: `CityId` → `City`. */
export function navName(col: ColumnDef): string {
  return col.name.slice(0, -2);
}

/** The lookup column behind a navigation property name, if any. */
export function navColumn(entity: EntityDef, nav: string): ColumnDef | undefined {
  return entity.columns.find((c) => c.type === 'Lookup' && navName(c) === nav);
}

/**
 * A detail collection seen from its master: `OpportunityProductCollectionByOpportunity`
 * on Opportunity lists the OpportunityProduct rows whose `OpportunityId` points at it.
 * Real Creatio generates one such property per lookup that targets the entity, named
 * `{Detail}CollectionBy{Lookup}` (the generated Terrasoft.Configuration.OData classes).
 */
export interface CollectionNav {
  name: string;
  detail: EntityDef;
  /** The detail's lookup column pointing back at the master (`OpportunityId`). */
  column: ColumnDef;
}

export function collectionNavs(master: EntityDef): CollectionNav[] {
  const out: CollectionNav[] = [];
  for (const detail of ENTITIES.values()) {
    for (const col of detail.columns) {
      if (col.type === 'Lookup' && col.ref === master.name)
        out.push({ name: `${detail.name}CollectionBy${navName(col)}`, detail, column: col });
    }
  }
  return out;
}

export function collectionNav(master: EntityDef, name: string): CollectionNav | undefined {
  const m = /^([A-Za-z_]\w*?)CollectionBy([A-Za-z_]\w*)$/.exec(name);
  if (!m) return undefined;
  const detail = ENTITIES.get(m[1]);
  const col = detail && navColumn(detail, m[2]);
  return detail && col && col.ref === master.name ? { name, detail, column: col } : undefined;
}

/** The CLR type name Creatio puts in its error messages (A9). */
export function clrTypeName(entity: string): string {
  return `Terrasoft.Configuration.OData.${entity}`;
}

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
