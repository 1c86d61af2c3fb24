// The reference lookup with a batch, as the engine calls it, over an in-memory cross-reference.
import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../define-node';
import { memoryContext } from '../quickbooks/online/memory-node-context';
import { referenceLookupNode } from './reference-lookup.node';

const opp = (key: string, data: Record<string, unknown>): FlowRecord =>
  ({ key, data: { Title: `Deal ${key}`, ...data }, meta: { source: { node: 'opps', system: 'creatio', entity: 'Opportunity', connection: 'crm' } } });
const ZERO = '00000000-0000-0000-0000-000000000000';

async function setup() {
  const ctx = memoryContext({});
  await ctx.xref.bind({ connection: 'qbo', entity: 'Customer', sourceConnection: 'crm', sourceEntity: 'Account' }, [{ sourceKey: 'acc-1', targetId: '58' }]);
  return ctx;
}

describe('core.reference-lookup', () => {
  it('puts the bound counterpart id in the record, and fails an unbound one alone saying which flow to run', async () => {
    const ctx = await setup();
    const c = referenceLookupNode.config.parse({ targetConnection: 'qbo', into: 'CustomerId', bindingFlow: 'Creatio accounts → QuickBooks customers' });
    const [ok, missing, empty] = await referenceLookupNode.process(ctx, c, undefined, [opp('o1', { AccountId: 'acc-1' }), opp('o2', { AccountId: 'acc-2' }), opp('o3', { AccountId: ZERO })]);
    expect(ok).toMatchObject({ outcome: 'passed', port: 'out', record: { data: { AccountId: 'acc-1', CustomerId: '58' } } });
    expect(missing.outcome).toBe('failed');
    expect(missing.failure).toEqual({
      code: 'weft.reference.unbound', field: 'AccountId',
      message: 'Opportunity "Deal o2": its Account acc-2 is not linked to a Customer in qbo yet.',
      action: 'Run the "Creatio accounts → QuickBooks customers" flow first (or bind that Account to its Customer by hand), then reprocess this record.',
    });
    expect(empty).toMatchObject({ outcome: 'passed', record: { data: { AccountId: ZERO } } });
    expect(empty.record.data.CustomerId).toBeUndefined();
  });

  it('can require the lookup, go on without an unbound one, and work inside each line', async () => {
    const ctx = await setup();
    const strict = referenceLookupNode.config.parse({ targetConnection: 'qbo', whenEmpty: 'fail' });
    const [r] = await referenceLookupNode.process(ctx, strict, undefined, [opp('o3', { AccountId: ZERO })]);
    expect(r.failure).toMatchObject({ code: 'weft.reference.empty', action: 'Fill in AccountId in the source, then reprocess this record.' });

    const lenient = referenceLookupNode.config.parse({ targetConnection: 'qbo', whenUnbound: 'leave-empty', collection: 'Lines', field: 'AccountId', into: 'Q.Id' });
    const input = opp('o4', { Lines: [{ AccountId: 'acc-1' }, { AccountId: 'acc-9' }] });
    const [l] = await referenceLookupNode.process(ctx, lenient, undefined, [input]);
    expect(l.record.data.Lines).toEqual([{ AccountId: 'acc-1', Q: { Id: '58' } }, { AccountId: 'acc-9' }]);
    expect(input.data.Lines).toEqual([{ AccountId: 'acc-1' }, { AccountId: 'acc-9' }]); // the input batch is not changed
  });
});
