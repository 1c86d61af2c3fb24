// A paced run's pages commit in units, and a sink that writes in batch calls fills each call across
// the pages of a unit (engine/run/page-turns.ts, nodes/core/batch-calls.ts): a company at Intuit's
// limits spends no call on a part-filled one while the run holds only small pages. A run taken over
// after a crash starts again at a unit's first page and sends a call whose answer was lost with the
// same records, so the target recognises it (same request id).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../../nodes/define-node';
import { createRegistry } from '../../nodes/registry';
import { writeInBatchCalls } from '../../nodes/core/batch-calls';
import { validateFlow } from '../../flow/validate-flow';
import { runNoting } from './test-nodes';

interface Target {
  /** Each batch call's record keys, in the order they went out. */
  calls: string[][];
  /** Records whose call was answered (the run store's acknowledgements). */
  acked: Set<string>;
  /** The call (1 = first) that meets a connection failure, if any. */
  failAt?: number;
  /** A page whose records make the sink throw before it writes anything (its first record's number). */
  throwAt?: number;
}

/** Records k = 0…total-1 in pages of `pageSize`; `renamed` gives record k the key of another record. */
function source(total: number, renamed: Map<number, number>) {
  return defineNode({
    type: 't.accounts',
    version: 1,
    title: 'Accounts',
    category: 'source',
    description: '',
    inputs: [],
    outputs: [{ name: 'out', label: 'Accounts' }],
    config: z.strictObject({ pageSize: z.number() }),
    defaults: { pageSize: 1000 },
    ui: { icon: 'a', color: '#000' },
    async *read(ctx, c, _s, watermark) {
      for (let i = watermark === null ? 0 : Number(watermark) + 1; i < total; i += c.pageSize) {
        const records: FlowRecord[] = [];
        for (let k = i; k < Math.min(total, i + c.pageSize); k++)
          records.push({
            key: `a-${renamed.get(k) ?? k}`,
            data: { k },
            meta: { source: { node: ctx.nodeId, system: 't', entity: 'A' } },
          });
        yield { records, watermark: String(Math.min(total, i + c.pageSize) - 1) };
      }
    },
  });
}

/**
 * A sink at 20 records a second (pages of 100, units of 6) writing every record but each fifth, 30 to a call;
 * `then`: another such sink at `pace` records a second, fed by what this one wrote.
 */
function sink(target: Target, o: { type?: string; pace?: number; then?: boolean } = {}) {
  return defineNode({
    type: o.type ?? 't.batched',
    version: 1,
    title: 'Batched',
    category: 'sink',
    description: '',
    inputs: [{ name: 'in', label: 'Accounts' }],
    outputs: o.then ? [{ name: 'done', label: 'Written' }] : [],
    config: z.strictObject({}),
    defaults: {},
    ui: { icon: 'b', color: '#000' },
    pagesAtOnce: 3,
    pace: () => o.pace ?? 20,
    async process(_ctx, _c, _s, batch, _p, turn) {
      if (batch.some((r) => r.data.k === target.throwAt)) throw new Error('The target refused the page.');
      const writable = batch.filter((r) => (r.data.k as number) % 5 !== 0);
      const results: RecordResult[] = batch
        .filter((r) => !writable.includes(r))
        .map((record) => ({ record, outcome: 'skipped' as const }));
      const positions = writable.map((record) => (target.acked.has(record.key) ? null : { record }));
      for (const record of writable) if (target.acked.has(record.key)) results.push({ record, outcome: 'created' });
      const send = async (jobs: { record: FlowRecord }[]) => {
        target.calls.push(jobs.map((j) => j.record.key));
        if (target.calls.length === target.failAt)
          throw Object.assign(new Error('connection reset'), { connection: true });
        await new Promise((r) => setTimeout(r, 1));
        for (const j of jobs) target.acked.add(j.record.key);
        return jobs.map((j) => ({
          record: j.record,
          outcome: 'created' as const,
          ...(o.then ? { port: 'done' } : {}),
        }));
      };
      results.push(...(await writeInBatchCalls(positions, 30, turn, send)));
      return results;
    },
  });
}

/** Runs source → sink (→ second sink), nodes by id; the sources start after `from`. */
async function runFlowOf(ids: string[], registry: ReturnType<typeof createRegistry>, from: string | null = null) {
  const v = validateFlow(
    {
      schema: 'weft.flow/1',
      name: 'batched',
      nodes: ids.map((id, i) => ({
        id,
        type: i === 0 ? 't.accounts' : `t.${id}`,
        version: 1,
        position: { x: 0, y: 0 },
        config: i === 0 ? { pageSize: 1000 } : {},
      })),
      edges: ids.slice(1).map((id, i) => ({ from: `${ids[i]}:${i === 0 ? 'out' : 'done'}`, to: `${id}:in` })),
    },
    registry,
  );
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return runNoting(v.flow, 0, from);
}

