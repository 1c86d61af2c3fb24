// Engine behaviour an operator notices in utility runs and outages (issue 6),
// without a database: date ranges, the binding utility, retries with backoff,
// pause on a lost connection, echo suppression, the overlap window.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, type FlowRecord, type NodeContext } from '../../nodes/define-node';
import { createRegistry } from '../../nodes/registry';
import type { FlowDocumentInput } from '../../flow/flow-document';
import { validateFlow } from '../../flow/validate-flow';
import { MemoryRecorder } from '../record/memory-recorder';
import { MemoryEchoLedger } from './echo';
import { runFlow, type RunDeps } from './run-flow';
import { splitRange, startingPoint } from './run-window';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (i: number) => new Date(T0 + i * DAY).toISOString();

/** 100 accounts, one a day from 2026-01-01, read in time order after a time watermark. */
function nodes(opts: { downFor?: number } = {}) {
  const written: FlowRecord[] = [];
  const bound: { key: string; targetId: string }[] = [];
  let calls = 0;
  const source = defineNode({
    type: 't.src',
    version: 1,
    title: 'Src',
    category: 'source',
    description: '',
    inputs: [],
    outputs: [{ name: 'out', label: 'o', recordType: 'creatio.Account' }],
    config: z.strictObject({}),
    defaults: {},
    ui: { icon: 's', color: '#000' },
    async *read(ctx, _c, _s, watermark) {
      const after = watermark ? Date.parse(watermark.split('|')[0]) : -Infinity;
      const all = Array.from({ length: 100 }, (_, i) => i).filter((i) => T0 + i * DAY > after);
      for (let p = 0; p < all.length; p += 10) {
        const records = all.slice(p, p + 10).map((i): FlowRecord => ({
          key: `acc-${i}`,
          data: { Name: `Account ${i}`, Phone: '1' },
          meta: {
            source: { node: ctx.nodeId, system: 'creatio', entity: 'Account', connection: 'crm', modifiedOn: at(i) },
          },
        }));
        yield {
          records,
          watermark: `${records[records.length - 1].meta.source.modifiedOn}|${records[records.length - 1].key}`,
        };
      }
    },
  });
  const binding = defineNode({
    type: 't.bind',
    version: 1,
    title: 'Bind',
    category: 'binding',
    description: '',
    inputs: [{ name: 'in', label: 'i' }],
    outputs: [{ name: 'out', label: 'o', recordType: { sameAs: 'in' } }],
    config: z.strictObject({}),
    defaults: {},
    ui: { icon: 'b', color: '#000' },
    async process(_ctx, _c, _s, batch) {
      return batch.map((record) => {
        const n = Number(record.key.slice(4));
        record.meta.binding = {
          system: 'qbo',
          entity: 'Customer',
          connection: 'company-a',
          targetId: n % 2 === 0 ? `Q${n}` : null,
          matchedBy: n % 2 === 0 ? 'match-rule' : 'none',
        };
        return { record, outcome: 'passed' as const, port: 'out' };
      });
    },
  });
  const sink = defineNode({
    type: 't.sink',
    version: 1,
    title: 'Sink',
    category: 'sink',
    description: '',
    inputs: [{ name: 'in', label: 'i' }],
    outputs: [],
    config: z.strictObject({}),
    defaults: {},
    ui: { icon: 'k', color: '#000' },
    async process(_ctx, _c, _s, batch) {
      if (calls++ < (opts.downFor ?? 0))
        throw Object.assign(new Error('QuickBooks could not be reached'), { kind: 'network' });
      return batch.map((record) => {
        written.push(record);
        record.meta.binding = { ...record.meta.binding!, targetId: record.meta.binding?.targetId ?? `N${record.key}` };
        return { record, outcome: 'created' as const };
      });
    },
  });
  const doc: FlowDocumentInput = {
    schema: 'weft.flow/1',
    name: 't',
    nodes: [
      { id: 'src', type: 't.src', version: 1, position: { x: 0, y: 0 }, config: {} },
      { id: 'bind', type: 't.bind', version: 1, position: { x: 0, y: 0 }, config: {} },
      { id: 'sink', type: 't.sink', version: 1, position: { x: 0, y: 0 }, config: {} },
    ],
    edges: [
      { from: 'src:out', to: 'bind:in' },
      { from: 'bind:out', to: 'sink:in' },
    ],
  };
  const v = validateFlow(doc, createRegistry([source, binding, sink]));
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return { flow: v.flow, written, bound, calls: () => calls };
}

async function run(t: ReturnType<typeof nodes>, extra: Partial<RunDeps> = {}, start: string | null = null) {
  const recorder = new MemoryRecorder();
  const signal = extra.signal ?? new AbortController().signal;
  const xref = {
    lookup: async () => new Map(),
    bind: async (_t: unknown, pairs: { sourceKey: string; targetId: string }[]) =>
      void t.bound.push(...pairs.map((p) => ({ key: p.sourceKey, targetId: p.targetId }))),
  };
  const outcome = await runFlow(t.flow, {
    recorder,
    signal,
    watermark: async () => start,
    contextFor: (nodeId) => ({ nodeId, runId: 'r', flowId: 'f', signal, xref }) as unknown as NodeContext,
    retry: { attempts: 3, baseMs: 5, maxMs: 20 },
    ...extra,
  });
  return { outcome, recorder };
}

