import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, type FlowRecord, type NodeContext } from '../../nodes/define-node';
import { filterNode } from '../../nodes/core/filter.node.ts';
import { mappingNode } from '../../nodes/core/mapping.node.ts';
import { createRegistry } from '../../nodes/registry';
import type { FlowDocumentInput } from '../../flow/flow-document';
import { validateFlow } from '../../flow/validate-flow';
import { MemoryRecorder } from '../record/memory-recorder';
import { runFlow } from './run-flow';

// A source of N numbered accounts in pages, resuming after a watermark, and a sink
// that "writes" into an array and fails on demand — enough to watch the engine.
function makeNodes(opts: { total: number; pageSize: number; failKeys?: Set<string>; connectionDownAt?: string }) {
  const written: string[] = [];
  let pagesRead = 0;
  const source = defineNode({
    type: 'test.accounts',
    version: 1,
    title: 'Accounts',
    category: 'source',
    description: '',
    inputs: [],
    outputs: [{ name: 'out', label: 'Accounts', recordType: 'creatio.Account' }],
    config: z.strictObject({}),
    defaults: {},
    ui: { icon: 'a', color: '#000' },
    async *read(ctx, _c, _s, watermark) {
      for (let i = watermark ? Number(watermark) + 1 : 0; i < opts.total; i += opts.pageSize) {
        const records: FlowRecord[] = [];
        for (let k = i; k < Math.min(i + opts.pageSize, opts.total); k++) {
          records.push({
            key: `acc-${k}`,
            data: { Name: `Account ${k}`, Active: k % 4 === 3 ? 'No' : 'Yes' },
            meta: { source: { node: ctx.nodeId, system: 'creatio', entity: 'Account' } },
          });
        }
        pagesRead++;
        yield { records, watermark: String(Math.min(i + opts.pageSize, opts.total) - 1) };
      }
    },
  });
  const sink = defineNode({
    type: 'test.customers',
    version: 1,
    title: 'Customers',
    category: 'sink',
    description: '',
    inputs: [{ name: 'in', label: 'Customers', recordType: 'quickbooks-online.Customer' }],
    outputs: [],
    config: z.strictObject({}),
    defaults: {},
    ui: { icon: 'c', color: '#000' },
    async process(_ctx, _c, _s, batch) {
      if (opts.connectionDownAt && batch.some((r) => r.key === opts.connectionDownAt)) {
        throw Object.assign(new Error('QuickBooks could not be reached'), { kind: 'network' });
      }
      return batch.map((record) => {
        if (opts.failKeys?.has(record.key))
          return {
            record,
            outcome: 'failed' as const,
            failure: { code: 'qbo.6240', message: `Customer "${record.data.DisplayName}" already exists.` },
          };
        written.push(record.data.DisplayName as string);
        return { record, outcome: 'created' as const };
      });
    },
  });
  return { registry: createRegistry([source, sink, filterNode, mappingNode]), written, pagesRead: () => pagesRead };
}

const doc: FlowDocumentInput = {
  schema: 'weft.flow/1',
  name: 'test',
  nodes: [
    { id: 'accounts', type: 'test.accounts', version: 1, position: { x: 0, y: 0 }, config: {} },
    {
      id: 'active',
      type: 'core.filter',
      version: 1,
      position: { x: 0, y: 0 },
      config: { rules: [{ field: 'Active', op: 'equals', value: 'Yes' }] },
    },
    {
      id: 'map',
      type: 'core.mapping',
      version: 1,
      position: { x: 0, y: 0 },
      config: {
        targetType: 'quickbooks-online.Customer',
        mappings: [{ target: 'DisplayName', source: 'Name', required: true }],
      },
    },
    { id: 'customers', type: 'test.customers', version: 1, position: { x: 0, y: 0 }, config: {} },
  ],
  edges: [
    { from: 'accounts:out', to: 'active:in' },
    { from: 'active:out', to: 'map:in' },
    { from: 'map:out', to: 'customers:in' },
  ],
};

async function run(
  nodes: ReturnType<typeof makeNodes>,
  startAt: string | null = null,
  signal = new AbortController().signal,
) {
  const v = validateFlow(doc, nodes.registry);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  const recorder = new MemoryRecorder();
  const outcome = await runFlow(v.flow, {
    recorder,
    signal,
    watermark: async () => startAt,
    contextFor: (nodeId) => ({ nodeId, runId: 'r', flowId: 'f', signal }) as unknown as NodeContext,
    retry: { attempts: 2, baseMs: 5, maxMs: 10 },
  });
  return { outcome, recorder, count: (id: string) => recorder.nodes.get(id)! };
}

