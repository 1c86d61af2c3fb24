// Issue 5: a QuickBooks Desktop company file QuickBooks cannot answer for (a modal
// dialog, single-user mode) pauses the schedules of the flows touching it, shown
// to operators as PAUSED with the reason, and they carry on by themselves once a
// later Web Connector session gets through. Real PostgreSQL, the Desktop sandbox's
// Web Connector simulator polling /qbwc over HTTP, its fault injection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDesktopOutbox } from '../../engine/postgres/desktop-outbox';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import type { QbdFaultKind } from '../../sandbox/quickbooks-desktop';
import { bootWeft, type Weft } from '../boot';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';

const makeCaller = createCallerFactory(appRouter);
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const db of testDatabases()) {
  describe(`schedules wait for a paused QuickBooks Desktop company file on ${db.name}`, () => {
    let weft: Weft;
    let dir: string;
    let api: ReturnType<typeof makeCaller>;
    let flowId: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-qbd-pause-'));
      weft = await bootWeft({ dataDir: dir, port: 0, databaseUrl: db.url, pgSchema: testSchema('qbdpause'), qbdPollMs: 100, log: quiet });
      weft.services.accounts.store.createUser({ id: 'op', email: 'op@example.com', name: 'Op', passwordHash: null });
      weft.services.accounts.store.setRole('op', 'default', 'admin');
      api = makeCaller({ services: weft.services, actor: { userId: 'op', workspaceId: 'default' } });
      const template = weft.services.design.getTemplate('creatio-accounts-to-qbd-customers')!;
      const doc = { ...template, name: 'Accounts to Desktop', settings: { ...template.settings, schedule: { cron: '* * * * * *' } } };
      flowId = await weft.services.design.createFlow('default', doc, 'creatio-accounts-to-qbd-customers');
      await weft.services.design.publishFlow('default', flowId, 'every second');
      await weft.services.runs.setFlowState('default', flowId, 'started');
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const state = async () => (await api.operations.flowStates()).find((f) => f.flowId === flowId)!;
    const runsAfter = async (t: Date) => (await weft.queue.pool.query(`SELECT status FROM weft_runs WHERE flow_id = $1 AND queued_at > $2`, [flowId, t])).rows;
    async function until<T>(what: string, f: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
      for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) {
        const v = await f();
        if (v) return v;
      }
      throw new Error(`timed out waiting for ${what}`);
    }

    async function pauseAndResume(kind: QbdFaultKind, reason: RegExp, o: { nodeGivesUp?: boolean } = {}) {
      const pool = weft.queue.pool;
      // Some Desktop node's request must reach QuickBooks for the fault to show.
      const faults = weft.sandboxes!.qbd.faults;
      // Single-user mode and "not running" strike when a session opens the file. A session idling in
      // NoOp rounds (5 s each, real Web Connector timing) would carry the probe before any session opens
      // with the fault, so here sessions end as soon as there is nothing to do.
      weft.sandboxes!.qbd.connector!.o.maxNoOps = 0;
      faults.inject({ kind, times: 1_000 });
      const node = new AbortController();
      // The fault strikes when a Web Connector session opens the file. A session already open when the
      // request is queued carries it before the fault can show, so the request is queued again (new key)
      // until a session meets the fault.
      let probe = 0;
      let settled = false;
      let answered!: Promise<{ error: unknown }[]>;
      const submit = () => {
        settled = false;
        answered = new PgDesktopOutbox(pool, { pollMs: 50, timeoutMs: 60_000 }).submit('qbd-sandbox', [{ key: `test|${kind}|${probe++}`, request: { type: 'HostQuery' } }], { signal: node.signal });
        answered.then(() => (settled = true), () => undefined); // looked at below
      };
      submit();
      const paused = await until('PAUSED', async () => {
        const s = await state();
        if (s.state === 'PAUSED') return s;
        if (settled) submit();
        return false;
      });
      expect(paused.pausedBy).toBe('company-file:qbd-sandbox');
      expect(paused.pauseReason).toMatch(/^Paused: QuickBooks Desktop company file "qbd-sandbox" cannot answer\./);
      expect(paused.pauseReason).toMatch(reason);
      expect(paused.pauseReason).toMatch(/resumes this schedule by itself when the Web Connector reports the file is free/);
      expect(paused.nextRunAt).toBeNull();
      if (o.nodeGivesUp) {
        node.abort();
        await expect(answered).rejects.toThrow(/requests not yet collected were withdrawn/);
      }

      // The every-second schedule starts no run while the file is paused (a run already under way may finish).
      const since = new Date(Date.now() + 1000);
      await sleep(2000);
      expect((await state()).state).toBe('PAUSED');
      expect(await runsAfter(since)).toEqual([]);

      // Someone closes the dialog / switches to multi-user: the next Web Connector session gets through.
      faults.clear();
      const resumedAt = new Date();
      if (!o.nodeGivesUp) expect((await answered)[0].error).toBeNull();
      await until('the schedule to carry on', async () => (await state()).state !== 'PAUSED');
      const after = await until('runs after the resume', async () => { const r = await runsAfter(resumedAt); return r.filter((x) => x.status !== 'queued' && x.status !== 'running').length >= 2 && r; });
      expect(after.every((r) => r.status === 'succeeded' || r.status === 'queued' || r.status === 'running')).toBe(true);
      expect((await state()).pauseReason).toBeNull();
      expect((await pool.query(`SELECT paused_reason FROM weft_desktop_files WHERE connection_id = 'qbd-sandbox'`)).rows[0].paused_reason).toBeNull();
    }

    it('a modal dialog on the company file pauses the schedule with the reason, and it resumes after the dialog is closed', async () => {
      await until('a first run', async () => (await runsAfter(new Date(0))).some((r) => r.status === 'succeeded'), 60_000);
      await pauseAndResume('modal-dialog', /dialog box open/);
    }, 120_000);

    it('single-user mode (the Web Connector cannot open the file) pauses and resumes the same way', async () => {
      // The node gave up waiting (stopped, or its timeout): nothing of the flows is left in the outbox, yet
      // the Web Connector keeps coming (Weft's own probe waits there) and the file resumes.
      await pauseAndResume('single-user-mode', /single-user mode/, { nodeGivesUp: true });
    }, 120_000);
  });
}