describe('utility runs and outages', () => {
  it('a date-range load (DR) reads only records modified inside [from, to)', async () => {
    const t = nodes();
    const { outcome, recorder } = await run(t, { options: { range: { from: at(20), to: at(35) } } });
    expect(outcome.status).toBe('succeeded');
    expect(t.written.map((r) => r.key)).toEqual(Array.from({ length: 15 }, (_, i) => `acc-${20 + i}`));
    expect(recorder.nodes.get('src')!.in).toBe(15);
  });

  it('a batch size cuts pages into smaller batches; the watermark still lands on the page end', async () => {
    const t = nodes();
    const { recorder } = await run(t, { options: { batchSize: 3 } });
    expect(t.calls()).toBe(40); // 10 pages of 10 → batches of 3, 3, 3, 1
    expect(recorder.watermarks.get('src')).toBe(`${at(99)}|acc-99`);
  });

  it('slices of a split load (DRS) cover the range once, without gaps or overlaps', async () => {
    const slices = splitRange({ from: at(0), to: at(100) }, 3);
    const keys: string[] = [];
    for (const range of slices) {
      const t = nodes();
      await run(t, { options: { range } });
      keys.push(...t.written.map((r) => r.key));
    }
    expect(keys).toHaveLength(100);
    expect(new Set(keys).size).toBe(100);
  });

  it('the binding utility records matches and writes nothing', async () => {
    const t = nodes();
    const { outcome, recorder } = await run(t, { options: { mode: 'bind-only' } });
    expect(outcome.status).toBe('succeeded');
    expect(t.written).toHaveLength(0);
    expect(t.bound).toHaveLength(50);
    expect(t.bound[0]).toEqual({ key: 'acc-0', targetId: 'Q0' });
    expect(recorder.nodes.get('sink')!.in).toBe(0);
  });

  it('retries a connection that comes back, and no record is failed', async () => {
    const t = nodes({ downFor: 2 });
    const { outcome, recorder } = await run(t);
    expect(outcome.status).toBe('succeeded');
    expect(t.written).toHaveLength(100);
    expect(recorder.failures).toHaveLength(0);
    expect(t.calls()).toBeGreaterThan(10);
  });

  it('pauses on a connection that stays down: nothing failed, watermark before the unwritten page', async () => {
    const t = nodes({ downFor: 1e9 });
    const { outcome, recorder } = await run(t);
    expect(outcome).toMatchObject({ status: 'failed', connectionFailure: true });
    expect(outcome.error).toMatch(
      /Paused on a connection failure: .*QuickBooks could not be reached.*No record was skipped/,
    );
    expect(recorder.failures).toHaveLength(0);
    expect(recorder.nodes.get('sink')!.failed).toBe(0);
    expect(recorder.watermarks.get('src')).toBeUndefined();
  });

  it('does not sync back what Weft itself wrote (echo), but does sync a later human change', async () => {
    const echoes = new MemoryEchoLedger();
    const forward = nodes();
    await run(forward, { echoes, options: { rememberEchoes: true } });
    expect(echoes.writes.size).toBe(100);
    // The reverse flow reads the written records back from the target, as the target names them.
    const back = (r: FlowRecord, phone: string): FlowRecord => ({
      key: r.meta.binding!.targetId!,
      data: { ...r.data, Phone: phone, Extra: 'x' },
      meta: { source: { node: 'q', system: 'qbo', entity: 'Customer', connection: 'company-a' } },
    });
    const { findEchoes } = await import('./echo');
    const found = await findEchoes(echoes, [
      back(forward.written[0], '1'),
      back(forward.written[1], '2 (changed by a person)'),
    ]);
    expect([...found].map((r) => r.key)).toEqual([forward.written[0].meta.binding!.targetId]);
  });

  it('the overlap window moves a time watermark back, and leaves other forms alone', () => {
    expect(startingPoint('2026-01-05T09:00:30.0000000Z|9b1c', 30_000, null)).toBe('2026-01-05T09:00:00.000Z');
    expect(startingPoint('page-7', 30_000, null)).toBe('page-7');
    expect(startingPoint(null, 30_000, { from: '2026-01-01T00:00:00Z' })).toBe('2025-12-31T23:59:59.999Z');
  });

  it('moves times in their own clock: an offset stays, a wall-clock time (QuickBooks Desktop) keeps its zone-less form and key', () => {
    expect(startingPoint('2026-07-01T10:00:30-05:00|7', 30_000, null)).toBe('2026-07-01T10:00:00-05:00');
    expect(startingPoint('2026-11-01T01:40:30|A@2026-11-01T01:40:30', 30_000, null)).toBe(
      '2026-11-01T01:40:00|A@2026-11-01T01:40:30',
    );
    expect(startingPoint(null, 0, { from: '2026-11-01T00:00:00-05:00' })).toBe('2026-10-31T23:59:59.999-05:00');
    expect(
      splitRange({ from: '2026-11-01T00:00:00-05:00', to: '2026-11-01T03:00:00-05:00' }, 3).map((r) => r.from),
    ).toEqual(['2026-11-01T00:00:00-05:00', '2026-11-01T01:00:00-05:00', '2026-11-01T02:00:00-05:00']);
  });

  it('with a 2-day overlap a run re-reads the last two records before its watermark', async () => {
    const t = nodes();
    t.flow.doc.settings.overlap = '48h';
    await run(t, {}, `${at(50)}|acc-50`);
    expect(t.written[0].key).toBe('acc-49');
  });
});
