// The components of a group product (seed §5.2 item types; QuickBooks Desktop ItemGroup): Creatio has no
// standard object for what a product is made of, so a customer adds this detail to the product page in the
// object designer, one row per component product with its quantity. The by-type products template turns a
// product whose UsrQBItemType is "Group" into a QuickBooks group item of these components.
import type { EntityDef } from './columns';

export const ITEMS_DESKTOP_ENTITIES: EntityDef[] = [
  {
    name: 'UsrProductComponent',
    columns: [
      // The group product, and the product it holds (each must be an item in QuickBooks before the group).
      { name: 'ProductId', type: 'Lookup', ref: 'Product' },
      { name: 'ComponentId', type: 'Lookup', ref: 'Product' },
      { name: 'Quantity', type: 'Decimal' },
    ],
  },
];
