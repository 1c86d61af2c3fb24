// The Creatio binding node with a batch, against the simulator over HTTP; and the
// detail-collection $expand that the opportunities template reads its lines with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  opportunityLines,
  seededAccountId,
  startCreatioSandbox,
  type CreatioSandbox,
} from '../../sandbox/creatio/index';
import { demoAccount, DUPLICATE_INDEX } from '../../sandbox/demo-data';
import type { FlowRecord } from '../define-node';
import { memoryContext } from '../testing/memory-node-context';
import { creatioBinding } from './creatio-binding.node';
import { CreatioClient } from './creatio-client';

let sb: CreatioSandbox;
beforeAll(async () => {
  sb = await startCreatioSandbox({ seed: { accounts: 30 } });
});
afterAll(() => sb.close());

const customer = (key: string, data: Record<string, unknown>): FlowRecord => ({
  key,
  data,
  meta: { source: { node: 'customers', system: 'quickbooks-online', entity: 'Customer', connection: 'qbo' } },
});

describe('creatio.binding', () => {
  it('binds by the cross-reference, then by each match rule in order, and fails an ambiguous match alone', async () => {
    const ctx = memoryContext({
      crm: { kind: 'creatio', settings: { baseUrl: sb.baseUrl, username: sb.username, password: sb.password } },
    });
    await ctx.xref.bind({ connection: 'crm', entity: 'Account', sourceConnection: 'qbo', sourceEntity: 'Customer' }, [
      { sourceKey: '7', targetId: seededAccountId(5) },
    ]);
    const client = new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password });
    await client.update('Account', seededAccountId(2), { UsrQBFullName: 'Parent:Renamed <Co>' });
    const c = creatioBinding.config.parse({
      connection: 'crm',
      match: [
        { creatioField: 'UsrQBFullName', sourceField: 'FullyQualifiedName' },
        { creatioField: 'Name', sourceField: 'DisplayName' },
      ],
    });
    const out = await creatioBinding.process(ctx, c, await creatioBinding.open!(ctx, c), [
      customer('7', { DisplayName: 'whatever' }),
      customer('8', { DisplayName: 'Renamed <Co>', FullyQualifiedName: 'Parent:Renamed <Co>' }),
      customer('9', { DisplayName: demoAccount(0).name.toUpperCase(), FullyQualifiedName: 'x' }),
      customer('10', { DisplayName: 'Brand new & "fresh"' }),
      customer('11', { DisplayName: demoAccount(DUPLICATE_INDEX).name }),
    ]);
    expect(
      out.map((r) => [r.outcome, r.record.meta.binding?.targetId ?? null, r.record.meta.binding?.matchedBy ?? null]),
    ).toEqual([
      ['passed', seededAccountId(5), 'cross-reference'],
      ['passed', seededAccountId(2), 'match-rule'],
      ['passed', seededAccountId(0), 'match-rule'],
      ['passed', null, 'none'],
      ['failed', null, null],
    ]);
    expect(out[4].failure).toMatchObject({
      code: 'weft.binding.duplicate-target',
      field: 'Name',
      action: expect.stringMatching(/Merge the duplicates in Creatio/),
    });
  });

  it('skips what the permitted operations do not allow, saying why', async () => {
    const ctx = memoryContext({
      crm: { kind: 'creatio', settings: { baseUrl: sb.baseUrl, username: sb.username, password: sb.password } },
    });
    const c = creatioBinding.config.parse({ connection: 'crm', operations: 'update-only' });
    const [r] = await creatioBinding.process(ctx, c, await creatioBinding.open!(ctx, c), [
      customer('1', { DisplayName: 'Nobody here' }),
    ]);
    expect(r).toMatchObject({ outcome: 'skipped', failure: { code: 'weft.binding.update-only' } });
  });
});

describe('detail collections ($expand=OpportunityProductCollectionByOpportunity)', () => {
  it('reads each opportunity with its product lines, ordered, selected and expanded', async () => {
    const client = new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password });
    const [opp] = (
      await client.list('Opportunity', {
        select: ['Id', 'Title'],
        filter: `Account/Id eq ${seededAccountId(21)}`,
        expand:
          'OpportunityProductCollectionByOpportunity($select=Quantity,Price;$expand=Product($select=Name);$orderby=CreatedOn,Id)',
      })
    ).value;
    const lines = opp.OpportunityProductCollectionByOpportunity as {
      Quantity: number;
      Price: number;
      Product: { Name: string };
    }[];
    expect(lines.map((l) => [l.Quantity, l.Price])).toEqual(opportunityLines(21).map((l) => [l.quantity, l.price]));
    expect(Object.keys(lines[0])).toEqual(['Quantity', 'Price', 'Product']);
    const meta = await client.metadata();
    expect(meta.find((e) => e.name === 'Opportunity')!.navigations).toContainEqual({
      name: 'OpportunityProductCollectionByOpportunity',
      target: 'OpportunityProduct',
      collection: true,
    });
    await expect(
      client.list('Opportunity', { expand: 'OpportunityProductCollectionByOpportunity($skip=1)' }),
    ).rejects.toThrow(/not supported inside \$expand/);
  });
});
