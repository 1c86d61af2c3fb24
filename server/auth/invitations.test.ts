// Issue 18 over real HTTP: adding a person with an account is an invitation they
// accept or decline, never a silent membership; the answer to the admin is the same
// whether the email has an account or not; a sign-in lands in the workspace last
// used; live run streams end when the watcher loses access.
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { ACCESS_RECHECK_MS } from '../access-watch';
import { bootWeft, type Weft } from '../boot';
import { Browser, data } from '../http/test-browser';

const TEMPLATE = 'creatio-accounts-to-qbo-customers';

/** Opens a live run stream (SSE) and resolves `ended` when the server closes it. */
function openStream(base: string, b: Browser, flowId: string): Promise<{ ended: Promise<void>; close(): void }> {
  const url = new URL(`/trpc/runs.watchFlow?input=${encodeURIComponent(JSON.stringify({ flowId }))}`, base);
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname + url.search,
        headers: { cookie: b.cookieHeader(), accept: 'text/event-stream' },
      },
      (res) => {
        if (res.statusCode !== 200) return fail(new Error(`stream answered ${res.statusCode}`));
        res.resume();
        ok({
          ended: new Promise((done) => res.on('end', () => done()).on('close', () => done())),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', fail);
    req.end();
  });
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p.then(() => 'ended'), new Promise((r) => setTimeout(() => r('still open'), ms))]);

