// The source node as the engine calls it: open → read pages → watermark → next run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount } from '../../sandbox/demo-data';
import { startCreatioSandbox, type CreatioSandbox } from '../../sandbox/creatio/index';
import type { FlowRecord, NodeContext, SourcePage } from '../define-node';
import { CreatioClient } from './creatio-client';
import { creatioSource } from './creatio-source.node';

let sb: CreatioSandbox;
beforeAll(async () => {
  sb = await startCreatioSandbox({ seed: { accounts: 45 } });
});
afterAll(() => sb.close());

function context(settings: Record<string, unknown>): NodeContext {
  return {
    runId: 'run-1',
    flowId: 'flow-1',
    nodeId: 'read-accounts',
    signal: new AbortController().signal,
    log: { info() {}, warn() {}, error() {} },
    now: () => new Date(),
    connection: async (id) => ({
      id,
      kind: 'creatio',
      name: 'Creatio sandbox',
      settings,
      saveSettings: async () => {},
    }),
    xref: { lookup: async () => new Map(), bind: async () => {}, sourcesOf: async () => new Map() },
    setStatus() {},
    effectKey: (r) => r.key,
  };
}

async function run(config: unknown, watermark: string | null, settings?: Record<string, unknown>) {
  const ctx = context(settings ?? { baseUrl: sb.baseUrl, username: sb.username, password: sb.password });
  const c = creatioSource.config.parse({ connection: 'creatio-test', ...(config as object) });
  const state = await creatioSource.open!(ctx, c);
  const pages: SourcePage[] = [];
  for await (const p of creatioSource.read(ctx, c, state, watermark)) pages.push(p);
  return { pages, records: pages.flatMap((p) => p.records), last: pages.at(-1)?.watermark ?? watermark };
}

describe('creatio.source', () => {
  it('has defaults that parse once a connection is chosen, and an output typed by the chosen object', () => {
    // No connection is assumed: shipped code knows none by id (the demo's sandboxes are not the product's).
    expect(creatioSource.config.safeParse(creatioSource.defaults).error?.issues[0].message).toMatch(
      /Choose the Creatio connection/,
    );
    const c = creatioSource.config.parse({ ...creatioSource.defaults, connection: 'acme-crm' });
    expect(c).toMatchObject({ connection: 'acme-crm', entity: 'Account', incremental: 'ModifiedOn', pageSize: 200 });
    const type = creatioSource.outputs[0].recordType as (c: unknown) => string;
    expect(type({ ...c, entity: 'Contact' })).toBe('creatio.Contact');
    expect(creatioSource.config.safeParse({ pageSize: 5000 }).success).toBe(false);
  });

  it('reads all accounts as records, then only what changed on the next run', async () => {
    const first = await run({ pageSize: 10, expand: 'UsrActive($select=Name)' }, null);
    expect(first.pages.map((p) => p.records.length)).toEqual([10, 10, 10, 10, 5]);
    const r: FlowRecord = first.records[0];
    expect(r.key).toBe(r.data.Id);
    expect(r.meta.source).toEqual({
      node: 'read-accounts',
      system: 'creatio',
      entity: 'Account',
      modifiedOn: r.data.ModifiedOn,
      connection: 'creatio-test',
    });
    expect((r.data.UsrActive as { Name: string }).Name).toMatch(/^(Yes|No)$/);
    expect(first.last).toBe(`${first.records[44].data.ModifiedOn}|${first.records[44].key}`);

    expect((await run({ pageSize: 10 }, first.last)).records).toEqual([]);
    const c = new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password });
    await c.update('Account', first.records[3].key, { Phone: '+1 555 7777' });
    const second = await run({ pageSize: 10 }, first.last);
    expect(second.records.map((x) => x.data.Phone)).toEqual(['+1 555 7777']);
  });

  it("applies the analyst's filter and field list", async () => {
    const { records } = await run({ filter: "UsrActive/Name eq 'No'", select: ['Name'] }, null);
    const inactive = Array.from({ length: 45 }, (_, i) => demoAccount(i)).filter((a) => !a.active);
    expect(records.map((r) => r.data.Name).sort()).toEqual(inactive.map((a) => a.name).sort());
    expect(Object.keys(records[0].data).sort()).toEqual(['Id', 'ModifiedOn', 'Name']);
  });

  it('reads everything every run when no changed-since field is set', async () => {
    const { records, last } = await run({ incremental: '', pageSize: 20 }, null);
    expect(records.length).toBe(45);
    expect(last).toBeNull();
  });

  it('explains an unusable connection in plain words', async () => {
    await expect(run({}, null, { baseUrl: 'not a url' })).rejects.toThrow(
      /Connection 'Creatio sandbox' is not a usable Creatio connection/,
    );
  });
});
