// The sink node with a batch, as the engine calls it, against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededAccountId, startCreatioSandbox, type CreatioSandbox } from '../../sandbox/creatio/index';
import type { Acknowledged, EffectLedger, FlowRecord, NodeContext } from '../define-node';
import { CreatioClient } from './creatio-client';
import { creatioSink, writableFields } from './creatio-sink.node';

let sb: CreatioSandbox;
beforeAll(async () => {
  sb = await startCreatioSandbox({ seed: { accounts: 10 } });
});
afterAll(() => sb.close());

const ctx = (): NodeContext => ({
  runId: 'r',
  flowId: 'f',
  nodeId: 'write-accounts',
  signal: new AbortController().signal,
  log: { info() {}, warn() {}, error() {} },
  now: () => new Date(),
  connection: async (id) => ({
    id,
    kind: 'creatio',
    name: 'sandbox',
    settings: { baseUrl: sb.baseUrl, username: sb.username, password: sb.password },
    saveSettings: async () => {},
  }),
  xref: { lookup: async () => new Map(), bind: async () => {}, sourcesOf: async () => new Map() },
  setStatus() {},
  effectKey: (r) => r.key,
});

const rec = (key: string, data: Record<string, unknown>, targetId: string | null = null): FlowRecord => ({
  key,
  data,
  meta: {
    source: { node: 'qb', system: 'quickbooks-online', entity: 'Customer' },
    binding: { system: 'creatio', entity: 'Account', targetId, matchedBy: targetId ? 'cross-reference' : 'none' },
  },
});

describe('creatio.sink', () => {
  it('creates unbound records, updates bound ones, and fails a bad one alone with its reason', async () => {
    const c = creatioSink.config.parse({ connection: 'creatio-test' });
    const client = await creatioSink.open!(ctx(), c);
    const existing = seededAccountId(2);
    const results = await creatioSink.process(ctx(), c, client, [
      rec('qb-1', { Name: 'New From QuickBooks & Co', Phone: '+1 555 1111' }),
      rec('qb-2', { Name: 'Renamed <Ltd>' }, existing),
      rec('qb-3', { Name: 'Too long', UsrQBFullName: 'x'.repeat(300) }),
      rec('qb-4', { Name: 'Gone' }, '11111111-2222-4333-8444-555555555555'),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'updated', 'failed', 'failed']);
    const api = new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password });
    const createdId = results[0].record.meta.binding!.targetId!;
    expect((await api.get('Account', createdId)).Name).toBe('New From QuickBooks & Co');
    expect((await api.get('Account', existing)).Name).toBe('Renamed <Ltd>');
    expect(results[2].failure).toMatchObject({ field: 'UsrQBFullName', connection: false });
    expect(results[2].failure!.message).toMatch(
      /^Could not create Account 'Too long': A value is too long for field 'UsrQBFullName'/,
    );
    expect(results[3].failure!.action).toMatch(/linked Creatio record was deleted/);
  });

  it('skips a record deleted in QuickBooks with a plain reason, and still writes the rest of the batch', async () => {
    const c = creatioSink.config.parse({ connection: 'creatio-test' });
    const client = await creatioSink.open!(ctx(), c);
    const gone: FlowRecord = {
      key: '42',
      data: { Id: '42' },
      meta: {
        source: {
          node: 'qb',
          system: 'quickbooks-online',
          entity: 'Customer',
          modifiedOn: '2026-11-20T10:00:00-08:00',
        },
        deleted: true,
      },
    };
    const results = await creatioSink.process(ctx(), c, client, [gone, rec('qb-90', { Name: 'Still Here Ltd' })]);
    expect(results.map((r) => [r.record.key, r.outcome])).toEqual([
      ['42', 'skipped'],
      ['qb-90', 'created'],
    ]);
    expect(results[0].failure!.message).toBe(
      'Skipped Customer 42: deleted in QuickBooks Online on 2026-11-20; Weft does not delete Creatio records — mark it inactive by hand or map the deletion.',
    );
  });

  it('sending the same creates again (answer lost) does not make copies', async () => {
    const c = creatioSink.config.parse({ connection: 'creatio-test' });
    const client = await creatioSink.open!(ctx(), c);
    const batch = [rec('qb-77', { Name: 'Once Only Traders' }), rec('qb-78', { Name: 'Once Only Two' })];
    const first = await creatioSink.process(ctx(), c, client, batch);
    const second = await creatioSink.process(ctx(), c, client, batch);
    expect(second.map((r) => r.outcome)).toEqual(['created', 'created']);
    expect(second.map((r) => r.record.meta.binding?.targetId)).toEqual(
      first.map((r) => r.record.meta.binding?.targetId),
    );
    const api = new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password });
    expect(await api.count('Account', "startswith(Name,'Once Only')")).toBe(2);
  });

  it('a page replayed after a crash sends nothing Creatio acknowledged, and counts it as done', async () => {
    const acks = new Map<string, Acknowledged>();
    const effects: EffectLedger = {
      acknowledged: async (keys) => new Map(keys.filter((k) => acks.has(k)).map((k) => [k, acks.get(k)!])),
      acknowledge: async (list) => void list.forEach(({ writeKey, ...a }) => acks.set(writeKey, a)),
    };
    const c = creatioSink.config.parse({ connection: 'creatio-test' });
    const client = await creatioSink.open!(ctx(), c);
    const [made] = await creatioSink.process({ ...ctx(), effects }, c, client, [
      rec('qb-acked', { Name: 'Acked Before The Crash' }),
    ]);
    expect(made.outcome).toBe('created');
    const api = new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password });
    const id = made.record.meta.binding!.targetId!;
    const before = (await api.get('Account', id)).ModifiedOn;
    await new Promise((r) => setTimeout(r, 1100)); // a write now would show a later ModifiedOn
    // Replayed bound (the cross-reference was saved before the crash): no PATCH goes out.
    const [again] = await creatioSink.process({ ...ctx(), effects }, c, client, [
      rec('qb-acked', { Name: 'Acked Before The Crash' }, id),
    ]);
    expect([again.outcome, again.record.meta.binding!.targetId]).toEqual(['updated', id]);
    expect((await api.get('Account', id)).ModifiedOn).toBe(before);
  });

  it('never sends system columns or expanded lookups back', () => {
    expect(
      writableFields({
        Id: 'x',
        Name: 'A',
        ModifiedOn: 't',
        UsrActive: { Name: 'Yes' },
        UsrActiveId: 'g',
        '@odata.etag': 'e',
      }),
    ).toEqual({ Name: 'A', UsrActiveId: 'g' });
  });
});
