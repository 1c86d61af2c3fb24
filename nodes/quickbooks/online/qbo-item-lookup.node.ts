// Items for lines: finds the QuickBooks Online Item for each product line of a
// record (an opportunity's products) — first through the cross-reference (product
// Id ↔ item Id, so a renamed product stays bound), then by name (seed §5.2 "binding
// between Creatio Products and QuickBooks Items … Product Name to Item Name") — and,
// when the permitted operations allow it, creates the missing ones as Service or
// Non-inventory items. The item's Id is written into each line for the mapping.
// A line that cannot get an item fails its record alone, with the product named.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordFailure, type RecordResult, type XrefTarget } from '../../define-node';
import { asText, fieldPath, objectsAt, readPath, recordLabel, writePath } from '../../core/field-path';
import type { QboClient } from './qbo-client';
import { openQboClient } from './qbo-connection';
import { QboError } from './qbo-error';
import { qboFailure, unexpectedFailure } from './qbo-failure';
import { qboIn, qboLiteral, shortRequestId } from './qbo-query';
import { bindWritten } from '../../core/bind-written';
import { linkedIds } from '../../core/xref-groups';

const path = fieldPath(z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field path such as Product.Name'));

const config = z.strictObject({
  connection: z.string().min(1, 'Choose the QuickBooks Online company (add one under Connections).'),
  /** The record's list of lines, e.g. OpportunityProductCollectionByOpportunity; empty = the record is one product. */
  collection: fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/)).default(''),
  /** Product id in each line (bound to the item in the cross-reference); e.g. ProductId. */
  keyField: path.default('ProductId'),
  /** Product name in each line, compared with the item's Name; e.g. Product.Name. */
  nameField: path.default('Product.Name'),
  sourceEntity: z
    .string()
    .regex(/^[A-Za-z_]\w*$/)
    .default('Product'),
  /** Where the item Id goes in each line, e.g. ItemId. */
  into: path.default('ItemId'),
  /** Seed §5.2 "permitted sync operations" from products to items, as far as finding them goes. */
  operations: z.enum(['find-only', 'find-or-create']).default('find-only'),
  /** Items created for unknown products: their type and income account (by name). */
  createType: z.enum(['Service', 'NonInventory']).default('Service'),
  incomeAccount: z.string().min(1).default('Services'),
  /** Line field used as the new item's sales price, e.g. Price; empty = none. */
  priceField: fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/)).default(''),
  /**
   * A line with no product name: `fail` its record, or `leave` it without an item id. A purchase's expense line (to
   * an account, no item) comes back to Creatio as a product line with no product; it stays QuickBooks' own line.
   */
  withoutProduct: z.enum(['fail', 'leave']).default('fail'),
});
type Config = z.infer<typeof config>;

interface State {
  client: QboClient;
  incomeAccountId?: string;
  byName: Map<string, string>;
}
interface Line {
  record: FlowRecord;
  holder: Record<string, unknown>;
  key: string;
  name: string;
  index: number;
}

const norm = (v: string) => v.trim().toLowerCase();
/** In a dry run, the item id of a line whose item would be created. */
const DRY_RUN_NEW_ITEM = '(new item: dry run)';

const xrefOf = (c: Config, r: FlowRecord): XrefTarget => ({
  connection: c.connection,
  entity: 'Item',
  sourceConnection: r.meta.source.connection ?? r.meta.source.system,
  sourceEntity: c.sourceEntity,
});

async function incomeAccount(c: Config, state: State): Promise<string> {
  if (state.incomeAccountId) return state.incomeAccountId;
  const { rows } = await state.client.query(`select * from Account where Name = ${qboLiteral(c.incomeAccount)}`);
  if (!rows.length)
    throw new QboError({
      status: 400,
      code: 'weft.income-account',
      title: 'Income account not found',
      detail: `No active account named "${c.incomeAccount}" in QuickBooks.`,
      entity: 'Account',
    });
  return (state.incomeAccountId = String(rows[0].Id));
}

