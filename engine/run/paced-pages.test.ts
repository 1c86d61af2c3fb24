// A run whose sink is rate-limited reads small pages and holds few of them (paced-pages.ts), so a worker running
// many companies' flows at their QuickBooks limits holds seconds of records per run, not thousands; an unpaced
// run reads the pages its source is set to.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, type FlowRecord, type NodeContext } from '../../nodes/define-node';
import { createRegistry } from '../../nodes/registry';
import { validateFlow } from '../../flow/validate-flow';
import { MemoryRecorder } from '../record/memory-recorder';
import { pacedReading } from './paced-pages';
import { runFlow } from './run-flow';
import { QBO_LIMITS } from '../../nodes/quickbooks/online/qbo-governor';
import { qboSinkNode } from '../../nodes/quickbooks/online/qbo-sink.node';

describe('pacedReading', () => {
  it('cuts the page to about 5 s of writing, holds about 15 s of them, and commits about 30 s together', () => {
    // QuickBooks Online at Intuit's limits: 40 batch calls of 30 a minute, 20 records a second.
    expect(pacedReading({ pageSize: 1000, entity: 'Account' }, 20, 8)).toEqual({
      config: { pageSize: 100, entity: 'Account' },
      maxInFlight: 3,
      unitPages: 6,
    });
    // Never smaller than 50 records, and never fewer than 2 pages held.
    expect(pacedReading({ pageSize: 1000 }, 1, 8)).toEqual({ config: { pageSize: 50 }, maxInFlight: 2, unitPages: 1 });
  });

  it('leaves an unpaced run, a fast target and a source without a page size as they are', () => {
    const asIs = { maxInFlight: 8, unitPages: 1 };
    expect(pacedReading({ pageSize: 1000 }, null, 8)).toEqual({ config: { pageSize: 1000 }, ...asIs });
    expect(pacedReading({ pageSize: 1000 }, 1e9, 8)).toEqual({ config: { pageSize: 1000 }, ...asIs });
    expect(pacedReading({ entity: 'Item' }, 20, 8)).toEqual({ config: { entity: 'Item' }, ...asIs });
  });
});

/** A source of `total` records in pages of its `pageSize`, and a sink that writes a page in 2 ms. */
function nodes(total: number, pace: number | undefined) {
  const seen = { pageSizes: new Set<number>(), read: 0, written: 0, mostHeld: 0 };
  const source = defineNode({
    type: 'test.paged',
    version: 1,
    title: 'Paged',
    category: 'source',
    description: '',
    inputs: [],
    outputs: [{ name: 'out', label: 'Records' }],
    config: z.strictObject({ pageSize: z.number().default(1000) }),
    defaults: { pageSize: 1000 },
    ui: { icon: 'p', color: '#000' },
    async *read(ctx, c) {
      seen.pageSizes.add(c.pageSize);
      for (let i = 0; i < total; i += c.pageSize) {
        const records: FlowRecord[] = [];
        for (let k = i; k < Math.min(total, i + c.pageSize); k++)
          records.push({
            key: `r-${k}`,
            data: { k },
            meta: { source: { node: ctx.nodeId, system: 't', entity: 'R' } },
          });
        seen.read += records.length;
        seen.mostHeld = Math.max(seen.mostHeld, seen.read - seen.written);
        yield { records, watermark: String(i) };
      }
    },
  });
  const sink = defineNode({
    type: 'test.limited',
    version: 1,
    title: 'Limited',
    category: 'sink',
    description: '',
    inputs: [{ name: 'in', label: 'Records' }],
    outputs: [],
    config: z.strictObject({}),
    defaults: {},
    ui: { icon: 'l', color: '#000' },
    ...(pace ? { pace: () => pace } : {}),
    async process(_ctx, _c, _s, batch) {
      await new Promise((r) => setTimeout(r, 2));
      seen.written += batch.length;
      return batch.map((record) => ({ record, outcome: 'created' as const }));
    },
  });
  return { registry: createRegistry([source, sink]), seen };
}

async function run(total: number, pace?: number) {
  const { registry, seen } = nodes(total, pace);
  const v = validateFlow(
    {
      schema: 'weft.flow/1',
      name: 'paced',
      nodes: [
        { id: 'src', type: 'test.paged', version: 1, position: { x: 0, y: 0 }, config: { pageSize: 1000 } },
        { id: 'sink', type: 'test.limited', version: 1, position: { x: 0, y: 0 }, config: {} },
      ],
      edges: [{ from: 'src:out', to: 'sink:in' }],
    },
    registry,
  );
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  const recorder = new MemoryRecorder();
  const signal = new AbortController().signal;
  const outcome = await runFlow(v.flow, {
    recorder,
    signal,
    watermark: async () => null,
    contextFor: (nodeId) => ({ nodeId, runId: 'r', flowId: 'f', signal }) as unknown as NodeContext,
    retry: { attempts: 0, baseMs: 1, maxMs: 1 },
  });
  return { outcome, seen, written: recorder.nodes.get('sink')! };
}

describe('a run with a rate-limited sink', () => {
  it('reads pages of 5 s of writing, holds at most a few of them, and still writes every record', async () => {
    const paced = await run(10_000, 20);
    expect(paced.outcome.status).toBe('succeeded');
    expect(paced.written.in).toBe(10_000);
    expect([...paced.seen.pageSizes]).toEqual([100]);
    // 3 pages in flight, one read ahead and one being read: 5 pages of 100 at most.
    expect(paced.seen.mostHeld).toBeLessThanOrEqual(500);

    const unpaced = await run(10_000);
    expect(unpaced.written.in).toBe(10_000);
    expect([...unpaced.seen.pageSizes]).toEqual([1000]);
    expect(unpaced.seen.mostHeld).toBeGreaterThan(2_000); // several pages of 1,000
  });
});

describe('the QuickBooks Online sink', () => {
  it("declares the pace of the company's limits: 40 batch calls of 30 a minute are 20 records a second", () => {
    const state = (limits: object) => ({ client: { governor: { limits: { ...QBO_LIMITS, ...limits } } } }) as never;
    const config = (batchSize: number) => ({ batchSize }) as never;
    expect(qboSinkNode.pace!(config(30), state({}))).toBe(20);
    expect(qboSinkNode.pace!(config(10), state({}))).toBeCloseTo(6.67, 2);
    // A connection whose limits Intuit raised (its `limits` setting): the pace follows.
    expect(qboSinkNode.pace!(config(30), state({ batchPerMinute: 120, perMinute: 1000 }))).toBe(60);
  });
});
