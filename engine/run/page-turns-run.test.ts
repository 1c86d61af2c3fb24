// A paced run whose later pages pass the sink by while its first page is still held up before it: the
// first page learns that no page follows it, and the run ends (issue 19). Before, the sink's first page
// waited for a page the run would not read until that page committed, and the run hung: the hierarchy
// template, whose filter keeps only accounts with a parent, met it under load.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../../nodes/define-node';
import { createRegistry } from '../../nodes/registry';
import { validateFlow } from '../../flow/validate-flow';
import { runNoting } from './test-nodes';

const ui = { icon: 't', color: '#000' };
const records = { inputs: [{ name: 'in', label: 'Records' }], outputs: [{ name: 'out', label: 'Records' }] };

/** 1,000 records read in pages of the configured size (a paced run cuts it to 100). */
const source = defineNode({
  type: 'test.pages',
  version: 1,
  title: 'Pages',
  category: 'source',
  description: '',
  inputs: [],
  outputs: [{ name: 'out', label: 'Records' }],
  config: z.strictObject({ pageSize: z.number() }),
  defaults: { pageSize: 1000 },
  ui,
  async *read(ctx, c) {
    for (let i = 0; i < 1000; i += c.pageSize) {
      const page: FlowRecord[] = [];
      for (let k = i; k < i + c.pageSize; k++)
        page.push({ key: `r-${k}`, data: { k }, meta: { source: { node: ctx.nodeId, system: 't', entity: 'R' } } });
      yield { records: page, watermark: String(i) };
    }
  },
});

/** A step between the source and the sink, of one input and one output. */
function step(type: string, category: 'filter' | 'binding', process: (batch: FlowRecord[]) => Promise<RecordResult[]>) {
  return defineNode({
    type,
    version: 1,
    title: type,
    category,
    description: '',
    ...records,
    config: z.strictObject({}),
    defaults: {},
    ui,
    process: (_ctx, _c, _s, batch) => process(batch),
  });
}

/** Lets through the first page's records only, at once. */
const firstPageOnly = step('test.first-page', 'filter', async (batch) =>
  batch.map((record) => ({ record, outcome: 'passed', ...((record.data.k as number) < 100 ? { port: 'out' } : {}) })),
);

/** A lookup that takes its time (a busy machine, a slow target). */
const slow = step('test.slow', 'binding', async (batch) => {
  await new Promise((r) => setTimeout(r, 300));
  return batch.map((record) => ({ record, outcome: 'passed', port: 'out' }));
});

/** A rate-limited sink taking two pages at once that waits to learn whether a page follows, as QuickBooks' does. */
const written: string[] = [];
const sink = defineNode({
  type: 'test.turning',
  version: 1,
  title: 'Turning sink',
  category: 'sink',
  description: '',
  inputs: records.inputs,
  outputs: [],
  config: z.strictObject({}),
  defaults: {},
  ui,
  pace: () => 20,
  pagesAtOnce: 2,
  async process(_ctx, _c, _s, batch, _p, turn) {
    const handed = ((await turn?.take()) as string[] | undefined) ?? [];
    const keys = [...handed, ...batch.map((r) => r.key)];
    if ((await turn?.following) === 'next') turn!.hand(keys);
    else written.push(...keys);
    return batch.map((record) => ({ record, outcome: 'created' as const }));
  },
});

describe('page turns in a run', () => {
  it('end the run when the pages after the first passed the sink by before the first page reached it', async () => {
    const v = validateFlow(
      {
        schema: 'weft.flow/1',
        name: 'turns',
        nodes: [
          { id: 'src', type: 'test.pages', version: 1, position: { x: 0, y: 0 }, config: { pageSize: 1000 } },
          { id: 'first', type: 'test.first-page', version: 1, position: { x: 0, y: 0 }, config: {} },
          { id: 'slow', type: 'test.slow', version: 1, position: { x: 0, y: 0 }, config: {} },
          { id: 'sink', type: 'test.turning', version: 1, position: { x: 0, y: 0 }, config: {} },
        ],
        edges: [
          { from: 'src:out', to: 'first:in' },
          { from: 'first:out', to: 'slow:in' },
          { from: 'slow:out', to: 'sink:in' },
        ],
      },
      createRegistry([source, firstPageOnly, slow, sink]),
    );
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    const ran = runNoting(v.flow);
    const timeout = new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5000).unref());
    const r = await Promise.race([ran, timeout]);
    expect(r).not.toBe('hung');
    const { outcome, recorder } = await ran;
    expect(outcome.status).toBe('succeeded');
    expect(recorder.nodes.get('sink')!.in).toBe(100);
    expect(written).toHaveLength(100);
  });
});