/** Creates the missing items, 30 per batch call; answers name → item Id or the reason it could not be made. */
async function createItems(
  c: Config,
  state: State,
  wanted: Map<string, Line>,
): Promise<Map<string, string | RecordFailure>> {
  const out = new Map<string, string | RecordFailure>();
  let accountId: string;
  try {
    accountId = await incomeAccount(c, state);
  } catch (e) {
    const f =
      e instanceof QboError
        ? {
            ...qboFailure(e, 'Item'),
            action: `Create an income account named "${c.incomeAccount}" in QuickBooks, or choose another on this node, then reprocess.`,
          }
        : unexpectedFailure(e);
    for (const n of wanted.keys()) out.set(n, f);
    return out;
  }
  const entries = [...wanted.entries()];
  for (let i = 0; i < entries.length; i += 30) {
    const chunk = entries.slice(i, i + 30);
    const items = chunk.map(([, l], n) => {
      const price = c.priceField ? Number(readPath(l.holder, c.priceField)) : NaN;
      const body = {
        Name: l.name.trim(),
        Type: c.createType,
        IncomeAccountRef: { value: accountId },
        ...(Number.isFinite(price) ? { UnitPrice: price } : {}),
      };
      return { bId: String(n + 1), operation: 'create' as const, entity: 'Item', body };
    });
    // Same names → same requestid: a retry after a lost answer gets the items made the first time.
    const requestId = await shortRequestId(`items|${chunk.map(([n]) => n).join('|')}`, 36);
    try {
      const answers = await state.client.batch(items, { requestId });
      answers.forEach((a, n) => {
        const [name, l] = chunk[n];
        out.set(
          name,
          a.ok && a.object?.Id
            ? String(a.object.Id)
            : qboFailure(
                a.ok
                  ? new QboError({
                      status: 0,
                      code: 'missing',
                      title: 'No item in the answer',
                      detail: '',
                      entity: 'Item',
                    })
                  : a.error,
                'Item',
                l.name,
              ),
        );
      });
    } catch (e) {
      for (const [name, l] of chunk)
        out.set(name, e instanceof QboError ? qboFailure(e, 'Item', l.name) : unexpectedFailure(e));
    }
  }
  return out;
}