describe('runFlow', () => {
  it("leaves a node's remark on it when the run ends: a mapped field empty on every record", async () => {
    const nodes = makeNodes({ total: 40, pageSize: 10 });
    const mapping = doc.nodes.find((n) => n.id === 'map')!;
    const withEmail = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n === mapping
          ? {
              ...n,
              config: {
                ...n.config,
                mappings: [
                  ...(n.config as { mappings: object[] }).mappings,
                  { target: 'PrimaryEmailAddr.Address', source: 'Email' },
                ],
              },
            }
          : n,
      ),
    };
    const v = validateFlow(withEmail, nodes.registry);
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    const recorder = new MemoryRecorder();
    const signal = new AbortController().signal;
    await runFlow(v.flow, {
      recorder,
      signal,
      watermark: async () => null,
      contextFor: (nodeId) => ({ nodeId, runId: 'r', flowId: 'f', signal }) as unknown as NodeContext,
      retry: { attempts: 2, baseMs: 5, maxMs: 10 },
    });
    expect(recorder.nodes.get('map')).toMatchObject({
      state: 'done',
      status:
        'PrimaryEmailAddr.Address was empty on all 30 records of this run — check the source field in the mapping.',
    });
    expect(recorder.nodes.get('active')!.status).toBeNull();
  });

  it('streams every page through the graph and counts each node', async () => {
    const nodes = makeNodes({ total: 1000, pageSize: 100 });
    const { outcome, count, recorder } = await run(nodes);
    expect(outcome.status).toBe('succeeded');
    expect(count('accounts')).toMatchObject({ in: 1000, out: 1000 });
    expect(count('active')).toMatchObject({ in: 1000, out: 750, filtered: 250 });
    expect(count('customers')).toMatchObject({ in: 750, created: 750, failed: 0 });
    expect(nodes.written).toHaveLength(750);
    expect(new Set(nodes.written).size).toBe(750);
    expect(recorder.watermarks.get('accounts')).toBe('999');
  });

  it('fails a bad record alone and keeps going', async () => {
    const nodes = makeNodes({ total: 300, pageSize: 100, failKeys: new Set(['acc-5', 'acc-205']) });
    const { outcome, count, recorder } = await run(nodes);
    expect(outcome.status).toBe('completed-with-errors');
    expect(count('customers')).toMatchObject({ created: 223, failed: 2 });
    expect(recorder.failures.map((f) => f.recordKey)).toEqual(['acc-5', 'acc-205']);
    expect(recorder.failures[0].failure.message).toBe('Customer "Account 5" already exists.');
    expect(recorder.watermarks.get('accounts')).toBe('299');
  });

  it('resumes after the watermark without reading earlier records again', async () => {
    const nodes = makeNodes({ total: 300, pageSize: 100 });
    const { count } = await run(nodes, '199');
    expect(count('accounts').in).toBe(100);
    expect(nodes.written[0]).toBe('Account 200');
  });

  it('on a connection failure stops and keeps the watermark before the unwritten page', async () => {
    const nodes = makeNodes({ total: 500, pageSize: 100, connectionDownAt: 'acc-250' });
    const { outcome, recorder } = await run(nodes);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toContain('QuickBooks could not be reached');
    // Pages 0-99 and 100-199 were written; 200-299 was not, so the next run starts at 200.
    expect(recorder.watermarks.get('accounts')).toBe('199');
    expect(nodes.pagesRead()).toBeLessThanOrEqual(5);
  });

  it('stops at a page boundary when an operator stops the run', async () => {
    const nodes = makeNodes({ total: 10_000, pageSize: 100 });
    const stop = new AbortController();
    const v = validateFlow(doc, nodes.registry);
    if (!v.ok) throw new Error('invalid');
    const recorder = new MemoryRecorder();
    const origBatch = recorder.batch.bind(recorder);
    recorder.batch = async (r) => {
      await origBatch(r);
      if (r.nodeId === 'customers' && recorder.nodes.get('customers')!.in >= 300) stop.abort();
    };
    const outcome = await runFlow(v.flow, {
      recorder,
      signal: stop.signal,
      watermark: async () => null,
      contextFor: () => ({}) as NodeContext,
    });
    expect(outcome.status).toBe('stopped');
    const wm = Number(recorder.watermarks.get('accounts'));
    // Everything up to the watermark was written, nothing after it.
    expect(nodes.written).toHaveLength(Math.floor(((wm + 1) * 3) / 4));
    expect(wm).toBeLessThan(9999);
  });
});
