// The flow manager on real PostgreSQL (issue 6): a split bulk load (DRS) shared by
// two workers with their own pg-boss connections, pausing the scheduled flow on
// the same objects and resuming it after with its Query Starts moved up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunQueue } from '../engine';
import { Worker } from '../engine';
import { registry } from '../nodes';
import { testDatabases, testSchema } from '../scripts/test-databases';
import { bootWeft, ROOT, type Weft } from './boot';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const makeCaller = createCallerFactory(appRouter);
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

for (const db of testDatabases()) {
  describe(`flow manager on ${db.name}`, () => {
    let weft: Weft;
    let dir: string;
    let api: ReturnType<typeof makeCaller>;
    const schema = testSchema('ops');
    const extra: { queue: RunQueue; worker: Worker }[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-ops-'));
      weft = await bootWeft({
        dataDir: dir,
        port: null,
        databaseUrl: db.url,
        pgSchema: schema,
        worker: false,
        log: quiet,
      });
      // Issue 7: the caller is a signed-in admin of the workspace.
      weft.services.accounts.store.createUser({
        id: 'test',
        email: 'test@example.com',
        name: 'Test',
        passwordHash: null,
      });
      weft.services.accounts.store.setRole('test', 'default', 'admin');
      api = makeCaller({ services: weft.services, actor: { userId: 'test', workspaceId: 'default' } });
    });
    afterAll(async () => {
      for (const e of extra) {
        await e.worker.stop();
        await e.queue.close();
      }
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function startWorker(name: string) {
      const queue = await RunQueue.open(db.url, join(ROOT, 'migrations/runs'), () => undefined, schema);
      const worker = new Worker({
        queue,
        registry,
        log: quiet,
        name,
        connections: async (ws, id) => weft.design.resolveConnection(ws, id),
        lease: { heartbeatMs: 500, staleMs: 5000 },
      });
      await worker.start();
      extra.push({ queue, worker });
    }

    it('a DRS load pauses the scheduled flow on the same objects, is shared by two workers, and resumes the flow after', async () => {
      const services = weft.services;
      const ws = 'default';
      const template = services.design.getTemplate('creatio-accounts-to-qbo-customers')!;
      const scheduled = await services.design.createFlow(
        ws,
        { ...template, name: 'Scheduled sync' },
        'creatio-accounts-to-qbo-customers',
      );
      await services.design.publishFlow(ws, scheduled, 'hourly');
      await services.runs.setFlowState(ws, scheduled, 'started');
      expect((await api.operations.flowStates()).find((f) => f.flowId === scheduled)?.state).toMatch(/STARTED|RUNNING/);

      const bulk = await services.design.createFlow(
        ws,
        { ...template, name: 'Catch-up DRS' },
        'creatio-accounts-to-qbo-customers',
      );
      const to = '2030-01-01T00:00:00Z';
      const started = await api.operations.startUtility({
        flowId: bulk,
        kind: 'bulk-load',
        from: '2000-01-01T00:00:00Z',
        to,
        slices: 4,
        batchSize: 50,
      });
      expect(started.paused).toEqual([scheduled]);
      expect(started.slices).toHaveLength(4);
      expect((await api.operations.flowStates()).find((f) => f.flowId === scheduled)?.state).toBe('PAUSED');
      // Seed §6.3: only one bulk load on the same data at a time.
      await expect(
        api.operations.startUtility({ flowId: bulk, kind: 'bulk-load', from: '2000-01-01T00:00:00Z', to }),
      ).rejects.toThrow(/still working on the same objects/);

      await startWorker('worker-a');
      await startWorker('worker-b');
      const pool = weft.queue.pool;
      let parent: { status: string } | undefined;
      for (const end = Date.now() + 90_000; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
        parent = (await pool.query(`SELECT status FROM weft_runs WHERE id = $1`, [started.runId])).rows[0];
        if (parent && parent.status !== 'running' && parent.status !== 'queued') break;
      }
      expect(parent?.status).toBe('completed-with-errors'); // the seed's awkward accounts fail alone
      const byWorker = (
        await pool.query(`SELECT DISTINCT worker FROM weft_runs WHERE parent_run_id = $1`, [started.runId])
      ).rows
        .map((r) => r.worker)
        .sort();
      expect(byWorker).toEqual(['worker-a', 'worker-b']);
      const run = await api.runs.get({ runId: started.runId });
      expect(run.nodes[0]).toMatchObject({ id: 'accounts', in: 300 }); // the slices together read every account once
      expect(run.utility).toMatchObject({ kind: 'bulk-load', slices: 4, batchSize: 50 });
      expect(run.connections).toEqual(['creatio-sandbox', 'qbo-sandbox']);

      const after = (await api.operations.flowStates()).find((f) => f.flowId === scheduled)!;
      expect(after.state).toMatch(/STARTED|RUNNING/);
      expect(after.pausedBy).toBeNull();
      expect(Date.parse(after.queryStarts[0].value!.split('|')[0])).toBeGreaterThanOrEqual(Date.parse(to));
    }, 120_000);

    it('stop: the flow shows STOPPING while its run finishes, then STOPPED; a stop request reaches the run', async () => {
      const ws = 'default';
      const template = weft.services.design.getTemplate('creatio-accounts-to-qbo-customers')!;
      const flowId = await weft.services.design.createFlow(
        ws,
        { ...template, name: 'Stoppable' },
        'creatio-accounts-to-qbo-customers',
      );
      await weft.services.design.publishFlow(ws, flowId, 'v1');
      // A slow Creatio keeps the run going long enough to be stopped mid-way (the engine reads 300 accounts in well under a second).
      weft.sandboxes!.creatio.faults.set({ latencyMs: 150 });
      await weft.services.runs.setFlowState(ws, flowId, 'started');
      const pool = weft.queue.pool;
      let runId: string | undefined;
      for (const end = Date.now() + 20_000; !runId && Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        runId = (await pool.query(`SELECT id FROM weft_runs WHERE flow_id = $1 AND status = 'running'`, [flowId]))
          .rows[0]?.id;
      }
      const state = await api.operations.stopFlow({ flowId, stopRunNow: true });
      weft.sandboxes!.creatio.faults.clear();
      expect(runId).toBeDefined();
      expect(state.state).toBe('STOPPING');
      let final: FlowState | undefined;
      for (const end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        final = (await api.operations.flowStates()).find((f) => f.flowId === flowId);
        if (final?.state === 'STOPPED') break;
      }
      expect(final?.state).toBe('STOPPED');
      const runs = await api.runs.list({ flowId });
      expect(runs.every((r) => r.status !== 'running' && r.status !== 'queued')).toBe(true);
    }, 60_000);
  });
}

type FlowState = { state: string };
