// Issue 7 over real HTTP: sign-in with httpOnly SameSite cookies, CSRF attempts
// refused, lockout, sign-out everywhere, password change, security headers,
// size limits, machine and metrics tokens, /metrics per workspace.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { SIGN_IN_REFUSED } from '../auth/accounts';
import { bootWeft, type Weft } from '../boot';
import { Browser, data } from './test-browser';

for (const db of testDatabases()) {
  // Sign-ins hash with scrypt at full strength: slow on a busy machine, hence the long timeout.
  describe(`web security on ${db.name}`, { timeout: 240_000 }, () => {
    let weft: Weft;
    let dir: string;
    let email = '';
    let password = '';

    /** A browser with a session made directly in the store: sign-in itself (scrypt, slow on purpose) is tested once. */
    function withSession(): Browser {
      const b = new Browser(weft.url!);
      const admin = weft.services.accounts.store.userByEmail(email)!;
      b.cookies.set('weft_session', weft.services.accounts.store.createSession(admin.id, 'default'));
      b.cookies.set('weft_csrf', 'a-csrf-token-of-this-browser');
      return b;
    }

    async function signedIn(pw = password): Promise<Browser> {
      const b = new Browser(weft.url!);
      await b.get('auth.me');
      const r = await b.post('auth.login', { email, password: pw });
      expect(r.status, JSON.stringify(await r.clone().json())).toBe(200);
      return b;
    }

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-web-'));
      weft = await bootWeft({
        dataDir: dir,
        port: 0,
        databaseUrl: db.url,
        pgSchema: testSchema('web'),
        sandboxes: false,
        log: { info: () => undefined, warn: () => undefined, error: console.error },
      });
      ({ email, password } = weft.firstAdmin as { email: string; password: string });
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('sends security headers and a strict content security policy', async () => {
      const r = await fetch(`${weft.url}/healthz`);
      const csp = r.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-eval|https?:/);
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await r.json()).toEqual({ status: 'ready' });
    });

    it('signs in with an httpOnly SameSite cookie that never appears in a body', async () => {
      const b = new Browser(weft.url!);
      expect(await data(await b.get('auth.me'))).toEqual({ result: { data: null } });
      expect((await b.get('flows.list')).status).toBe(401);
      const r = await b.post('auth.login', { email, password });
      const cookie = r.headers.getSetCookie().find((c) => c.startsWith('weft_session='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      const body = JSON.stringify(await r.json());
      expect(body).toContain('"role":"admin"');
      expect(body).not.toContain(b.cookies.get('weft_session'));
      expect((await b.get('flows.list')).status).toBe(200);
      expect(await data(await b.post('auth.logout', {}))).toEqual({ result: { data: { ok: true } } });
      expect((await b.get('flows.list')).status).toBe(401);
    });

    it('refuses mutations that do not prove they come from a Weft page (CSRF)', async () => {
      const b = withSession();
      const make = { templateId: 'creatio-accounts-to-qbo-customers' };
      const before = weft.design.listFlows('default').length;
      expect((await b.post('flows.createFromTemplate', make, { csrf: null })).status).toBe(403);
      expect(
        (await b.post('flows.createFromTemplate', make, { csrf: 'forged-token-of-the-same-length-0000' })).status,
      ).toBe(403);
      expect((await b.post('flows.createFromTemplate', make, { origin: 'http://evil.example' })).status).toBe(403);
      expect((await b.post('flows.createFromTemplate', make, { csrf: null, contentType: 'text/plain' })).status).toBe(
        403,
      );
      const refused = await b.post('flows.createFromTemplate', make, { csrf: null });
      expect((await data(refused)).error!.message).toContain('did not come from a Weft page');
      expect(weft.design.listFlows('default').length).toBe(before);
      expect((await b.post('flows.createFromTemplate', make)).status).toBe(200);
      expect(weft.design.listFlows('default').length).toBe(before + 1);
      // Sign-in itself needs the token too (login CSRF).
      expect((await new Browser(weft.url!).post('auth.login', { email, password }, { csrf: null })).status).toBe(403);
    });

    it('ends every session on "sign out everywhere", and other sessions on a password change', async () => {
      const [one, two] = [withSession(), withSession()];
      const ended = (await data(await one.post('auth.logoutEverywhere', {}))).result!.data as { ended: number };
      expect(ended.ended).toBeGreaterThanOrEqual(2);
      expect((await one.get('flows.list')).status).toBe(401);
      expect((await two.get('flows.list')).status).toBe(401);

      const [here, there] = [withSession(), withSession()];
      const weak = await here.post('auth.changePassword', { current: password, next: 'short' });
      expect((await data(weak)).error!.message).toBe('Use at least 12 characters for the password.');
      const next = 'a new long passphrase 42';
      expect((await here.post('auth.changePassword', { current: password, next })).status).toBe(200);
      expect((await here.get('flows.list')).status).toBe(200);
      expect((await there.get('flows.list')).status).toBe(401);
      const again = new Browser(weft.url!);
      await again.get('auth.me');
      expect((await again.post('auth.login', { email, password })).status).toBe(401);
      password = next;
      await signedIn();
    });

    it('locks an account after five wrong passwords, even against the right one, answering as for a wrong password', async () => {
      await weft.services.accounts.addMember(
        'default',
        'guess@a.test',
        'Guess',
        'support',
        'the right password 1',
        email,
      );
      const userId = weft.services.accounts.store.userByEmail('guess@a.test')!.id;
      const b = new Browser(weft.url!);
      await b.get('auth.me');
      for (let i = 0; i < 5; i++)
        expect((await b.post('auth.login', { email: 'guess@a.test', password: `wrong ${i}` })).status).toBe(401);
      const right = await b.post('auth.login', { email: 'guess@a.test', password: 'the right password 1' });
      expect(right.status).toBe(401);
      const unknown = await b.post('auth.login', { email: 'nobody@a.test', password: 'the right password 1' });
      const refusal = (await data(right)).error!.message;
      expect(refusal).toBe(SIGN_IN_REFUSED);
      expect((await data(unknown)).error!.message).toBe(refusal);
      expect(weft.services.accounts.store.userById(userId)!.lockedUntil).not.toBeNull();
    });

    it('limits request sizes', async () => {
      const b = withSession();
      const huge = { id: 'x', document: { name: 'x'.repeat(3_000_000) } };
      expect((await b.post('flows.importDocument', huge)).status).toBe(413);
    });

    it('serves /metrics per workspace with its own token only', async () => {
      expect((await fetch(`${weft.url}/metrics`)).status).toBe(401);
      weft.services.accounts.createWorkspace('b', 'B company');
      const tokenA = weft.services.accounts.store.createToken('metrics', 'default', null);
      const tokenB = weft.services.accounts.store.createToken('metrics', 'b', null);
      await weft.queue.pool.query(
        `INSERT INTO weft_runs (id, workspace_id, flow_id, document, trigger, status) VALUES ($1, 'default', 'f', '{}', 'manual', 'succeeded')`,
        [randomUUID()],
      );
      const metrics = async (t: string) =>
        (await fetch(`${weft.url}/metrics`, { headers: { authorization: `Bearer ${t}` } })).text();
      expect(await metrics(tokenA)).toContain('weft_runs_total{workspace="default",status="succeeded"} 1');
      const b = await metrics(tokenB);
      expect(b).not.toContain('default');
      expect(b).toContain('weft_failed_records_total{workspace="b"} 0');
      // A metrics token opens nothing else; the machine token of `weft run` opens the API.
      expect(
        (await fetch(`${weft.url}/trpc/flows.list`, { headers: { authorization: `Bearer ${tokenA}` } })).status,
      ).toBe(401);
      const machine = readFileSync(join(dir, 'machine.token'), 'utf8');
      expect(
        (await fetch(`${weft.url}/trpc/flows.list`, { headers: { authorization: `Bearer ${machine}` } })).status,
      ).toBe(200);
    });
  });
}
