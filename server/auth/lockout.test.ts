// Issue 18 over real HTTP: password guessing in parallel, lockout per account AND
// browser, one answer for unknown/wrong/locked, admins' unlock and reset, the
// command line's reset for the last admin, and the limits on every password check
// (change password, batches). Each "computer" sends from its own loopback address.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { bootWeft, ROOT, type Weft } from '../boot';
import { Browser, data } from '../http/test-browser';
import { SIGN_IN_REFUSED } from './accounts';

for (const db of testDatabases()) {
  // Every password check hashes with scrypt at full strength, two at a time: slow on purpose.
  describe(`lockout and password checks on ${db.name}`, { timeout: 240_000 }, () => {
    let weft: Weft;
    let dir: string;
    let admin: { email: string; password: string };
    const computer = (n: number) => new Browser(weft.url!, `127.0.0.${n}`);

    async function person(email: string, password: string): Promise<string> {
      await weft.services.accounts.addMember('default', email, email, 'support', password, admin.email);
      return weft.services.accounts.store.userByEmail(email)!.id;
    }
    async function signIn(b: Browser, email: string, password: string): Promise<Response> {
      if (!b.cookies.has('weft_csrf')) await b.get('auth.me');
      return b.post('auth.login', { email, password });
    }

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-lockout-'));
      weft = await bootWeft({
        dataDir: dir,
        port: 0,
        databaseUrl: db.url,
        pgSchema: testSchema('lockout'),
        sandboxes: false,
        log: { info: () => undefined, warn: () => undefined, error: console.error },
      });
      admin = weft.firstAdmin as { email: string; password: string };
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('twenty parallel guesses get five checks: the right password among them does not get in', async () => {
      await person('parallel@a.test', 'the right password 20');
      const b = computer(2);
      await b.get('auth.me');
      const wrong = Array.from({ length: 19 }, (_, i) =>
        b.post('auth.login', { email: 'parallel@a.test', password: `wrong guess ${i}` }),
      );
      // The right one goes last, while the first guesses are still being hashed (each takes a good part of a second).
      await new Promise((r) => setTimeout(r, 50));
      const answers = await Promise.all([
        ...wrong,
        b.post('auth.login', { email: 'parallel@a.test', password: 'the right password 20' }),
      ]);
      expect(answers.map((r) => r.status)).toEqual(Array(20).fill(401));
      for (const r of answers) expect((await data(r)).error!.message).toBe(SIGN_IN_REFUSED);
    });

    it('a stranger who locks an account does not lock its owner out of a computer they signed in on; an admin unlocks', async () => {
      const userId = await person('owner@a.test', 'a secret of the house 1');
      const owners = computer(3);
      expect((await signIn(owners, 'owner@a.test', 'a secret of the house 1')).status).toBe(200);
      expect(owners.cookies.get('weft_device')).toBeTruthy();
      await owners.post('auth.logout', {});

      const stranger = computer(4);
      for (let i = 0; i < 5; i++) expect((await signIn(stranger, 'owner@a.test', `guess ${i}`)).status).toBe(401);
      const strangerRight = await signIn(stranger, 'owner@a.test', 'a secret of the house 1');
      expect((await data(strangerRight)).error!.message).toBe(SIGN_IN_REFUSED);
      // Unknown email, wrong password and locked account read the same.
      expect((await data(await signIn(stranger, 'nobody-here@a.test', 'a secret of the house 1'))).error!.message).toBe(
        SIGN_IN_REFUSED,
      );

      expect((await signIn(owners, 'owner@a.test', 'a secret of the house 1')).status).toBe(200);
      expect((await signIn(computer(5), 'owner@a.test', 'a secret of the house 1')).status).toBe(401); // any other unknown browser: locked

      const adminBrowser = computer(6);
      expect((await signIn(adminBrowser, admin.email, admin.password)).status).toBe(200);
      expect((await adminBrowser.post('workspace.unlockMember', { userId })).status).toBe(200);
      expect((await signIn(computer(5), 'owner@a.test', 'a secret of the house 1')).status).toBe(200);
      const audit = (await data(await adminBrowser.get('audit.list', { limit: 50 }))).result!.data as {
        action: string;
        subject: string;
        actor: string;
      }[];
      expect(audit).toContainEqual(
        expect.objectContaining({ action: 'member.unlock', subject: 'owner@a.test', actor: admin.email }),
      );
    });

    it('an admin resets a member password: a generated one, shown once; the member is signed out everywhere', async () => {
      const userId = await person('forgot@a.test', 'lost words of spring');
      const member = computer(7);
      expect((await signIn(member, 'forgot@a.test', 'lost words of spring')).status).toBe(200);
      const adminBrowser = computer(6);
      expect((await signIn(adminBrowser, admin.email, admin.password)).status).toBe(200);
      const reset = await adminBrowser.post('workspace.resetMemberPassword', { userId });
      const { password } = (await data(reset)).result!.data as { password: string };
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect((await member.get('flows.list')).status).toBe(401);
      expect((await signIn(computer(8), 'forgot@a.test', password)).status).toBe(200);
      const audit = (await data(await adminBrowser.get('audit.list', { limit: 50 }))).result!.data as {
        action: string;
        subject: string;
      }[];
      expect(audit).toContainEqual(
        expect.objectContaining({ action: 'member.password-reset', subject: 'forgot@a.test' }),
      );
      expect(JSON.stringify(audit)).not.toContain(password);
    });

    it('throttles a stolen session guessing the current password: ten rapid wrong ones', async () => {
      await person('stolen@a.test', 'the real password 9');
      const thief = computer(9);
      expect((await signIn(thief, 'stolen@a.test', 'the real password 9')).status).toBe(200);
      thief.cookies.delete('weft_device'); // a copied session cookie, from another browser
      const statuses: number[] = [];
      let last = '';
      for (let i = 0; i < 10; i++) {
        const r = await thief.post('auth.changePassword', {
          current: `guess number ${i}`,
          next: 'a brand new passphrase',
        });
        statuses.push(r.status);
        last = (await data(r)).error!.message;
      }
      expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
      expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
      expect(last).toMatch(/paused on this browser/);
      // Even the right current password waits now.
      expect(
        (await thief.post('auth.changePassword', { current: 'the real password 9', next: 'a brand new passphrase' }))
          .status,
      ).toBe(429);
    });

    it('cuts a burst from one computer at 20 password checks: the rest wait without being hashed', async () => {
      const b = computer(13);
      await b.get('auth.me');
      const burst = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          b.post('auth.login', { email: `sprayed-${i}@a.test`, password: 'a common password' }),
        ),
      );
      const statuses = burst.map((r) => r.status).sort();
      expect(statuses).toEqual([...Array(20).fill(401), ...Array(5).fill(429)]);
      const waited = burst.find((r) => r.status === 429)!;
      expect((await data(waited)).error!.message).toMatch(
        /^Too many wrong passwords from this computer\. Wait 10 minutes before more sign-in attempts\.$/,
      );
    });

    it('refuses a batch of 100 calls in one request, naming the limit', async () => {
      const b = computer(10);
      expect((await signIn(b, admin.email, admin.password)).status).toBe(200);
      const hundred = Array.from({ length: 100 }, () => 'auth.me').join(',');
      const r = await b.raw('GET', `/trpc/${hundred}?batch=1`);
      expect(r.status).toBe(400);
      expect((await data(r)).error!.message).toBe(
        'This request holds 100 API calls; Weft takes at most 10 in one request. Send them in smaller batches.',
      );
      const ten = Array.from({ length: 10 }, () => 'auth.me').join(',');
      expect((await b.raw('GET', `/trpc/${ten}?batch=1`)).status).toBe(200);
    });

    it('`weft users reset-password` lets the last admin back in, beside a running Weft', async () => {
      const out = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'bin/weft.mjs'), 'users', 'reset-password', admin.email], {
          env: { ...process.env, WEFT_DATA_DIR: dir },
          cwd: ROOT,
        });
        let stdout = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.on('close', (code) => resolve({ code, stdout }));
      });
      expect(out.code).toBe(0);
      const password = /New password for \S+: (\S+)/.exec(out.stdout)![1];
      const old = computer(11);
      expect((await signIn(old, admin.email, admin.password)).status).toBe(401);
      expect((await signIn(computer(12), admin.email, password)).status).toBe(200);
    });
  });
}
