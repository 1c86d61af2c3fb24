// Item type and accounts (seed §5.2 "Item Type/Account Mapping"): a Creatio product
// field chooses the QuickBooks Online item type (Inventory, NonInventory or Service),
// other product fields may name the item's income and COGS accounts, and the node
// holds default income, COGS (expense) and asset accounts per item type. Accounts are
// named as in QuickBooks and found by name once per run; their Ids go on the record
// (ItemType, IncomeAccountId, ExpenseAccountId, AssetAccountId; for a new inventory item
// also StartQtyOnHand and InvStartDate) for the mapping. It runs after the binding, which
// tells a new item from an existing one.
//
// Intuit: an Inventory item needs IncomeAccountRef, ExpenseAccountRef (cost of goods
// sold), AssetAccountRef, QtyOnHand and InvStartDate; NonInventory and Service items
// need IncomeAccountRef (developer.intuit.com, API reference, Item: "Create an item").
// QuickBooks Online has no other-charge, discount or group items in this sense (a
// Group is a bundle of other items): only these three types are offered.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../../define-node';
import { asText, fieldPath, readPath } from '../../core/field-path';
import type { QboClient } from './qbo-client';
import { openQboClient } from './qbo-connection';
import { qboLiteral } from './qbo-query';

export const QBO_ITEM_TYPES = ['Inventory', 'NonInventory', 'Service'] as const;
type ItemType = (typeof QBO_ITEM_TYPES)[number];

const field = fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/, 'a field path such as UsrQBItemType, or empty'));
const account = z.string().max(100);

const config = z.strictObject({
  connection: z.string().min(1, 'Choose the QuickBooks Online company (add one under Connections).'),
  /** The product field holding the item type; empty: every item is of the default type. */
  typeField: field.default('UsrQBItemType'),
  defaultType: z.enum(QBO_ITEM_TYPES).default('Service'),
  /** Product fields naming the item's income / COGS account, over the defaults below (empty: not used). */
  incomeAccountField: field.default(''),
  cogsAccountField: field.default(''),
  inventoryIncome: account.default('Sales of Product Income'),
  inventoryCogs: account.default('Cost of Goods Sold'),
  inventoryAsset: account.default('Inventory Asset'),
  nonInventoryIncome: account.default('Sales of Product Income'),
  nonInventoryExpense: account.default(''),
  serviceIncome: account.default('Services'),
});
type Config = z.infer<typeof config>;

interface State {
  client: QboClient;
  /** Account name (lower case) → Id, or null when QuickBooks has none by that name. */
  ids: Map<string, string | null>;
}

/** The type the record asks for, in QuickBooks' spelling ("non-inventory" and "Non Inventory" too); null if unknown. */
export function itemTypeOf(
  c: Pick<Config, 'typeField' | 'defaultType'>,
  data: Record<string, unknown>,
): ItemType | null {
  const asked = c.typeField ? asText(readPath(data, c.typeField)).trim() : '';
  if (!asked) return c.defaultType;
  const key = asked.toLowerCase().replace(/[^a-z]/g, '');
  return QBO_ITEM_TYPES.find((t) => t.toLowerCase() === key) ?? null;
}

/** The account names an item of this type needs: income, expense (COGS) and asset; '' = none. */
function accountsFor(c: Config, t: ItemType, data: Record<string, unknown>) {
  const own = (f: string) => (f ? asText(readPath(data, f)).trim() : '');
  const defaults = {
    Inventory: { income: c.inventoryIncome, expense: c.inventoryCogs, asset: c.inventoryAsset },
    NonInventory: { income: c.nonInventoryIncome, expense: c.nonInventoryExpense, asset: '' },
    Service: { income: c.serviceIncome, expense: '', asset: '' },
  }[t];
  return {
    income: own(c.incomeAccountField) || defaults.income,
    expense: (t === 'Inventory' && own(c.cogsAccountField)) || defaults.expense,
    asset: defaults.asset,
  };
}

async function resolve(state: State, names: string[]): Promise<void> {
  const open = [...new Set(names.filter((n) => n && !state.ids.has(n.toLowerCase())))];
  for (const name of open) {
    const { rows } = await state.client.query(`select * from Account where Name = ${qboLiteral(name)}`);
    state.ids.set(name.toLowerCase(), rows[0] ? String(rows[0].Id) : null);
  }
}

function failed(r: FlowRecord, field: string, message: string, action: string): RecordResult {
  return { record: r, outcome: 'failed', failure: { code: 'weft.item-type', field, message, action } };
}