for (const db of testDatabases()) {
  describe(`invitations and live access on ${db.name}`, { timeout: 240_000 }, () => {
    let weft: Weft;
    let dir: string;
    let admin: { email: string; password: string };
    let adminBrowser: Browser;

    async function signIn(email: string, password: string, from = 20): Promise<Browser> {
      const b = new Browser(weft.url!, `127.0.0.${from}`);
      await b.get('auth.me');
      const r = await b.post('auth.login', { email, password });
      expect(r.status, JSON.stringify(await r.clone().json())).toBe(200);
      return b;
    }
    const meOf = async (b: Browser) =>
      (await data(await b.get('auth.me'))).result!.data as {
        workspace: { id: string };
        workspaces: { workspaceId: string }[];
      };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-invite-'));
      weft = await bootWeft({
        dataDir: dir,
        port: 0,
        databaseUrl: db.url,
        pgSchema: testSchema('invite'),
        sandboxes: false,
        log: { info: () => undefined, warn: () => undefined, error: console.error },
      });
      admin = weft.firstAdmin as { email: string; password: string };
      adminBrowser = await signIn(admin.email, admin.password);
      // Maria has her own company's workspace; the demo company's admin will want her too.
      weft.services.accounts.createWorkspace('maria-co', 'Maria company');
      await weft.services.accounts.addMember(
        'maria-co',
        'maria@b.test',
        'Maria',
        'admin',
        'an old lantern by the sea',
        'someone@b.test',
      );
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('adds a person with an account only when they accept; the admin hears the same for known and unknown emails', async () => {
      const maria = await signIn('maria@b.test', 'an old lantern by the sea');
      expect((await meOf(maria)).workspaces.map((w) => w.workspaceId)).toEqual(['maria-co']);

      const add = async (email: string) => {
        const r = await adminBrowser.post('workspace.addMember', {
          email,
          role: 'analyst',
          password: 'a first password 77',
        });
        expect(r.status).toBe(200);
        return JSON.stringify((await data(r)).result!.data).replace(email, 'EMAIL');
      };
      expect(await add('maria@b.test')).toBe(await add('newcomer@a.test'));
      // Nobody became a member silently; both wait as invitations.
      const members = (await data(await adminBrowser.get('workspace.members'))).result!.data as { email: string }[];
      expect(members.map((m) => m.email)).not.toContain('maria@b.test');
      const pending = (await data(await adminBrowser.get('workspace.invitations'))).result!.data as {
        email: string;
        role: string;
      }[];
      expect(pending.map((p) => p.email)).toEqual(['maria@b.test', 'newcomer@a.test']);
      // Maria's password is hers: the admin's "first password" opens nothing.
      const tried = new Browser(weft.url!, '127.0.0.21');
      await tried.get('auth.me');
      expect((await tried.post('auth.login', { email: 'maria@b.test', password: 'a first password 77' })).status).toBe(
        401,
      );

      // Her next sign-in lands where she was, with the invitation to see.
      const again = await signIn('maria@b.test', 'an old lantern by the sea', 22);
      expect((await meOf(again)).workspace.id).toBe('maria-co');
      const mine = (await data(await again.get('auth.invitations'))).result!.data as {
        id: string;
        workspaceId: string;
        role: string;
      }[];
      expect(mine).toEqual([
        expect.objectContaining({ workspaceId: 'default', role: 'analyst', invitedBy: admin.email }),
      ]);
      expect((await again.post('auth.acceptInvitation', { id: mine[0].id })).status).toBe(200);
      expect((await meOf(again)).workspaces.map((w) => w.workspaceId).sort()).toEqual(['default', 'maria-co']);
      expect((await again.post('auth.acceptInvitation', { id: mine[0].id })).status).toBe(404);

      // The new person's first sign-in accepts theirs.
      const newcomer = await signIn('newcomer@a.test', 'a first password 77', 23);
      expect((await meOf(newcomer)).workspace.id).toBe('default');

      const audit = (await data(await adminBrowser.get('audit.list', { limit: 100 }))).result!.data as {
        action: string;
        subject: string;
      }[];
      for (const [action, subject] of [
        ['member.invite', 'maria@b.test'],
        ['member.invite', 'newcomer@a.test'],
        ['member.accept', 'maria@b.test'],
        ['member.accept', 'newcomer@a.test'],
      ]) {
        expect(audit).toContainEqual(expect.objectContaining({ action, subject }));
      }
    });

    it('a declined invitation makes no member; an invitation is only for its person', async () => {
      await adminBrowser.post('workspace.addMember', {
        email: 'decline@a.test',
        role: 'support',
        password: 'a first password 88',
      });
      const other = await signIn('newcomer@a.test', 'a first password 77', 24);
      const theirs = (
        (await data(await adminBrowser.get('workspace.invitations'))).result!.data as { id: string; email: string }[]
      ).find((i) => i.email === 'decline@a.test')!;
      expect((await other.post('auth.acceptInvitation', { id: theirs.id })).status).toBe(404);
      expect((await other.post('auth.declineInvitation', { id: theirs.id })).status).toBe(404);
      const maria = await signIn('maria@b.test', 'an old lantern by the sea', 25);
      await weft.services.accounts.addMember(
        'maria-co',
        'newcomer@a.test',
        '',
        'support',
        'whatever it is 123',
        'maria@b.test',
      );
      const inv = ((await data(await other.get('auth.invitations'))).result!.data as { id: string }[])[0];
      expect((await other.post('auth.declineInvitation', { id: inv.id })).status).toBe(200);
      expect((await meOf(other)).workspaces.map((w) => w.workspaceId)).toEqual(['default']);
      await maria.post('auth.switchWorkspace', { workspaceId: 'maria-co' });
      const audit = (await data(await maria.get('audit.list', { limit: 50 }))).result!.data as {
        action: string;
        subject: string;
      }[];
      expect(audit).toContainEqual(expect.objectContaining({ action: 'member.decline', subject: 'newcomer@a.test' }));
    });

    it('a sign-in lands in the workspace the person used last', async () => {
      const maria = await signIn('maria@b.test', 'an old lantern by the sea', 26);
      await maria.post('auth.switchWorkspace', { workspaceId: 'default' });
      await maria.post('auth.logout', {});
      expect((await meOf(await signIn('maria@b.test', 'an old lantern by the sea', 26))).workspace.id).toBe('default');
      const back = await signIn('maria@b.test', 'an old lantern by the sea', 26);
      await back.post('auth.switchWorkspace', { workspaceId: 'maria-co' });
      expect((await meOf(await signIn('maria@b.test', 'an old lantern by the sea', 26))).workspace.id).toBe('maria-co');
    });

    it('ends a live run stream when its watcher is removed from the workspace, or signs out everywhere', async () => {
      const { id: flowId } = (await data(await adminBrowser.post('flows.createFromTemplate', { templateId: TEMPLATE })))
        .result!.data as { id: string };
      await weft.services.accounts.addMember(
        'default',
        'watcher@a.test',
        '',
        'support',
        'eyes on the river 5',
        admin.email,
      );
      const watcher = await signIn('watcher@a.test', 'eyes on the river 5', 27);
      const stream = await openStream(weft.url!, watcher, flowId);
      expect(await within(stream.ended, 300)).toBe('still open');
      const userId = weft.services.accounts.store.userByEmail('watcher@a.test')!.id;
      expect((await adminBrowser.post('workspace.removeMember', { userId })).status).toBe(200);
      expect(await within(stream.ended, 2000)).toBe('ended');

      const own = await openStream(weft.url!, adminBrowser, flowId);
      expect(await within(own.ended, 300)).toBe('still open');
      const elsewhere = await signIn(admin.email, admin.password, 28);
      expect((await elsewhere.post('auth.logoutEverywhere', {})).status).toBe(200);
      expect(await within(own.ended, 2000)).toBe('ended');
    });

    it('ends a live run stream when its session expires', async () => {
      const flowId = (await weft.services.design.listFlows('default'))[0].id;
      await weft.services.accounts.addMember(
        'default',
        'expiring@a.test',
        '',
        'support',
        'time runs out 42',
        admin.email,
      );
      const b = await signIn('expiring@a.test', 'time runs out 42', 29);
      const stream = await openStream(weft.url!, b, flowId);
      expect(await within(stream.ended, 300)).toBe('still open');
      weft.design.sqlite
        .prepare(
          `UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = (SELECT id FROM users WHERE email = 'expiring@a.test')`,
        )
        .run();
      // Nothing in this process announced it: the periodic re-check (every ACCESS_RECHECK_MS) finds it.
      expect(await within(stream.ended, ACCESS_RECHECK_MS + 3000)).toBe('ended');
    });
  });
}
