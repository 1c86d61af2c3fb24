// Seed §5.2 "Product Name to Item Name/SKU, or Product Code to Item SKU/Name": the Online binding tries a second
// QuickBooks field when the first finds nothing, against the QuickBooks Online sandbox (real HTTP, query language).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowRecord, RecordResult } from '../../define-node';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { rig, type Rig } from '../../testing/qbo-sandbox';
import { qboBindingNode } from './qbo-binding.node';

let q: Rig;
let ctx: MemoryContext;
const ids: Record<string, string> = {};

const product = (key: string, Name: string, Code: string): FlowRecord => ({
  key,
  data: { Name, Code },
  meta: { source: { node: 'products', system: 'creatio', entity: 'Product', connection: 'crm' } },
});

async function bind(config: Record<string, unknown>, batch: FlowRecord[]): Promise<RecordResult[]> {
  const c = qboBindingNode.config.parse({ connection: 'qbo', entity: 'Item', matchTargetField: 'Name', ...config });
  return qboBindingNode.process(ctx, c, await qboBindingNode.open!(ctx, c), batch);
}

beforeEach(async () => {
  q = await rig({ seed: { accounts: 0 } });
  const s = q.sandbox;
  ctx = memoryContext({
    qbo: {
      kind: 'quickbooks-online',
      settings: {
        baseUrl: s.baseUrl,
        tokenUrl: s.tokenUrl,
        realmId: s.realmId,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
        refreshToken: s.refreshToken,
      },
    },
  });
  const [income] = (await q.client.query("select * from Account where AccountType = 'Income'")).rows;
  const add = async (Name: string, Sku: string) =>
    (ids[Name] = String(
      (await q.client.create('Item', { Name, Sku, Type: 'Service', IncomeAccountRef: { value: income.Id } })).Id,
    ));
  await add('Audit', 'P-100');
  await add('Setup fee', 'P-200');
});
afterEach(() => q.sandbox.close());

describe('quickbooks-online.binding falling back to a second field', () => {
  it('binds Name to Item Name, then to SKU when no item has the name; neither: created', async () => {
    const batch = [product('p1', 'Audit', 'X'), product('p2', 'p-200', 'Y'), product('p3', 'Training', 'Z')];
    const out = await bind({ matchSourceField: 'Name', fallbackTargetField: 'Sku' }, batch);
    expect(out.map((r) => r.outcome)).toEqual(['passed', 'passed', 'passed']);
    expect(out.map((r) => r.record.meta.binding?.targetId ?? null)).toEqual([ids.Audit, ids['Setup fee'], null]);
    // Without the fallback the product named like a SKU finds nothing and would be created as a new item.
    const [alone] = await bind({ matchSourceField: 'Name' }, [product('p4', 'P-200', 'Y')]);
    expect(alone.record.meta.binding).toMatchObject({ matchedBy: 'none', targetId: null });
  });

  it('binds Code to Item SKU, then to Name; the summary says both fields', async () => {
    const config = { matchSourceField: 'Code', matchTargetField: 'Sku', fallbackTargetField: 'Name' };
    const out = await bind(config, [product('p1', 'Anything', 'P-100'), product('p2', 'Other', 'Setup Fee')]);
    expect(out.map((r) => r.record.meta.binding?.targetId)).toEqual([ids.Audit, ids['Setup fee']]);
    expect(
      qboBindingNode.ui.summary!(qboBindingNode.config.parse({ connection: 'qbo', entity: 'Item', ...config })),
    ).toBe('Item: Code = Sku or Name, create and update');
  });
});