export const qboItemTypeNode = defineNode<typeof config, State>({
  type: 'quickbooks-online.item-type',
  version: 1,
  title: 'Item type and accounts',
  category: 'mapping',
  description:
    'Chooses the QuickBooks item type from a product field and finds its income, cost of goods sold and asset accounts.',
  inputs: [{ name: 'in', label: 'Products' }],
  outputs: [{ name: 'out', label: 'With type and accounts', recordType: { sameAs: 'in' } }],
  config,
  defaults: {
    connection: '',
    typeField: 'UsrQBItemType',
    defaultType: 'Service',
    incomeAccountField: '',
    cogsAccountField: '',
    inventoryIncome: 'Sales of Product Income',
    inventoryCogs: 'Cost of Goods Sold',
    inventoryAsset: 'Inventory Asset',
    nonInventoryIncome: 'Sales of Product Income',
    nonInventoryExpense: '',
    serviceIncome: 'Services',
  },
  ui: {
    icon: '▦',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company', widget: 'connection', connectionKind: 'quickbooks-online' },
      typeField: {
        label: 'Item type from field',
        help: 'A product field holding Inventory, NonInventory or Service; empty: every item is of the default type.',
      },
      defaultType: {
        label: 'Default item type',
        widget: 'select',
        options: [
          { value: 'Service', label: 'Service' },
          { value: 'NonInventory', label: 'Non-inventory' },
          { value: 'Inventory', label: 'Inventory' },
        ],
        help: 'For products whose type field is empty.',
      },
      incomeAccountField: { label: 'Income account from field', help: 'A product field naming the account; optional.' },
      cogsAccountField: {
        label: 'Cost of goods sold account from field',
        help: 'A product field naming it, for inventory items; optional.',
      },
      inventoryIncome: { label: 'Inventory: income account', help: 'Account names as in QuickBooks.' },
      inventoryCogs: { label: 'Inventory: cost of goods sold account' },
      inventoryAsset: { label: 'Inventory: asset account' },
      nonInventoryIncome: { label: 'Non-inventory: income account' },
      nonInventoryExpense: { label: 'Non-inventory: expense account', help: 'Optional: for items you also buy.' },
      serviceIncome: { label: 'Service: income account' },
    },
    summary: (c) => `Type from ${c.typeField || '(default)'}, default ${c.defaultType}`,
  },
  open: async (ctx, c) => ({ client: (await openQboClient(ctx, c.connection)).client, ids: new Map() }),
  async process(ctx, c, state, batch) {
    const typed = batch.map((r) => ({ r, t: itemTypeOf(c, r.data) }));
    const wanted = typed.flatMap(({ r, t }) => (t ? Object.values(accountsFor(c, t, r.data)) : []));
    await resolve(state, wanted);
    return typed.map(({ r, t }): RecordResult => {
      if (!t)
        return failed(
          r,
          c.typeField,
          `${c.typeField} is "${asText(readPath(r.data, c.typeField))}", which is no QuickBooks Online item type.`,
          'Set it to Inventory, NonInventory or Service (QuickBooks Online has no other-charge, discount or ' +
            'group items), or leave it empty for the default type; then reprocess.',
        );
      const names = accountsFor(c, t, r.data);
      const ids: Record<string, string> = {};
      for (const [role, name] of Object.entries(names)) {
        if (!name) continue;
        const id = state.ids.get(name.toLowerCase());
        if (!id)
          return failed(
            r,
            role === 'income' ? c.incomeAccountField || 'IncomeAccountRef' : 'ExpenseAccountRef',
            `QuickBooks has no account named "${name}" for the ${role} account of this ${t} item.`,
            `Create the account "${name}" in QuickBooks, or name another on the "Item type and accounts" step.`,
          );
        ids[role] = id;
      }
      r.data = {
        ...r.data,
        ItemType: t,
        ...(ids.income ? { IncomeAccountId: ids.income } : {}),
        ...(ids.expense ? { ExpenseAccountId: ids.expense } : {}),
        ...(ids.asset ? { AssetAccountId: ids.asset } : {}),
        // A new inventory item starts with nothing on hand, from today; an existing one keeps its quantity.
        ...(t === 'Inventory' && !r.meta.binding?.targetId
          ? { StartQtyOnHand: 0, InvStartDate: ctx.now().toISOString().slice(0, 10) }
          : {}),
      };
      return { record: r, outcome: 'passed', port: 'out' };
    });
  },
});