/** Two such sinks one after the other, at 5 records a second: pages of 50, 2 held, units of 3 pages. */
async function runChained(first: Target, second: Target, total: number) {
  const registry = createRegistry([
    source(total, new Map()),
    sink(first, { type: 't.one', pace: 5, then: true }),
    sink(second, { type: 't.two', pace: 5 }),
  ]);
  return (await runFlowOf(['src', 'one', 'two'], registry)).outcome;
}

async function run(target: Target, o: { total: number; from?: string; renamed?: Map<number, number> }) {
  const registry = createRegistry([source(o.total, o.renamed ?? new Map()), sink(target)]);
  const { outcome, marks, recorder } = await runFlowOf(['src', 'batched'], registry, o.from ?? null);
  return { outcome, marks, sink: recorder.nodes.get('batched')! };
}

const sizes = (calls: string[][]) => calls.map((c) => c.length);
const writableOf = (total: number) => Array.from({ length: total }, (_, k) => k).filter((k) => k % 5 !== 0);

describe('batch calls across the pages of a unit', () => {
  it('fills every call across the pages of a unit, and commits a unit of 6 pages at once', async () => {
    const target: Target = { calls: [], acked: new Set() };
    const r = await run(target, { total: 1000 });
    expect(r.outcome.status).toBe('succeeded');
    // 10 pages of 100, 80 written each: 27 calls (16 for the first unit's 480, 11 for the last 320), not 30.
    expect(sizes(target.calls)).toEqual([...Array<number>(26).fill(30), 20]);
    expect(target.calls.flat().sort()).toEqual(
      writableOf(1000)
        .map((k) => `a-${k}`)
        .sort(),
    );
    expect(r.marks).toEqual(['599', '999']);
    expect(r.sink).toMatchObject({ in: 1000, created: 800, skipped: 200 });
  });

  it('a page holding a record of the page before takes no part from it, and a unit never hands past its end', async () => {
    const target: Target = { calls: [], acked: new Set() };
    // Page 3's first record is page 2's last under another number: page 3 waits for page 2 at the sink.
    const r = await run(target, { total: 1000, renamed: new Map([[200, 199]]) });
    expect(r.outcome.status).toBe('succeeded');
    const short = target.calls.map((c, i) => [i, c.length]).filter(([, n]) => n < 30);
    // Page 2's part (10) goes alone, so does the first unit's last page's (20), and the run's last (20).
    expect(short.map(([, n]) => n)).toEqual([10, 20, 20]);
    expect(target.calls).toHaveLength(28);
  });

  it('two such sinks one after the other: each may keep a page waiting, and the run still has room for the next', async () => {
    const first: Target = { calls: [], acked: new Set() };
    const second: Target = { calls: [], acked: new Set() };
    const outcome = await runChained(first, second, 1000);
    expect(outcome.status).toBe('succeeded');
    expect(first.acked.size).toBe(800);
    expect(sizes(first.calls)).toEqual([...Array<number>(26).fill(30), 20]);
    // The second gets the 800 the first wrote (none is a fifth): at most one short call a unit of 3 pages.
    expect(second.acked.size).toBe(800);
    expect(second.calls.flat()).toHaveLength(800);
    expect(second.calls.filter((c) => c.length < 30).length).toBeLessThanOrEqual(7);
  }, 20_000);

  it('a page that fails before taking the part handed to it: that part goes out alone, nothing waits', async () => {
    const target: Target = { calls: [], acked: new Set(), throwAt: 100 };
    const r = await run(target, { total: 300 });
    expect(r.outcome.status).toBe('completed-with-errors');
    expect(r.sink).toMatchObject({ in: 300, failed: 100 });
    // Page 1's 80: two full calls and its part of 20 alone; page 2 failed whole; page 3's 80 as three calls.
    expect(sizes(target.calls).sort((a, b) => a - b)).toEqual([20, 20, 30, 30, 30, 30]);
  });

  // Call 19 holds page 7's part and page 8's first records; call 20 only page 8's.
  it.each([19, 20])(
    'a run taken over sends call %i, whose answer was lost, with the same records, and no answered one again',
    async (failAt) => {
      const target: Target = { calls: [], acked: new Set(), failAt };
      const first = await run(target, { total: 1000 });
      expect(first.outcome.connectionFailure).toBe(true);
      // The first unit (pages 1–6) committed; the second did not: the next run starts at its first page.
      expect(first.marks).toEqual(['599']);
      const lost = target.calls[failAt - 1];
      if (failAt === 19)
        expect(new Set(lost.map((k) => Math.floor(Number(k.slice(2)) / 100)))).toEqual(new Set([6, 7]));
      const sentBefore = target.calls.length;
      const second = await run(target, { total: 1000, from: first.marks.at(-1) });
      expect(second.outcome.status).toBe('succeeded');
      const again = target.calls.slice(sentBefore);
      // The lost call goes out again whole, as the same call; no answered record is sent twice.
      expect(again).toContainEqual(lost);
      const answered = target.calls.slice(0, sentBefore).filter((c) => c !== lost);
      expect(again.flat().filter((k) => answered.flat().includes(k))).toEqual([]);
      expect([...target.acked].sort()).toEqual(
        writableOf(1000)
          .map((k) => `a-${k}`)
          .sort(),
      );
    },
  );
});
