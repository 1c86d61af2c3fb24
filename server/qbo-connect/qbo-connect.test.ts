// Issues 4 + 7 over real HTTP: an admin starts a QuickBooks Online connect, the
// built-in sandbox's authorize endpoint redirects back, and the callback (same
// session) saves a working connection with its realm id. Another person's
// session, a reused state and an expired one are refused in plain words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { memoryContext } from '../../nodes/testing/memory-node-context';
import { openQboClient } from '../../nodes/quickbooks/online/qbo-connection';
import { bootWeft, type Weft } from '../boot';

const WS = 'default';
const CSRF = 'a-csrf-token-of-this-browser';

for (const db of testDatabases()) {
  describe(`QuickBooks Online connect on ${db.name}`, { timeout: 120_000 }, () => {
    let weft: Weft;
    let dir: string;
    let mine = '';
    let theirs = '';

    const cookies = (session?: string) =>
      [`weft_csrf=${CSRF}`, ...(session ? [`weft_session=${session}`] : [])].join('; ');
    async function trpc(session: string, path: string, input: unknown, method: 'GET' | 'POST' = 'POST') {
      const q = method === 'GET' ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
      const r = await fetch(`${weft.url}/trpc/${path}${q}`, {
        method,
        headers: { cookie: cookies(session), 'x-weft-csrf': CSRF, 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify(input) : undefined,
      });
      return { status: r.status, body: (await r.json()) as { result?: { data: any }; error?: { message: string } } };
    }
    /** Starts a connect as `session` and follows the sandbox's (auto-approving) authorize redirect: the callback address. */
    async function startAndAuthorize(session: string, name = 'Demo company (connected)'): Promise<string> {
      const started = await trpc(session, 'connections.startQboConnect', {
        name,
        environment: 'sandbox-local',
        origin: weft.url,
      });
      expect(started.status, JSON.stringify(started.body)).toBe(200);
      const authorizeUrl = new URL(started.body.result!.data.authorizeUrl as string);
      expect(authorizeUrl.searchParams.get('response_type')).toBe('code');
      expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${weft.url}/oauth/qbo/callback`);
      const r = await fetch(authorizeUrl, { redirect: 'manual' });
      expect(r.status).toBe(302);
      return r.headers.get('location')!;
    }
    const callback = (url: string, session?: string) =>
      fetch(url, { redirect: 'manual', headers: session ? { cookie: cookies(session) } : {} });

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-qbo-connect-'));
      weft = await bootWeft({
        dataDir: dir,
        port: 0,
        databaseUrl: db.url,
        pgSchema: testSchema('qboc'),
        worker: false,
        log: { info: () => undefined, warn: () => undefined, error: console.error },
      });
      const store = weft.services.accounts.store;
      mine = store.createSession(store.userByEmail(weft.firstAdmin!.email)!.id, WS);
      // Another admin of the same workspace: the state is bound to the person, not merely the role.
      store.createUser({ id: 'other-admin', email: 'other@a.test', name: 'Other', passwordHash: null });
      store.setRole('other-admin', WS, 'admin');
      theirs = store.createSession('other-admin', WS);
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('connects with the same session: realm id captured, tokens working, rotation keeps the expiry', async () => {
      const back = await startAndAuthorize(mine);
      const realmId = new URL(back).searchParams.get('realmId');
      expect(realmId).toBe(weft.sandboxes!.qbo.realmId);

      // Arriving from Intuit's site the Strict session cookie is absent: a same-site reload brings it.
      const bounce = await callback(back);
      expect(bounce.status).toBe(200);
      expect(await bounce.text()).toContain('again=1');
      const signedOut = await callback(`${back}&again=1`);
      expect(signedOut.status).toBe(401);
      expect(await signedOut.text()).toContain('Sign in to Weft as the person who started this QuickBooks connect');

      const other = await callback(back, theirs);
      expect(other.status).toBe(403);
      expect(await other.text()).toContain('started by someone else');

      const done = await callback(back, mine);
      expect(done.status).toBe(303);
      const id = decodeURIComponent(/connected=(.+)$/.exec(done.headers.get('location')!)![1]);
      expect(done.headers.get('location')).toBe(`/#/connections?connected=${encodeURIComponent(id)}`);

      const list = await trpc(mine, 'connections.list', undefined, 'GET');
      const c = (
        list.body.result!.data as {
          id: string;
          kind: string;
          details: Record<string, string>;
          warning: string | null;
        }[]
      ).find((x) => x.id === id)!;
      expect(c).toMatchObject({
        kind: 'quickbooks-online',
        name: 'Demo company (connected)',
        warning: null,
        details: { realmId, baseUrl: weft.sandboxes!.qbo.baseUrl },
      });
      const secrets = weft.design.resolveConnection(WS, id).settings;
      expect(secrets).toMatchObject({
        clientSecret: weft.sandboxes!.qbo.clientSecret,
        refreshToken: expect.any(String),
        accessToken: expect.any(String),
      });
      expect(Date.parse(String(secrets.refreshTokenExpiresAt)) - Date.now()).toBeGreaterThan(90 * 86_400_000);
      for (const s of [secrets.clientSecret, secrets.refreshToken, secrets.accessToken])
        expect(JSON.stringify(list.body)).not.toContain(String(s));

      const ctx = { ...memoryContext({}), connection: async (cid: string) => weft.design.resolveConnection(WS, cid) };
      const { client } = await openQboClient(ctx, id);
      expect(await client.count('Customer')).toBeGreaterThan(0);

      // Near its end the Connections list warns; a refresh (rotation) stores the new end, and the warning goes.
      await weft.design
        .resolveConnection(WS, id)
        .saveSettings({ refreshTokenExpiresAt: new Date(Date.now() + 5 * 86_400_000 + 60_000).toISOString() });
      const warned = (await trpc(mine, 'connections.list', undefined, 'GET')).body.result!.data.find(
        (x: { id: string }) => x.id === id,
      );
      expect(warned.warning).toMatch(
        /^The QuickBooks authorization ends in 6 days — reconnect before \d{4}-\d{2}-\d{2}\.$/,
      );
      await weft.design
        .resolveConnection(WS, id)
        .saveSettings({ refreshTokenExpiresAt: new Date(Date.now() - 1000).toISOString() });
      expect(weft.services.design.listConnections(WS).find((x) => x.id === id)!.warning).toBe(
        'The QuickBooks authorization ended — reconnect.',
      );
      weft.sandboxes!.qbo.store.expireAccessTokens(Date.now());
      expect(await client.count('Customer')).toBeGreaterThan(0); // 401, one refresh, its answer saved
      const rotated = weft.design.resolveConnection(WS, id).settings;
      // Within a day QuickBooks answers with the same refresh token, its end counting down (intuit/oauth-jsclient#74).
      expect(rotated.refreshToken).toBe(secrets.refreshToken);
      expect(Date.parse(String(rotated.refreshTokenExpiresAt)) - Date.now()).toBeGreaterThan(90 * 86_400_000);
      expect(weft.services.design.listConnections(WS).find((x) => x.id === id)!.warning).toBeNull();

      const audit = await trpc(mine, 'audit.list', { limit: 20 }, 'GET');
      expect(JSON.stringify(audit.body)).toContain('connection.create');

      // The same state a second time: refused.
      const reused = await callback(back, mine);
      expect(reused.status).toBe(400);
      expect(await reused.text()).toContain('already used');
    });

    it('refuses an expired state, and refuses non-admins at the start', async () => {
      const back = await startAndAuthorize(mine, 'Too slow');
      weft.design.sqlite
        .prepare(`UPDATE qbo_connect_attempts SET expires_at = ? WHERE used_at IS NULL`)
        .run(new Date(Date.now() - 1000).toISOString());
      const r = await callback(back, mine);
      expect(r.status).toBe(400);
      expect(await r.text()).toContain('expired');
      expect(weft.services.design.listConnections(WS).some((c) => c.name === 'Too slow')).toBe(false);

      const store = weft.services.accounts.store;
      store.createUser({ id: 'analyst-1', email: 'analyst@a.test', name: 'Analyst', passwordHash: null });
      store.setRole('analyst-1', WS, 'analyst');
      const refused = await trpc(store.createSession('analyst-1', WS), 'connections.startQboConnect', {
        name: 'x',
        environment: 'sandbox-local',
        origin: weft.url,
      });
      expect(refused.status).toBe(403);
    });

    it('asks for the client id and secret for Intuit environments, and never returns the secret', async () => {
      const missing = await trpc(mine, 'connections.startQboConnect', {
        name: 'Real',
        environment: 'production',
        origin: weft.url,
      });
      expect(missing.body.error?.message).toContain('client id and client secret');
      const ok = await trpc(mine, 'connections.startQboConnect', {
        name: 'Real',
        environment: 'sandbox',
        clientId: 'ABC',
        clientSecret: 'very-secret-value-123',
        origin: weft.url,
      });
      const url = new URL(ok.body.result!.data.authorizeUrl as string);
      expect(url.origin + url.pathname).toBe('https://appcenter.intuit.com/connect/oauth2');
      expect(url.searchParams.get('scope')).toBe('com.intuit.quickbooks.accounting');
      expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(40);
      expect(JSON.stringify(ok.body)).not.toContain('very-secret-value-123');
      const stored = weft.design.sqlite.prepare(`SELECT secrets, plan FROM qbo_connect_attempts`).all() as {
        secrets: string;
        plan: string;
      }[];
      expect(JSON.stringify(stored)).not.toContain('very-secret-value-123');
      expect(JSON.stringify(stored)).not.toContain(url.searchParams.get('state')!);
    });
  });
}