export const qboItemLookupNode = defineNode<typeof config, State>({
  type: 'quickbooks-online.item-lookup',
  version: 1,
  title: 'QuickBooks items for lines',
  category: 'binding',
  description:
    'Finds the QuickBooks item for each product line (linked earlier, or by name) and, if allowed, creates the missing ones.',
  inputs: [{ name: 'in', label: 'Records with lines' }],
  outputs: [{ name: 'out', label: 'Lines with items', recordType: { sameAs: 'in' } }],
  config,
  defaults: {
    connection: '',
    collection: '',
    keyField: 'ProductId',
    nameField: 'Product.Name',
    sourceEntity: 'Product',
    into: 'ItemId',
    operations: 'find-only',
    createType: 'Service',
    incomeAccount: 'Services',
    priceField: '',
    withoutProduct: 'fail',
  },
  ui: {
    icon: '▦',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company', widget: 'connection', connectionKind: 'quickbooks-online' },
      collection: {
        label: 'Lines',
        help: "The list of product lines on each record, e.g. the opportunity's products. Leave empty when each record is one product.",
      },
      keyField: { label: 'Product id field', help: 'Keeps the product linked to its item even after a rename.' },
      nameField: {
        label: 'Product name field',
        help: 'Compared with the QuickBooks item name, ignoring case and surrounding spaces.',
      },
      sourceEntity: { label: 'Products are' },
      into: { label: 'Put the item id in', help: 'A new field on each line, to map to ItemRef.' },
      operations: {
        label: 'Permitted operations',
        widget: 'select',
        options: [
          { value: 'find-only', label: 'Find items only (a missing item fails the record)' },
          { value: 'find-or-create', label: 'Find, or create the missing items' },
        ],
      },
      createType: {
        label: 'New items are',
        widget: 'select',
        options: [
          { value: 'Service', label: 'Service' },
          { value: 'NonInventory', label: 'Non-inventory' },
        ],
      },
      incomeAccount: { label: 'Income account of new items', help: 'Its name in QuickBooks, e.g. Services.' },
      priceField: { label: 'Sales price of new items from', help: 'A line field such as Price; leave empty for none.' },
      withoutProduct: {
        label: 'Lines with no product',
        widget: 'select',
        options: [
          { value: 'fail', label: 'Fail the record (name the line)' },
          { value: 'leave', label: "Leave them without an item (a purchase's expense lines, kept by QuickBooks)" },
        ],
      },
    },
    summary: (c) =>
      `${c.nameField} = Item.Name${c.operations === 'find-or-create' ? `, creates ${c.createType} items` : ', finds only'}`,
  },
  open: async (ctx, c) => ({ client: (await openQboClient(ctx, c.connection)).client, byName: new Map() }),
  process: async (ctx, c, state, batch) => {
    const failed = new Map<FlowRecord, RecordFailure>();
    const copies = new Map<FlowRecord, FlowRecord>(batch.map((r) => [r, { ...r, data: structuredClone(r.data) }]));
    const lines: Line[] = [];
    for (const [orig, r] of copies) {
      objectsAt(r.data, c.collection).forEach((holder, index) => {
        const name = asText(readPath(holder, c.nameField));
        if (!name.trim() && c.withoutProduct === 'leave') return;
        if (!name.trim())
          failed.set(orig, {
            code: 'weft.item.no-product',
            field: c.nameField,
            message: `${recordLabel(r)}: line ${index + 1} has no product name.`,
            action: 'Choose a product on that line in the source, then reprocess.',
          });
        else lines.push({ record: orig, holder, key: asText(readPath(holder, c.keyField)), name, index });
      });
    }
    const resolved = new Map<Line, string>();
    // 1. Cross-reference: products bound to items by earlier runs.
    const keyed = lines.filter((l) => l.key);
    const linked = await linkedIds(
      ctx.xref,
      keyed.map((l) => [xrefOf(c, l.record), l.key] as const),
      false,
    );
    for (const l of keyed) {
      const hit = linked(xrefOf(c, l.record), l.key);
      if (hit) resolved.set(l, hit[0]);
    }
    // 2. By name (inactive items too: using one fails with 610, so say so rather than create a twin).
    const open = lines.filter((l) => !resolved.has(l) && !failed.has(l.record));
    const unknown = [...new Set(open.map((l) => norm(l.name)))].filter((n) => !state.byName.has(n));
    const inactive = new Set<string>();
    try {
      for (let i = 0; i < unknown.length; i += 40) {
        const names = unknown.slice(i, i + 40).map((n) => open.find((l) => norm(l.name) === n)!.name.trim());
        const { rows } = await state.client.query(
          `select * from Item where ${qboIn('Name', names)} AND Active IN (true, false) maxresults 1000`,
        );
        for (const row of rows) {
          if (row.Active === false) inactive.add(norm(String(row.Name)));
          else state.byName.set(norm(String(row.Name)), String(row.Id));
        }
      }
    } catch (e) {
      const f = e instanceof QboError ? qboFailure(e, 'Item') : unexpectedFailure(e);
      for (const l of open) failed.set(l.record, f);
    }
    // 3. Create what is still missing, when permitted.
    const missing = new Map<string, Line>();
    for (const l of open) {
      if (failed.has(l.record)) continue;
      const id = state.byName.get(norm(l.name));
      if (id) resolved.set(l, id);
      else if (inactive.has(norm(l.name)))
        failed.set(l.record, {
          code: 'weft.item.inactive',
          field: c.nameField,
          message: `${recordLabel(l.record)}: the QuickBooks item "${l.name}" (line ${l.index + 1}) is inactive.`,
          action: 'Make the item active in QuickBooks (or pick another product), then reprocess.',
        });
      else if (c.operations === 'find-only')
        failed.set(l.record, {
          code: 'weft.item.missing',
          field: c.nameField,
          message: `${recordLabel(l.record)}: no QuickBooks item is named "${l.name}" (line ${l.index + 1}).`,
          action:
            'Create the item in QuickBooks with exactly this name, or allow this node to create missing items, then reprocess.',
        });
      else if (!missing.has(norm(l.name))) missing.set(norm(l.name), l);
    }
    // A dry run creates no item (issue 14): the line is marked as one that would get a new item.
    const made = !missing.size
      ? new Map<string, string | RecordFailure>()
      : ctx.dryRun
        ? new Map<string, string | RecordFailure>([...missing.keys()].map((n) => [n, DRY_RUN_NEW_ITEM]))
        : await createItems(c, state, missing);
    for (const [n, v] of made) if (typeof v === 'string' && !ctx.dryRun) state.byName.set(n, v);
    for (const l of open) {
      if (resolved.has(l) || failed.has(l.record)) continue;
      const v = made.get(norm(l.name));
      if (typeof v === 'string') resolved.set(l, v);
      else if (v)
        failed.set(l.record, { ...v, message: `${recordLabel(l.record)}, line ${l.index + 1}: ${v.message}` });
    }
    // 4. Remember product ↔ item, then hand the lines on with their item ids.
    await bindWritten(
      ctx,
      [...resolved]
        .filter(([l]) => l.key)
        .map(([l, id]) => ({ target: xrefOf(c, l.record), sourceKey: l.key!, targetId: id })),
    );
    for (const [l, id] of resolved) writePath(l.holder, c.into, id);
    return batch.map((r): RecordResult =>
      failed.has(r)
        ? { record: r, outcome: 'failed', failure: failed.get(r) }
        : { record: copies.get(r)!, outcome: 'passed', port: 'out' },
    );
  },
});
