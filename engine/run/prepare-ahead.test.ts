import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../../nodes/define-node';
import { createRegistry } from '../../nodes/registry';
import { validateFlow } from '../../flow/validate-flow';
import { NodeLane } from './node-lane';
import { numbersSource, runNoting } from './test-nodes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('NodeLane with prepare', () => {
  it('prepares up to `ahead` pages beyond the one in process, and processes in page order with each page its own result', async () => {
    const lane = new NodeLane(1, 2);
    const log: string[] = [];
    const page = (n: number) =>
      lane.run(
        () => [],
        async (prepared) => {
          log.push(`process ${n} with ${prepared?.ok ? prepared.value : '?'}`);
          await sleep(20);
          log.push(`end ${n}`);
        },
        async () => {
          log.push(`prepare ${n}`);
          await sleep(5);
          return `lookups of ${n}`;
        },
      );
    await Promise.all([1, 2, 3, 4, 5].map(page));
    expect(log.filter((l) => l.startsWith('process'))).toEqual(
      [1, 2, 3, 4, 5].map((n) => `process ${n} with lookups of ${n}`),
    );
    // Pages 2 and 3 are looked up while page 1 is decided; page 4 waits for page 1 to end.
    expect(log.indexOf('prepare 3')).toBeLessThan(log.indexOf('end 1'));
    expect(log.indexOf('prepare 4')).toBeGreaterThan(log.indexOf('end 1'));
    expect(log.indexOf('prepare 5')).toBeGreaterThan(log.indexOf('end 2'));
  });

  it('hands a failed prepare to its page, in its turn', async () => {
    const lane = new NodeLane(1, 1);
    const seen: unknown[] = [];
    await Promise.all([
      lane.run(
        () => [],
        async (p) => {
          await sleep(10);
          seen.push(p);
        },
        async () => {
          throw new Error('down');
        },
      ),
      lane.run(
        () => [],
        async (p) => {
          seen.push(p);
        },
        async () => 'fine',
      ),
    ]);
    expect(seen).toEqual([
      { ok: false, error: new Error('down') },
      { ok: true, value: 'fine' },
    ]);
  });
});

describe('a node with prepare in a run', () => {
  function flowOf(opts: { total: number; pageSize: number; failFirstPrepareAt?: string }) {
    const decided: string[] = [];
    const prepares = { running: 0, most: 0, calls: 0 };
    let failed = false;
    const source = numbersSource(opts);
    // Like a binding: slow lookups (prepare), then an order-dependent decision (process).
    const binder = defineNode<z.ZodObject<Record<string, never>>, { last: number }, Map<string, string>>({
      type: 'test.binder',
      version: 1,
      title: 'Binder',
      category: 'binding',
      description: '',
      inputs: [{ name: 'in', label: 'In' }],
      outputs: [{ name: 'out', label: 'Out' }],
      config: z.strictObject({}),
      defaults: {},
      ui: { icon: 'b', color: '#000' },
      open: async () => ({ last: -1 }),
      prepareAhead: 2,
      async prepare(_ctx, _c, _s, batch) {
        prepares.calls++;
        prepares.most = Math.max(prepares.most, ++prepares.running);
        await sleep(15);
        prepares.running--;
        if (opts.failFirstPrepareAt && !failed && batch.some((r) => r.key === opts.failFirstPrepareAt)) {
          failed = true;
          throw Object.assign(new Error('the lookup could not reach the target'), { kind: 'network' });
        }
        return new Map(batch.map((r) => [r.key, `found ${r.key}`]));
      },
      async process(_ctx, _c, state, batch, prepared) {
        const found = prepared ?? new Map(batch.map((r) => [r.key, `found ${r.key} (read again)`]));
        const first = Number(batch[0].data.k);
        // Order dependent: each page must come after the one before.
        if (first <= state.last) throw new Error(`page starting at ${first} decided after ${state.last}`);
        state.last = first;
        decided.push(`${first}`);
        return batch.map((record) => {
          record.data.found = found.get(record.key);
          return { record, outcome: 'passed' as const, port: 'out' };
        });
      },
    });
    const sink = defineNode({
      type: 'test.sink',
      version: 1,
      title: 'Sink',
      category: 'sink',
      description: '',
      inputs: [{ name: 'in', label: 'In' }],
      outputs: [],
      config: z.strictObject({}),
      defaults: {},
      ui: { icon: 's', color: '#000' },
      async process(_ctx, _c, _s, batch) {
        await sleep(5);
        return batch.map((record) => ({
          record,
          outcome: (String(record.data.found) === `found ${record.key}` ? 'created' : 'updated') as
            'created' | 'updated',
        }));
      },
    });
    const flow = validateFlow(
      {
        schema: 'weft.flow/1',
        name: 't',
        nodes: [
          { id: 'numbers', type: 'test.numbers', version: 1, position: { x: 0, y: 0 }, config: {} },
          { id: 'bind', type: 'test.binder', version: 1, position: { x: 0, y: 0 }, config: {} },
          { id: 'sink', type: 'test.sink', version: 1, position: { x: 0, y: 0 }, config: {} },
        ],
        edges: [
          { from: 'numbers:out', to: 'bind:in' },
          { from: 'bind:out', to: 'sink:in' },
        ],
      },
      createRegistry([source, binder, sink]),
    );
    if (!flow.ok) throw new Error(JSON.stringify(flow.problems));
    return { flow: flow.flow, decided, prepares };
  }

  async function run(f: ReturnType<typeof flowOf>, attempts = 0) {
    return runNoting(f.flow, attempts);
  }

  it('looks the next pages up while one is decided, and decides and commits in page order', async () => {
    const f = flowOf({ total: 600, pageSize: 100 });
    const { outcome, recorder, marks } = await run(f);
    expect(outcome.status).toBe('succeeded');
    expect(f.decided).toEqual(['0', '100', '200', '300', '400', '500']);
    expect(f.prepares.most).toBeGreaterThan(1); // lookups of several pages at once…
    expect(f.prepares.most).toBeLessThanOrEqual(3); // …never more than the page decided + 2 ahead
    expect(marks).toEqual(['99', '199', '299', '399', '499', '599']);
    // Every record got the lookups of its own page.
    expect(recorder.nodes.get('sink')).toMatchObject({ in: 600, created: 600 });
  });

  it('a lookup that meets a connection failure is retried by process reading again, nothing skipped', async () => {
    const f = flowOf({ total: 400, pageSize: 100, failFirstPrepareAt: 'n-250' });
    const { outcome, recorder, marks } = await run(f, 1);
    expect(outcome.status).toBe('succeeded');
    expect(f.decided).toEqual(['0', '100', '200', '300']); // the failed lookup never reached process
    expect(marks).toEqual(['99', '199', '299', '399']);
    expect(recorder.nodes.get('sink')).toMatchObject({ in: 400, created: 300, updated: 100 });
  });
});
