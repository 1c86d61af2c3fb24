// Cron schedules on real PostgreSQL (issue 6): "* * * * * *" (every second, with
// a seconds field) fires runs again and again through the worker, one run of the
// flow at a time, and the flow manager shows when the next one is due.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upcomingDueTimes } from '../flow/schedule-times';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../scripts/test-databases';
import { bootWeft, type Weft } from './boot';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const makeCaller = createCallerFactory(appRouter);
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

for (const db of testDatabases()) {
  describe(`cron schedules on ${db.name}`, () => {
    let weft: Weft;
    let dir: string;
    let api: ReturnType<typeof makeCaller>;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-cron-'));
      weft = await bootWeft({
        dataDir: dir,
        port: null,
        databaseUrl: db.url,
        pgSchema: testSchema('cron'),
        log: quiet,
      });
      weft.services.accounts.store.createUser({ id: 'op', email: 'op@example.com', name: 'Op', passwordHash: null });
      weft.services.accounts.store.setRole('op', 'default', 'admin');
      api = makeCaller({ services: weft.services, actor: { userId: 'op', workspaceId: 'default' } });
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('an every-second cron schedule runs the flow repeatedly through the worker', async () => {
      const ws = 'default';
      const template = weft.services.design.getTemplate('creatio-accounts-to-qbo-customers')!;
      const doc = {
        ...template,
        name: 'Every second',
        settings: { ...template.settings, schedule: { cron: '* * * * * *' } },
      };
      const flowId = await weft.services.design.createFlow(ws, doc, 'creatio-accounts-to-qbo-customers');
      // People's schedules run at most once a minute (issue 18): the settings preview says so.
      // The scheduler itself runs what it is handed, which is what this test measures.
      const preview = await api.operations.nextRuns({
        schedule: { cron: '* * * * * *' },
        sleepWindow: null,
        timeZone: 'America/New_York',
      });
      expect(preview.problem).toMatch(/at most once a minute/);
      const times = upcomingDueTimes(
        { schedule: { cron: '* * * * * *' }, sleepWindow: null, timeZone: 'America/New_York' },
        new Date(),
        3,
      );
      expect(times.map((t) => t.getTime() % 1000)).toEqual([0, 0, 0]);
      expect(times[2].getTime() - times[0].getTime()).toBe(2000);

      await weft.services.design.publishFlow(ws, flowId, 'every second');
      const startedAt = Date.now();
      await weft.services.runs.setFlowState(ws, flowId, 'started');
      const pool = weft.queue.pool;
      const finished = async () =>
        (
          await pool.query(
            `SELECT status, queued_at FROM weft_runs WHERE flow_id = $1 AND trigger = 'schedule' AND finished_at IS NOT NULL ORDER BY queued_at`,
            [flowId],
          )
        ).rows;
      // The first run copies the sandbox's accounts; the later ones find nothing new and take well under a second.
      let runs = await finished();
      for (
        const end = Date.now() + 45_000;
        runs.length < 4 && Date.now() < end;
        await new Promise((r) => setTimeout(r, 200))
      )
        runs = await finished();
      expect(runs.length).toBeGreaterThanOrEqual(4);
      expect(runs.every((r) => r.status === 'succeeded' || r.status === 'completed-with-errors')).toBe(true);
      // Never more often than once a second: at most one run per whole second since Start (plus Start's own).
      const queued = (await pool.query(`SELECT count(*)::int AS n FROM weft_runs WHERE flow_id = $1`, [flowId])).rows[0]
        .n;
      expect(queued).toBeLessThanOrEqual(Math.ceil((Date.now() - startedAt) / 1000) + 1);
      // One run of the flow at a time.
      const overlapping = await pool.query(
        `SELECT count(*)::int AS n FROM weft_runs a JOIN weft_runs b ON a.flow_id = b.flow_id AND a.id < b.id
          WHERE a.flow_id = $1 AND a.started_at < b.finished_at AND b.started_at < a.finished_at`,
        [flowId],
      );
      expect(overlapping.rows[0].n).toBe(0);
      const state = (await api.operations.flowStates()).find((f) => f.flowId === flowId)!;
      expect(state.state).toMatch(/STARTED|RUNNING/);
      if (state.nextRunAt) expect(Date.parse(state.nextRunAt) % 1000).toBe(0);
      await api.operations.stopFlow({ flowId, stopRunNow: true });
    }, 60_000);

    it('refuses a cron the scheduler cannot run, on save, publish, preview and start, saying which field is wrong', async () => {
      const ws = 'default';
      const template = weft.services.design.getTemplate('creatio-accounts-to-qbo-customers')!;
      const bad = {
        ...template,
        name: 'Bad cron',
        settings: { ...template.settings, schedule: { cron: '0 25 * * *' } },
      };
      const message = 'Schedule "0 25 * * *": hour 25 is out of range 0–23. Correct it in the flow settings.';
      const flowId = await weft.services.design.createFlow(ws, bad, 'creatio-accounts-to-qbo-customers');
      expect((await api.flows.save({ id: flowId, document: bad })).problems).toContainEqual({
        path: 'settings.schedule.cron',
        message,
      });
      await expect(api.flows.publish({ id: flowId })).rejects.toThrow(/hour 25 is out of range 0–23/);
      expect(
        await api.operations.nextRuns({ schedule: { cron: '0 25 * * *' }, sleepWindow: null, timeZone: 'UTC' }),
      ).toEqual({ problem: message, times: [] });
      // A version published before this check existed is refused at Start, not left to fail on every tick.
      await weft.services.design.publishFlow(ws, flowId, 'published without the API check');
      await expect(weft.services.runs.setFlowState(ws, flowId, 'started')).rejects.toThrow(
        /hour 25 is out of range 0–23/,
      );
    });
  });
}
