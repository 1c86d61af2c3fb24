import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../../nodes/define-node';
import { createRegistry } from '../../nodes/registry';
import { validateFlow } from '../../flow/validate-flow';
import { NodeLane } from './node-lane';
import { numbersSource, runNoting } from './test-nodes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('NodeLane', () => {
  it('runs one page at a time by default, in page order', async () => {
    const lane = new NodeLane(1);
    const log: string[] = [];
    const page = (n: number, ms: number) =>
      lane.run(
        () => [],
        async () => {
          log.push(`start ${n}`);
          await sleep(ms);
          log.push(`end ${n}`);
        },
      );
    await Promise.all([page(1, 20), page(2, 1), page(3, 1)]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('overlaps up to its width, starting pages in order, but never two pages sharing a record', async () => {
    const lane = new NodeLane(3);
    const log: string[] = [];
    let busy = 0;
    let most = 0;
    const page = (n: number, keys: string[], ms: number) =>
      lane.run(
        () => keys,
        async () => {
          most = Math.max(most, ++busy);
          log.push(`start ${n}`);
          await sleep(ms);
          log.push(`end ${n}`);
          busy--;
        },
      );
    await Promise.all([
      page(1, ['a'], 30),
      page(2, ['b'], 30),
      page(3, ['c'], 30),
      page(4, ['d'], 1),
      page(5, ['a', 'e'], 1),
    ]);
    expect(most).toBe(3);
    expect(log.filter((l) => l.startsWith('start'))).toEqual(['start 1', 'start 2', 'start 3', 'start 4', 'start 5']);
    // Page 4 waited for a free place; page 5 (record "a" again) waited for page 1 to end.
    expect(log.indexOf('start 4')).toBeGreaterThan(log.indexOf('end 1'));
    expect(log.indexOf('start 5')).toBeGreaterThan(log.indexOf('end 1'));
  });
});

describe('a sink that takes several pages at once', () => {
  function nodes(opts: { total: number; pageSize: number; downAt?: string }) {
    const written: string[] = [];
    let busy = 0;
    let most = 0;
    const source = numbersSource(opts);
    const sink = defineNode({
      type: 'test.slow-sink',
      version: 1,
      title: 'Slow sink',
      category: 'sink',
      description: '',
      inputs: [{ name: 'in', label: 'In' }],
      outputs: [],
      config: z.strictObject({}),
      defaults: {},
      ui: { icon: 's', color: '#000' },
      pagesAtOnce: 3,
      async process(_ctx, _c, _s, batch) {
        most = Math.max(most, ++busy);
        // Earlier pages take longer: they finish after later ones, and must still commit first.
        await sleep(40 - (Number(batch[0].data.k) / opts.pageSize) * 5);
        busy--;
        if (opts.downAt && batch.some((r) => r.key === opts.downAt))
          throw Object.assign(new Error('the target could not be reached'), { kind: 'network' });
        for (const r of batch) written.push(r.key);
        return batch.map((record) => ({ record, outcome: 'created' as const }));
      },
    });
    const registry = createRegistry([source, sink]);
    const flow = validateFlow(
      {
        schema: 'weft.flow/1',
        name: 't',
        nodes: [
          { id: 'numbers', type: 'test.numbers', version: 1, position: { x: 0, y: 0 }, config: {} },
          { id: 'sink', type: 'test.slow-sink', version: 1, position: { x: 0, y: 0 }, config: {} },
        ],
        edges: [{ from: 'numbers:out', to: 'sink:in' }],
      },
      registry,
    );
    if (!flow.ok) throw new Error(JSON.stringify(flow.problems));
    return { flow: flow.flow, written, most: () => most };
  }

  async function run(n: ReturnType<typeof nodes>) {
    return runNoting(n.flow, 0);
  }

  it('writes pages side by side and still commits them in page order', async () => {
    const n = nodes({ total: 800, pageSize: 100 });
    const { outcome, recorder, marks } = await run(n);
    expect(outcome.status).toBe('succeeded');
    expect(n.most()).toBe(3);
    expect(marks).toEqual(['99', '199', '299', '399', '499', '599', '699', '799']);
    expect(recorder.nodes.get('sink')).toMatchObject({ in: 800, created: 800 });
    expect(new Set(n.written).size).toBe(800);
  });

  it('after a connection failure, keeps the watermark before the page that failed, whatever got through after it', async () => {
    const n = nodes({ total: 800, pageSize: 100, downAt: 'n-350' });
    const { outcome, recorder, marks } = await run(n);
    expect(outcome.status).toBe('failed');
    expect(outcome.connectionFailure).toBe(true);
    expect(marks).toEqual(['99', '199', '299']);
    expect(recorder.watermarks.get('numbers')).toBe('299');
  });
});
