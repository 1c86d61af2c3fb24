// Issue 7: every tRPC procedure × every role × own/other workspace (and nobody
// signed in), through appRouter.createCaller on a whole Weft (real PostgreSQL).
// Procedures other parts add are covered without listing them: the matrix reads
// the router. Then: nothing of workspace B is visible from A, and no response
// or log line carries a secret.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { bootWeft, type Weft } from '../boot';
import { appRouter } from '../router';
import { createCallerFactory, type Context, type ProcedureMeta } from '../trpc';
import { ROLES, roleCan, type Role } from './roles';
import { POLICY } from './test-authorization-policy';

const makeCaller = createCallerFactory(appRouter);
const TEMPLATE = 'creatio-accounts-to-qbo-customers';
const A = 'default';
const B = 'other-company';
type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };

/** Calls a procedure by its dotted path; subscriptions yield their first value (or none within 1.5 s). */
async function call(ctx: Context, path: string, input: unknown, first = false): Promise<Outcome> {
  const ac = new AbortController();
  const caller = makeCaller(ctx, { signal: ac.signal }) as unknown as Record<string, unknown>;
  const fn = path.split('.').reduce<any>((o, k) => o[k], caller) as (i: unknown) => Promise<unknown>;
  try {
    let value = await fn(input);
    if (first && value && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      const it = (value as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      value = await Promise.race([it.next().then((r) => r.value), new Promise((r) => setTimeout(r, 1500))]);
    }
    return { ok: true, value };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { ok: false, code: err.code ?? 'UNKNOWN', message: err.message ?? '' };
  } finally {
    ac.abort();
  }
}

for (const db of testDatabases()) {
  describe(`authorization on ${db.name}`, () => {
    let weft: Weft;
    let dir: string;
    const logs: string[] = [];
    let flowA = '';
    let flowB = '';
    let runA = '';
    let runB = '';
    const ctx = (userId: string | null, workspaceId = A): Context => ({
      services: weft.services,
      actor: userId ? { userId, workspaceId } : null,
    });

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-authz-'));
      const keep = (m: string, f?: Record<string, unknown>) => void logs.push(f ? `${m} ${JSON.stringify(f)}` : m);
      weft = await bootWeft({
        dataDir: dir,
        port: null,
        databaseUrl: db.url,
        pgSchema: testSchema('authz'),
        log: { info: keep, warn: keep, error: keep },
      });
      const store = weft.services.accounts.store;
      weft.services.accounts.createWorkspace(B, 'Other company');
      for (const role of ROLES) {
        store.createUser({ id: role, email: `${role}@a.test`, name: role, passwordHash: null });
        store.setRole(role, A, role);
      }
      store.createUser({ id: 'admin-b', email: 'admin@b.test', name: 'B', passwordHash: null });
      store.setRole('admin-b', B, 'admin');
      weft.design.upsertConnection({
        id: 'b-creatio',
        workspaceId: B,
        kind: 'creatio',
        name: 'B Creatio',
        settings: { baseUrl: 'http://127.0.0.1:9' },
        secrets: { password: 'b-company-password-123' },
      });
      // The template's QuickBooks slot takes B's own company (a flow with an empty slot does not start).
      weft.design.upsertConnection({
        id: 'b-qbo',
        workspaceId: B,
        kind: 'quickbooks-online',
        name: 'B QuickBooks',
        settings: { baseUrl: 'http://127.0.0.1:9', realmId: '1', clientId: 'b' },
        secrets: { clientSecret: 'b-client-secret-123', refreshToken: 'b-refresh-123' },
      });
      flowA = (
        (await call(ctx('admin'), 'flows.createFromTemplate', { templateId: TEMPLATE })) as { value: { id: string } }
      ).value.id;
      flowB = (
        (await call(ctx('admin-b', B), 'flows.createFromTemplate', { templateId: TEMPLATE, name: 'B flow' })) as {
          value: { id: string };
        }
      ).value.id;
      runA = ((await call(ctx('admin'), 'runs.start', { flowId: flowA })) as { value: { runId: string } }).value.runId;
      runB = ((await call(ctx('admin-b', B), 'runs.start', { flowId: flowB })) as { value: { runId: string } }).value
        .runId;
      await weft.queue.pool.query(
        `INSERT INTO weft_failures (run_id, node_id, record_key, code, message, failure, ` +
          `record) VALUES ($1, 'customers', 'b-1', 'X', 'B only', '{}', '{"Name":"B secret customer"}')`,
        [runB],
      );
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Inputs that reach each procedure's logic without changing what other checks rely on. */
    const sample = (path: string): unknown =>
      ({
        'templates.get': { id: TEMPLATE },
        'templates.publish': {
          flowId: 'no-such-flow',
          templateId: null,
          fields: { title: 'T', objects: ['A'], direction: 'd' },
        },
        'templates.update': { flowId: 'no-such-flow' },
        'templates.applyUpdate': { flowId: 'no-such-flow' },
        'flows.get': { id: flowA },
        'flows.validate': { document: {} },
        'flows.createFromTemplate': { templateId: 'no-such-template' },
        'flows.importDocument': { id: 'x', document: {} },
        'flows.save': { id: 'no-such-flow', document: {} },
        'flows.publish': { id: 'no-such-flow' },
        'flows.setState': { id: 'no-such-flow', state: 'stopped' },
        'flows.watermarks': { id: flowA },
        'flows.setWatermark': { id: 'no-such-flow', nodeId: 'x', value: null },
        'runs.start': { flowId: 'no-such-flow' },
        'runs.get': { runId: runA },
        'runs.list': { flowId: flowA },
        'runs.failures': { runId: runA },
        'runs.watchFlow': { flowId: flowA },
        'mapping.fields': { flowId: 'no-such-flow', nodeId: 'map-customer' },
        'mapping.preview': { flowId: 'no-such-flow', nodeId: 'map-customer' },
        'mapping.check': { flowId: 'no-such-flow', nodeId: 'map-customer' },
        'history.runs': { flowId: flowA },
        'history.chart': { flowId: flowA },
        'history.log': { runId: runA },
        'history.pastRun': { runId: runA },
        'history.checkQueryStart': { flowId: flowA, value: '2026-01-01T00:00:00Z' },
        'history.catchUpAdvice': { flowId: flowA },
        'history.catchUpProgress': { runId: runA },
        'auth.login': { email: '', password: '' },
        'auth.changePassword': { current: 'wrong', next: 'x' },
        'auth.switchWorkspace': { workspaceId: A },
        'audit.list': {},
        'audit.export': { format: 'json' },
        'workspace.addMember': { email: 'not an email', role: 'admin', password: '' },
        'workspace.setRole': { userId: 'nobody', role: 'support' },
        'workspace.removeMember': { userId: 'nobody' },
        'workspace.create': { name: '' },
        'auth.acceptInvitation': { id: '00000000-0000-4000-8000-000000000000' },
        'auth.declineInvitation': { id: '00000000-0000-4000-8000-000000000000' },
        'workspace.cancelInvitation': { id: 'no-such-invitation' },
        'workspace.unlockMember': { userId: 'nobody' },
        'workspace.resetMemberPassword': { userId: 'nobody' },
        'flows.versions.list': { id: flowA },
        'flows.versions.exportFile': { id: flowA },
        'flows.versions.rollback': { id: 'no-such-flow', version: 1 },
        'flows.versions.remove': { id: 'no-such-flow' },
        'flows.versions.importFile': { text: '{ not a flow' },
      })[path] ?? {};

    const procedures = () =>
      Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>);

    it('every procedure declares what it needs, as the issue assigns it to roles', () => {
      const undeclared = procedures()
        .filter(([, p]) => !p._def.meta?.access || p._def.meta.legacy)
        .map(([path]) => path);
      expect(undeclared).toEqual([]);
      expect(procedures().length).toBeGreaterThan(25);
      const declared = Object.fromEntries(procedures().map(([path, p]) => [path, p._def.meta!.access]));
      for (const path of Object.keys(POLICY)) expect(declared[path], path).toBe(POLICY[path]);
    });

    it('checks role and workspace on every procedure, for every role', async () => {
      const wrong: string[] = [];
      const refused = (o: Outcome) => !o.ok && (o.code === 'FORBIDDEN' || o.code === 'UNAUTHORIZED');
      for (const [path, p] of procedures()) {
        const access = p._def.meta!.access;
        const anon = await call(ctx(null), path, sample(path));
        if (access === 'anyone' ? refused(anon) : !(!anon.ok && anon.code === 'UNAUTHORIZED'))
          wrong.push(`${path}: nobody signed in → ${JSON.stringify(anon)}`);
        for (const role of ROLES) {
          const own = await call(ctx(role, A), path, sample(path));
          const allowed = access === 'anyone' || access === 'signed-in' || roleCan(role as Role, access);
          if (allowed === refused(own))
            wrong.push(
              `${path} as ${role} in own workspace: expected ${allowed ? 'allowed' : 'refused'}, got ${JSON.stringify(own)}`,
            );
          const other = await call(ctx(role, B), path, sample(path));
          const otherAllowed = access === 'anyone' || access === 'signed-in';
          if (otherAllowed === refused(other) || (!otherAllowed && !(!other.ok && other.code === 'FORBIDDEN'))) {
            wrong.push(
              `${path} as ${role} in another workspace: expected ${otherAllowed ? 'allowed' : 'FORBIDDEN'}, got ${JSON.stringify(other)}`,
            );
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it('a refusal says why in plain words', async () => {
      expect(await call(ctx('support'), 'flows.publish', { id: flowA })).toMatchObject({
        ok: false,
        message: 'Your role here (support) does not allow you to publish flows. Ask a workspace admin.',
      });
      expect(await call(ctx(null), 'flows.list', undefined)).toMatchObject({
        ok: false,
        message: 'Your session ended — sign in again.',
      });
    });

    it('shows nothing of another workspace: flows, runs, failed records, subscriptions, connections, audit', async () => {
      const admin = ctx('admin');
      const listed = (await call(admin, 'flows.list', undefined)) as { value: { id: string }[] };
      expect(listed.value.map((f) => f.id)).toContain(flowA);
      expect(listed.value.map((f) => f.id)).not.toContain(flowB);
      for (const [path, input] of [
        ['flows.get', { id: flowB }],
        ['flows.watermarks', { id: flowB }],
        ['runs.get', { runId: runB }],
        ['flows.setState', { id: flowB, state: 'stopped' }],
        ['flows.save', { id: flowB, document: (await weft.services.design.getFlow(B, flowB))!.draft }],
        ['flows.publish', { id: flowB }],
        ['runs.start', { flowId: flowB }],
        ['runs.watchFlow', { flowId: flowB }],
        ['mapping.preview', { flowId: flowB, nodeId: 'map-customer' }],
        ['mapping.fields', { flowId: flowB, nodeId: 'map-customer' }],
      ] as const) {
        expect(await call(admin, path, input, true), path).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      }
      expect(await call(admin, 'runs.list', { flowId: flowB })).toEqual({ ok: true, value: [] });
      expect(await call(admin, 'runs.failures', { runId: runB })).toEqual({ ok: true, value: [] });
      // Issue 18: an import answers the same whether another workspace has a flow of that name or not,
      // and leaves that flow alone.
      const draftB = (await weft.services.design.getFlow(B, flowB))!.draft;
      expect(
        await call(ctx('admin-b', B), 'flows.importDocument', { id: 'quarterly', document: draftB }),
      ).toMatchObject({ ok: true, value: { id: `${B}.quarterly` } });
      const taken = await call(admin, 'flows.importDocument', {
        id: 'quarterly',
        document: { ...draftB, name: 'A quarterly' },
      });
      const fresh = await call(admin, 'flows.importDocument', {
        id: 'never-used-name',
        document: { ...draftB, name: 'A quarterly' },
      });
      expect(JSON.stringify(taken).replace('quarterly', 'NAME')).toBe(
        JSON.stringify(fresh).replace('never-used-name', 'NAME'),
      );
      expect(taken).toMatchObject({ ok: true, value: { id: 'quarterly' } });
      expect((await weft.services.design.getFlow(B, `${B}.quarterly`))!.name).toBe('B flow');
      expect(await call(admin, 'flows.importDocument', { id: flowB, document: draftB })).toMatchObject({
        ok: false,
        code: 'BAD_REQUEST',
      });
      expect((await weft.services.design.getFlow(B, flowB))!.name).toBe('B flow');
      const conns = (await call(admin, 'connections.list', undefined)) as { value: { id: string }[] };
      expect(conns.value.map((c) => c.id)).not.toContain('b-creatio');
      const everything = JSON.stringify([
        await call(admin, 'audit.list', { limit: 500 }),
        await call(admin, 'audit.export', { format: 'csv' }),
        await call(admin, 'workspace.members', undefined),
      ]);
      expect(everything).toContain(flowA);
      for (const leak of [flowB, runB, 'admin@b.test', 'B secret customer']) expect(everything).not.toContain(leak);
      // And B sees its own.
      expect(await call(ctx('admin-b', B), 'runs.failures', { runId: runB })).toMatchObject({
        ok: true,
        value: [{ recordKey: 'b-1' }],
      });
    });

    it('the audit log records who did what', async () => {
      await call(ctx('analyst'), 'flows.save', {
        id: flowA,
        document: (await weft.services.design.getFlow(A, flowA))!.draft,
      });
      const entries = (await call(ctx('admin'), 'audit.list', { limit: 50 })) as {
        value: { actor: string; action: string; subject: string }[];
      };
      expect(entries.value).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: 'analyst@a.test', action: 'flow.save', subject: flowA }),
          expect.objectContaining({ actor: 'admin@a.test', action: 'run.start', subject: flowA }),
          expect.objectContaining({ actor: 'admin@a.test', action: 'flow.create', subject: flowA }),
        ]),
      );
    });

    it('no API response and no log line carries a secret', async () => {
      const secrets: string[] = [
        readFileSync(join(dir, 'secret.key'), 'utf8').trim(),
        readFileSync(join(dir, 'machine.token'), 'utf8').trim(),
        'b-company-password-123',
      ];
      for (const c of [...weft.services.design.listConnections(A), ...weft.services.design.listConnections(B)]) {
        const ws = c.id.startsWith('b-') ? B : A;
        const { settings } = weft.design.resolveConnection(ws, c.id);
        for (const k of ['password', 'clientSecret', 'refreshToken', 'accessToken'])
          if (typeof settings[k] === 'string') secrets.push(settings[k] as string);
      }
      expect(secrets.length).toBeGreaterThanOrEqual(5);
      const responses: string[] = [];
      for (const [path] of procedures()) {
        if (path === 'workspace.createMetricsToken') continue; // its answer is a new token, shown once on purpose
        for (const who of [ctx('admin'), ctx('admin-b', B)]) {
          const o = await call(who, path, sample(path), true);
          if (o.ok) responses.push(`${path} ${JSON.stringify(o.value)}`);
        }
      }
      expect(responses.length).toBeGreaterThan(20);
      const all = responses.join('\n') + logs.join('\n');
      for (const s of secrets) expect(all.includes(s), `a secret (${s.slice(0, 3)}…) leaked`).toBe(false);
    });
  });
}
