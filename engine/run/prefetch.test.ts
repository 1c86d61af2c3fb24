// A page read ahead that fails while the page before it is still being worked on:
// the failure reaches the run in page order (the run ends naming the page), and no
// rejection is left unhandled meanwhile (that ended `weft worker`: issue "a failed
// read-ahead page never kills a worker"). In a real worker process: server/read-failure.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, type FlowRecord, type NodeContext } from '../../nodes/define-node';
import { createRegistry } from '../../nodes/registry';
import { validateFlow } from '../../flow/validate-flow';
import { MemoryRecorder } from '../record/memory-recorder';
import type { EchoLedger } from './echo';
import { prefetch } from './prefetch';
import { runFlow } from './run-flow';
import { runNoting } from './test-nodes';

/** Pages of 10 records; reading page `failAt` (1-based) fails at once, with a connection's error or a plain one. */
function failingSource(failAt: number, pages: number, connection: boolean) {
  return defineNode({
    type: 'test.failing',
    version: 1,
    title: 'Failing source',
    category: 'source',
    description: '',
    inputs: [],
    outputs: [{ name: 'out', label: 'Numbers' }],
    config: z.strictObject({}),
    defaults: {},
    ui: { icon: 'n', color: '#000' },
    async *read(ctx) {
      for (let p = 1; p <= pages; p++) {
        if (p === failAt)
          throw Object.assign(new Error('the server answered 503'), connection ? { kind: 'server' } : {});
        const records: FlowRecord[] = [];
        for (let k = 0; k < 10; k++)
          records.push({
            key: `n-${p}-${k}`,
            data: {},
            meta: { source: { node: ctx.nodeId, system: 't', entity: 'N' } },
          });
        yield { records, watermark: String(p) };
      }
    },
  });
}

/** A sink slow enough that the next page's read has failed before this page is done. */
const slowSink = defineNode({
  type: 'test.slow',
  version: 1,
  title: 'Slow sink',
  category: 'sink',
  description: '',
  inputs: [{ name: 'in', label: 'Numbers' }],
  outputs: [],
  config: z.strictObject({}),
  defaults: {},
  ui: { icon: 's', color: '#000' },
  async process(_ctx, _c, _s, batch) {
    await new Promise((r) => setTimeout(r, 30));
    return batch.map((record) => ({ record, outcome: 'created' as const }));
  },
});

function flowFailingAt(failAt: number, connection = false) {
  const v = validateFlow(
    {
      schema: 'weft.flow/1',
      name: 't',
      nodes: [
        { id: 'numbers', type: 'test.failing', version: 1, position: { x: 0, y: 0 }, config: {} },
        { id: 'sink', type: 'test.slow', version: 1, position: { x: 0, y: 0 }, config: {} },
      ],
      edges: [{ from: 'numbers:out', to: 'sink:in' }],
    },
    createRegistry([failingSource(failAt, 3, connection), slowSink]),
  );
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.flow;
}

describe('a failed read-ahead page', () => {
  const unhandled: unknown[] = [];
  const note = (e: unknown) => unhandled.push(e);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', note);
  });
  afterEach(() => {
    process.off('unhandledRejection', note);
  });

  it('is observed at once and re-thrown when the consumer reaches it', async () => {
    async function* source() {
      yield 1;
      throw new Error('page 2 failed');
    }
    const pages = prefetch(source(), 1);
    expect((await pages.next()).value).toBe(1);
    // Page 2's read has failed by now, while page 1 is still "being processed".
    await new Promise((r) => setTimeout(r, 20));
    expect(unhandled).toEqual([]);
    await expect(pages.next()).rejects.toThrow('page 2 failed');
  });

  it.each([1, 2, 3])(
    'on page %i fails the run naming the source and page, after saving the pages before it',
    async (failAt) => {
      const { outcome, marks, recorder } = await runNoting(flowFailingAt(failAt));
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      expect(outcome.status).toBe('failed');
      expect(outcome.error).toContain(
        `Failing source "numbers" could not read page ${failAt}: the server answered 503`,
      );
      expect(outcome.connectionFailure).toBe(false);
      // Every page read before the failed one was written and committed.
      expect(marks).toEqual(Array.from({ length: failAt - 1 }, (_, i) => String(i + 1)));
      expect(recorder.nodes.get('sink')?.created ?? 0).toBe((failAt - 1) * 10);
    },
  );

  it('that lost its connection pauses the run (the next run continues from that page)', async () => {
    const { outcome, marks } = await runNoting(flowFailingAt(2, true));
    expect(outcome.connectionFailure).toBe(true);
    expect(outcome.error).toMatch(/^Paused on a connection failure: Failing source "numbers" could not read page 2/);
    expect(marks).toEqual(['1']);
  });

  it('written but not recordable while the page before it commits ends the run, not the process', async () => {
    // Page 2's work fails (its writes cannot be remembered) while page 1's commit is still running.
    const recorder = new MemoryRecorder();
    const commit = recorder.page.bind(recorder);
    recorder.page = async (results, mark) => {
      await new Promise((r) => setTimeout(r, 60));
      await commit(results, mark);
    };
    let remembered = 0;
    const echoes = {
      lookup: async () => new Map(),
      remember: async () => {
        if (++remembered === 2) throw new Error('the run store is gone');
      },
    } as unknown as EchoLedger;
    const signal = new AbortController().signal;
    const outcome = await runFlow(flowFailingAt(99), {
      recorder,
      signal,
      echoes,
      options: { rememberEchoes: true },
      watermark: async () => null,
      contextFor: (nodeId) => ({ nodeId, runId: 'r', flowId: 'f', signal }) as unknown as NodeContext,
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(unhandled).toEqual([]);
    expect(outcome).toMatchObject({ status: 'failed', error: 'the run store is gone' });
  });
});
