// The reference lookup with a batch, as the engine calls it, over an in-memory cross-reference.
import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../define-node';
import { memoryContext } from '../testing/memory-node-context';
import { referenceLookupNode } from './reference-lookup.node';

const opp = (key: string, data: Record<string, unknown>): FlowRecord => ({
  key,
  data: { Title: `Deal ${key}`, ...data },
  meta: { source: { node: 'opps', system: 'creatio', entity: 'Opportunity', connection: 'crm' } },
});
const ZERO = '00000000-0000-0000-0000-000000000000';

async function setup() {
  const ctx = memoryContext({});
  await ctx.xref.bind({ connection: 'qbo', entity: 'Customer', sourceConnection: 'crm', sourceEntity: 'Account' }, [
    { sourceKey: 'acc-1', targetId: '58' },
  ]);
  return ctx;
}

describe('core.reference-lookup', () => {
  it('puts the bound counterpart id in the record, and fails an unbound one alone saying which flow to run', async () => {
    const ctx = await setup();
    const c = referenceLookupNode.config.parse({
      targetConnection: 'qbo',
      into: 'CustomerId',
      bindingFlow: 'Creatio accounts → QuickBooks customers',
    });
    const [ok, missing, empty] = await referenceLookupNode.process(ctx, c, undefined, [
      opp('o1', { AccountId: 'acc-1' }),
      opp('o2', { AccountId: 'acc-2' }),
      opp('o3', { AccountId: ZERO }),
    ]);
    expect(ok).toMatchObject({
      outcome: 'passed',
      port: 'out',
      record: { data: { AccountId: 'acc-1', CustomerId: '58' } },
    });
    expect(missing.outcome).toBe('failed');
    expect(missing.failure).toEqual({
      code: 'weft.reference.unbound',
      field: 'AccountId',
      message: 'Opportunity "Deal o2": its Account acc-2 is not linked to a Customer in qbo yet.',
      action:
        'Run the "Creatio accounts → QuickBooks customers" flow first (or bind that Account to its Customer by hand), then reprocess this record.',
    });
    expect(empty).toMatchObject({ outcome: 'passed', record: { data: { AccountId: ZERO } } });
    expect(empty.record.data.CustomerId).toBeUndefined();
  });

  it('can require the lookup, go on without an unbound one, and work inside each line', async () => {
    const ctx = await setup();
    const strict = referenceLookupNode.config.parse({ targetConnection: 'qbo', whenEmpty: 'fail' });
    const [r] = await referenceLookupNode.process(ctx, strict, undefined, [opp('o3', { AccountId: ZERO })]);
    expect(r.failure).toMatchObject({
      code: 'weft.reference.empty',
      action: 'Fill in AccountId in the source, then reprocess this record.',
    });

    const lenient = referenceLookupNode.config.parse({
      targetConnection: 'qbo',
      whenUnbound: 'leave-empty',
      collection: 'Lines',
      field: 'AccountId',
      into: 'Q.Id',
    });
    const input = opp('o4', { Lines: [{ AccountId: 'acc-1' }, { AccountId: 'acc-9' }] });
    const [l] = await referenceLookupNode.process(ctx, lenient, undefined, [input]);
    expect(l.record.data.Lines).toEqual([{ AccountId: 'acc-1', Q: { Id: '58' } }, { AccountId: 'acc-9' }]);
    expect(input.data.Lines).toEqual([{ AccountId: 'acc-1' }, { AccountId: 'acc-9' }]); // the input batch is not changed
  });

  it("follows links made the other way (a Desktop invoice's customer → the account it was created from), and refuses an ambiguous one", async () => {
    const ctx = memoryContext({});
    // Made by "Creatio accounts → QuickBooks Desktop customers": Creatio Account id → Desktop customer ListID.
    await ctx.xref.bind({ connection: 'qbd', entity: 'Customer', sourceConnection: 'crm', sourceEntity: 'Account' }, [
      { sourceKey: 'acc-1', targetId: '80000001-1' },
      { sourceKey: 'acc-2', targetId: '80000002-1' },
      { sourceKey: 'acc-3', targetId: '80000002-1' },
    ]);
    const inv = (key: string, ref: string, listId: string, name: string): FlowRecord => ({
      key,
      data: { RefNumber: ref, CustomerRef: { ListID: listId, FullName: name } },
      meta: { source: { node: 'inv', system: 'quickbooks-desktop', entity: 'Invoice', connection: 'qbd' } },
    });
    const c = referenceLookupNode.config.parse({
      field: 'CustomerRef.ListID',
      sourceEntity: 'Customer',
      targetConnection: 'crm',
      targetEntity: 'Account',
      into: 'AccountId',
      nameField: 'CustomerRef.FullName',
      unboundAction: 'Run the accounts flow first.',
    });
    const [ok, twice, none] = await referenceLookupNode.process(ctx, c, undefined, [
      inv('t1', '1001', '80000001-1', 'Smith & Sons'),
      inv('t2', '1002', '80000002-1', 'Twins'),
      inv('t3', '1003', '80000009-1', 'Walk-in'),
    ]);
    expect(ok).toMatchObject({ outcome: 'passed', record: { data: { AccountId: 'acc-1' } } });
    expect(twice.failure).toMatchObject({
      code: 'weft.reference.ambiguous',
      message:
        'Invoice "1002": its Customer "Twins" (80000002-1) is linked to 2 Account records in crm (acc-2, acc-3); Weft cannot tell which one is meant.',
    });
    expect(none.failure).toEqual({
      code: 'weft.reference.unbound',
      field: 'CustomerRef.ListID',
      message: 'Invoice "1003": its Customer "Walk-in" (80000009-1) is not linked to an Account in crm yet.',
      action: 'Run the accounts flow first.',
    });
  });
});
