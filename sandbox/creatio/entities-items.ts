// Custom product fields for items of every type (seed §5.2 "Creatio Product fields can be
// mapped to select QB Item Type, Item Account, and Inventory Item COGS Account"), added
// to the sandbox's Product the way a customer adds them in Creatio's object designer.
import { text } from './columns';
import type { ColumnDef } from './columns';

export const ITEM_TYPE_COLUMNS: Record<string, ColumnDef[]> = {
  Product: [
    /** Inventory / NonInventory / Service (Online); Desktop adds OtherCharge, Discount, Group. */
    text('UsrQBItemType', 50),
    text('UsrQBIncomeAccount', 159),
    text('UsrQBCOGSAccount', 159),
  ],
};
