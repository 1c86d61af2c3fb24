// Run history, run logs, Query Starts and catch-up (issue 16, operators) on a whole
// Weft: real PostgreSQL, the sandboxes, the worker. A flow runs twice; its history
// pages by start time, its log filters by node, level and text; a Query Start in
// the future is refused and an old one warned about and audited; a split bulk load
// reports slices, records and its share done until it completes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { bootWeft, type Weft } from '../boot';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';

const makeCaller = createCallerFactory(appRouter);
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };
const TEMPLATE = 'creatio-accounts-to-qbo-customers';
const [db] = testDatabases();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('run history', () => {
  let weft: Weft;
  let dir: string;
  let api: ReturnType<typeof makeCaller>;
  let flowId: string;
  const runIds: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-history-'));
    weft = await bootWeft({ dataDir: dir, port: null, databaseUrl: db.url, pgSchema: testSchema('hist'), log: quiet });
    weft.services.accounts.store.createUser({ id: 'op', email: 'op@example.com', name: 'Op', passwordHash: null });
    weft.services.accounts.store.setRole('op', 'default', 'admin');
    api = makeCaller({ services: weft.services, actor: { userId: 'op', workspaceId: 'default' } });
    const t = weft.services.design.getTemplate(TEMPLATE)!;
    flowId = await weft.services.design.createFlow(
      'default',
      { ...t, name: 'History', settings: { ...t.settings, schedule: { every: '1h' } } },
      TEMPLATE,
    );
    await weft.services.design.publishFlow('default', flowId, 'first');
    for (let i = 0; i < 2; i++) {
      const { runId } = await api.runs.start({ flowId });
      runIds.push(runId);
      await finished(runId);
    }
  }, 240_000);
  afterAll(async () => {
    await weft?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function finished(runId: string): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const r = await api.runs.get({ runId });
      if (!['queued', 'running'].includes(r.status)) return;
      await sleep(200);
    }
    throw new Error(`run ${runId} did not finish`);
  }

  it('pages runs newest first by start time, with counters, duration, version and trigger', async () => {
    const first = await api.history.runs({ flowId, limit: 1 });
    expect(first.runs.map((r) => r.runId)).toEqual([runIds[1]]);
    expect(first.runs[0]).toMatchObject({ trigger: 'operator', version: null, durationMs: expect.any(Number) });
    expect(first.next).not.toBeNull();
    const second = await api.history.runs({ flowId, limit: 1, before: first.next });
    expect(second.runs.map((r) => r.runId)).toEqual([runIds[0]]);
    expect(second.next).toBeNull();
    // The first run read every account; the second only what changed since (its Query Starts).
    expect(second.runs[0].read).toBeGreaterThan(0);
    expect(second.runs[0].read).toBeGreaterThan(first.runs[0].read);
    const chart = await api.history.chart({ flowId });
    expect(chart.map((p) => p.runId)).toEqual(runIds);
    expect(chart[0]).toMatchObject({ read: second.runs[0].read, failed: second.runs[0].failed });
  });

  it("filters a run's log by node, level and text", async () => {
    const all = await api.history.log({ runId: runIds[0] });
    expect(all.lines[0].message).toMatch(/^Run started with \d+ nodes/);
    expect(all.lines.at(-1)!.message).toMatch(/^Run ended: /);
    expect(all.lines.map((l) => l.seq)).toEqual(all.lines.map((_, i) => i + 1));
    const source = await api.history.log({ runId: runIds[0], nodeId: 'accounts' });
    expect(source.lines.length).toBeGreaterThan(0);
    expect(new Set(source.lines.map((l) => l.nodeId))).toEqual(new Set(['accounts']));
    expect(source.lines.some((l) => /Query Starts moved to/.test(l.message))).toBe(true);
    const errors = await api.history.log({ runId: runIds[0], level: 'error' });
    expect(errors.lines.every((l) => l.level === 'error')).toBe(true);
    // The template's sandbox data holds records QuickBooks refuses: each is named in the log.
    expect(errors.lines.some((l) => /^Record .+ failed: /.test(l.message))).toBe(true);
    const found = await api.history.log({ runId: runIds[0], search: 'query starts MOVED' });
    expect(found.lines.length).toBeGreaterThan(0);
    expect(found.lines.every((l) => /Query Starts moved/.test(l.message))).toBe(true);
    const paged = await api.history.log({ runId: runIds[0], limit: 2 });
    expect(paged.next).toBe(2);
    expect((await api.history.log({ runId: runIds[0], afterSeq: 2, limit: 1 })).lines[0].seq).toBe(3);
  });

  it('shows a past run with the document it ran and its counters', async () => {
    const past = await api.history.pastRun({ runId: runIds[0] });
    expect(past.document.name).toBe('History');
    expect(past.run.nodes.find((n) => n.id === 'accounts')!.in).toBeGreaterThan(0);
  });

  it('refuses a Query Start in the future, warns about an old one, and audits old → new', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    await expect(api.flows.setWatermark({ id: flowId, nodeId: 'accounts', value: future })).rejects.toThrow(
      /is in the future/,
    );
    expect((await api.history.checkQueryStart({ flowId, value: future })).problem).toMatch(/in the future/);
    const before = (await api.flows.watermarks({ id: flowId }))[0].value;
    const old = new Date(Date.now() - 3 * 86_400_000 - 60_000).toISOString();
    const saved = await api.flows.setWatermark({ id: flowId, nodeId: 'accounts', value: old });
    expect(saved.warning).toMatch(/^This flow has not run for 3 days \(its schedule runs it every 1 hour\)/);
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    expect(await api.history.checkQueryStart({ flowId, value: recent })).toEqual({ problem: null, warning: null });
    const entry = (await api.audit.list({})).find((e) => e.action === 'watermark.set');
    expect(entry).toMatchObject({ actor: 'op@example.com', subject: flowId });
    expect(entry!.detail).toMatchObject({ nodeId: 'accounts', from: before, to: old });
  });

  it('advises a bulk load after a long stop, and reports its progress to completion', async () => {
    const advice = await api.history.catchUpAdvice({ flowId });
    expect(advice).toMatchObject({ recommended: 'bulk-load', stoppedFor: '3 days' });
    expect(advice.range!.from).toBe(new Date(Date.parse(advice.range!.from)).toISOString());
    // A scheduled flow on the same objects of the same company: the load pauses it, then resumes it.
    const t = weft.services.design.getTemplate(TEMPLATE)!;
    const other = await weft.services.design.createFlow(
      'default',
      { ...t, name: 'Scheduled twin', settings: { ...t.settings, schedule: { every: '1h' } } },
      TEMPLATE,
    );
    await weft.services.design.publishFlow('default', other, 'first');
    await api.flows.setState({ id: other, state: 'started' });
    const { runId, slices } = await api.operations.startUtility({
      flowId,
      kind: 'bulk-load',
      from: '2020-01-01T00:00:00Z',
      to: new Date().toISOString(),
      batchSize: 50,
      slices: 2,
    });
    expect(slices).toHaveLength(2);
    const seen: number[] = [];
    let p = await api.history.catchUpProgress({ runId });
    expect(p.paused).toEqual([{ flowId: other, state: 'PAUSED' }]);
    for (let i = 0; i < 600 && ['queued', 'running'].includes(p.status); i++) {
      seen.push(p.slices.done);
      await sleep(200);
      p = await api.history.catchUpProgress({ runId });
    }
    expect(p).toMatchObject({ slices: { total: 2, done: 2, running: 0 }, done: 1, etaSeconds: null, batchSize: 50 });
    expect(p.records.read).toBeGreaterThan(0);
    expect(p.paused).toEqual([{ flowId: other, state: 'RESUMED' }]);
    expect(seen[0]).toBeLessThan(2);
  }, 180_000);
});
