// Issue 18's "low" items over real HTTP: error bodies without stack traces or paths,
// 400s that name the problem (malformed run ids, cookies, deeply nested JSON), the
// schedule floor, utility ranges, Query Starts, audited stop and utility runs, and a
// data folder only its owner can read.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { bootWeft, ROOT, type Weft } from '../boot';
import { Browser, data } from './test-browser';

const TEMPLATE = 'creatio-accounts-to-qbo-customers';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

for (const db of testDatabases()) {
  describe(`request hardening on ${db.name}`, { timeout: 120_000 }, () => {
    let weft: Weft;
    let dir: string;
    let b: Browser;
    let flowId = '';

    beforeAll(async () => {
      // A data folder an older Weft left readable by everyone.
      dir = mkdtempSync(join(tmpdir(), 'weft-harden-'));
      chmodSync(dir, 0o755);
      writeFileSync(join(dir, 'weft.sqlite'), '', { mode: 0o644 });
      chmodSync(join(dir, 'weft.sqlite'), 0o644);
      weft = await bootWeft({
        dataDir: dir,
        port: 0,
        databaseUrl: db.url,
        pgSchema: testSchema('harden'),
        sandboxes: false,
        log: quiet,
      });
      const admin = weft.services.accounts.store.userByEmail(weft.firstAdmin!.email)!;
      b = new Browser(weft.url!);
      b.cookies.set('weft_session', weft.services.accounts.store.createSession(admin.id, 'default'));
      b.cookies.set('weft_csrf', 'a-csrf-token-of-this-browser');
      flowId = (
        (await data(await b.post('flows.createFromTemplate', { templateId: TEMPLATE }))).result!.data as { id: string }
      ).id;
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers a malformed run id with a 400 naming it, and no error body carries a stack trace or a path', async () => {
      const r = await b.get('runs.get', { runId: 'not-a-run' });
      expect(r.status).toBe(400);
      const body = await r.text();
      expect(body).toContain('a run id looks like');
      expect(body).not.toMatch(/invalid input syntax|"stack"/);
      const unreadable = await b.raw('GET', '/trpc/flows.get?input=%7Bnot-json');
      expect(unreadable.status).toBe(400);
      const text = await unreadable.text();
      expect(text).not.toContain('"stack"');
      expect(text).not.toContain(ROOT);
      expect((await b.post('operations.stopRun', { runId: '42' })).status).toBe(400);
    });

    it('names an unreadable cookie with a 400 instead of failing with a 500', async () => {
      const r = await b.raw('GET', '/trpc/auth.me', undefined, { cookie: 'weft_session=%E0%A4%A' });
      expect(r.status).toBe(400);
      expect((await data(r)).error!.message).toMatch(/cookie "weft_session" could not be read/);
    });

    it('refuses JSON nested deeper than 64 levels, in a body or in the address, saying so', async () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      const posted = await b.raw('POST', '/trpc/flows.save', `{"id":"x","document":${deep}}`);
      expect(posted.status).toBe(400);
      expect((await data(posted)).error!.message).toBe(
        'The request body nests 5001 levels deep; Weft accepts JSON nested at most 64 levels.',
      );
      const deepInAddress = '['.repeat(500) + ']'.repeat(500); // an address stays under Node's 16 KB of headers
      const inAddress = await b.raw(
        'GET',
        `/trpc/flows.validate?input=${encodeURIComponent(`{"document":${deepInAddress}}`)}`,
      );
      expect(inAddress.status).toBe(400);
      expect((await data(inAddress)).error!.message).toBe(
        'The input in the address nests 501 levels deep; Weft accepts JSON nested at most 64 levels.',
      );
    });

    it("keeps people's schedules to at most once a minute, saying so on save, publish and preview", async () => {
      const doc = (await data(await b.get('flows.get', { id: flowId }))).result!.data as {
        draft: { settings: Record<string, unknown> };
      };
      const fast = { ...doc.draft, settings: { ...doc.draft.settings, schedule: { every: '0ms' } } };
      const saved = (await data(await b.post('flows.save', { id: flowId, document: fast }))).result!.data as {
        problems: { message: string }[];
      };
      expect(saved.problems.map((p) => p.message)).toContain(
        'Schedule "every 0ms": Weft runs a flow at most once a minute. Use 1m or more in the flow settings.',
      );
      const published = await b.post('flows.publish', { id: flowId });
      expect(published.status).toBe(400);
      expect((await data(published)).error!.message).toContain('at most once a minute');
      const preview = (
        await data(
          await b.get('operations.nextRuns', { schedule: { cron: '* * * * * *' }, sleepWindow: null, timeZone: 'UTC' }),
        )
      ).result!.data as { problem: string };
      expect(preview.problem).toBe(
        'Schedule "* * * * * *" runs more than once a minute (its first field is seconds); Weft ' +
          'runs a flow at most once a minute. Put one second in the first field (e.g. 0 * * * * *) or ' +
          'use a 5-field cron.',
      );
      const minute = (
        await data(
          await b.get('operations.nextRuns', {
            schedule: { cron: '30 * * * * *' },
            sleepWindow: null,
            timeZone: 'UTC',
          }),
        )
      ).result!.data as { problem: string | null };
      expect(minute.problem).toBeNull();
      const ok = { ...doc.draft, settings: { ...doc.draft.settings, schedule: { every: '1m' } } };
      // This Weft has no connections (sandboxes off), so only the schedule's problems matter here.
      const okProblems = (
        (await data(await b.post('flows.save', { id: flowId, document: ok }))).result!.data as {
          problems: { path?: string; message: string }[];
        }
      ).problems;
      expect(okProblems.filter((p) => !p.path?.endsWith('connection'))).toEqual([]);
    });

    it('refuses a utility run whose range ends before it starts', async () => {
      const r = await b.post('operations.startUtility', {
        flowId,
        kind: 'bulk-load',
        from: '2026-03-01T00:00:00Z',
        to: '2026-01-01T00:00:00Z',
      });
      expect(r.status).toBe(400);
      expect((await data(r)).error!.message).toContain('The date range ends before it starts');
    });

    it('refuses a Query Start that is not a date, or for a node that is not a source of the flow', async () => {
      const garbage = await b.post('flows.setWatermark', {
        id: flowId,
        nodeId: 'accounts',
        value: "'; DROP TABLE x; --",
      });
      expect(garbage.status).toBe(400);
      expect((await data(garbage)).error!.message).toMatch(
        /^Query Start of "accounts": "'; DROP TABLE x; --" is not a date and time with a zone/,
      );
      const unknown = await b.post('flows.setWatermark', { id: flowId, nodeId: 'no-such-node', value: null });
      expect(unknown.status).toBe(400);
      expect((await data(unknown)).error!.message).toBe(
        `Flow "${flowId}" has no source node "no-such-node", so it has no Query Start to set. Its sources: accounts.`,
      );
      expect(
        (
          await b.post('flows.setWatermark', {
            id: flowId,
            nodeId: 'accounts',
            value: '2026-01-05T09:00:00.1234567Z|0b4f1c2e-4a9c-4d3b-9e51-7c2d9f0a1b2c',
          })
        ).status,
      ).toBe(200);
    });

    it('audits utility runs and stopped runs', async () => {
      const started = await b.post('operations.startUtility', { flowId, kind: 'single' });
      expect(started.status, await started.clone().text()).toBe(200);
      const { runId } = (await data(started)).result!.data as { runId: string };
      expect((await b.post('operations.stopRun', { runId })).status).toBe(200);
      const audit = (await data(await b.get('audit.list', { limit: 50 }))).result!.data as {
        action: string;
        subject: string;
        detail: Record<string, unknown>;
      }[];
      expect(audit).toContainEqual(
        expect.objectContaining({
          action: 'run.utility',
          subject: flowId,
          detail: expect.objectContaining({ runId, kind: 'single' }),
        }),
      );
      expect(audit).toContainEqual(expect.objectContaining({ action: 'run.stop', subject: runId }));
    });

    it('keeps the data folder and the design store readable by their owner only, fixing an older folder', () => {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const f of ['weft.sqlite', 'secret.key', 'machine.token', 'weft.json'])
        expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
    });
  });
}
