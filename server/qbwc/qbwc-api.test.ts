// The Desktop wiring of a whole Weft (npm start): the `qbd-sandbox` connection,
// its simulator polling /qbwc with the connection's credentials, and the .qwc
// download through the API (admins) and over HTTP (signed-in only).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { bootWeft, type Weft } from '../boot';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';

const makeCaller = createCallerFactory(appRouter);

for (const db of testDatabases()) {
  describe(`QuickBooks Desktop wiring on ${db.name}`, () => {
    let weft: Weft;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-qbwc-api-'));
      weft = await bootWeft({
        dataDir: dir,
        port: 0,
        databaseUrl: db.url,
        pgSchema: testSchema('qbwcapi'),
        qbdPollMs: 100,
        log: { info: () => undefined, warn: () => undefined, error: console.error },
      });
      for (const [id, role] of [
        ['admin-1', 'admin'],
        ['viewer-1', 'operator'],
      ] as const) {
        weft.services.accounts.store.createUser({ id, email: `${id}@example.com`, name: id, passwordHash: null });
        weft.services.accounts.store.setRole(id, 'default', role);
      }
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('wires the Desktop sandbox as a connection whose simulator signs in to /qbwc', async () => {
      const api = makeCaller({ services: weft.services, actor: { userId: 'admin-1', workspaceId: 'default' } });
      const c = (await api.connections.list()).find((x) => x.id === 'qbd-sandbox')!;
      expect(c).toMatchObject({ kind: 'quickbooks-desktop', details: { userName: 'weft-qbd-sandbox' } });
      // The list says whether a Web Connector password is set, never what it is.
      expect(c.secretsSet).toContain('password');
      const password = String(weft.services.connection!('default', 'qbd-sandbox').settings.password);
      expect(password.length).toBeGreaterThan(10);
      expect(JSON.stringify(c)).not.toContain(password);
      expect(Object.keys(c)).not.toContain('password');
      const deadline = Date.now() + 10_000;
      const done = () => weft.sandboxes!.qbd.connector?.log.find((r) => r.closeMessage !== undefined);
      while (!done() && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
      // No work yet: the Web Connector is told "none", not "nvu": its credentials are right.
      expect(done()).toMatchObject({ auth: 'none', end: 'none' });
    });

    it('gives admins the .qwc for the company file, pointing at this Weft, without the password', async () => {
      const api = makeCaller({ services: weft.services, actor: { userId: 'admin-1', workspaceId: 'default' } });
      const file = await api.connections.qwc({ id: 'qbd-sandbox', origin: weft.url! });
      expect(file.fileName).toBe('weft-qbd-sandbox.qwc');
      expect(file.content).toContain(`<AppURL>${weft.url}/qbwc</AppURL>`);
      expect(file.content).toContain(`<AppSupport>${weft.url}/</AppSupport>`);
      expect(file.content).toContain('<UserName>weft-qbd-sandbox</UserName>');
      const password = String(weft.design.resolveConnection('default', 'qbd-sandbox').settings.password);
      expect(password.length).toBeGreaterThan(10);
      expect(file.content).not.toContain(password);
      await expect(api.connections.qwc({ id: 'qbd-sandbox', origin: 'http://weft.example.com' })).rejects.toThrow(
        /https/,
      );
      await expect(api.connections.qwc({ id: 'qbo-sandbox', origin: weft.url! })).rejects.toThrow(/not found/);
      const operator = makeCaller({ services: weft.services, actor: { userId: 'viewer-1', workspaceId: 'default' } });
      await expect(operator.connections.qwc({ id: 'qbd-sandbox', origin: weft.url! })).rejects.toThrow();
      // Over HTTP the download needs a session; the SOAP service itself needs none (it has authenticate).
      expect((await fetch(`${weft.url}/qbwc/qbd-sandbox.qwc`)).status).toBe(401);
      expect((await fetch(`${weft.url}/qbwc?wsdl`)).status).toBe(200);
    });

    it('takes a chosen Web Connector password of 16 characters or more, or makes a strong one and shows it once (issue 18)', async () => {
      const api = makeCaller({ services: weft.services, actor: { userId: 'admin-1', workspaceId: 'default' } });
      await expect(
        api.connections.setDesktopPassword({ id: 'qbd-sandbox', password: 'fifteen chars!!' }),
      ).rejects.toThrow('Use at least 16 characters for the Web Connector password, or let Weft make one for you.');
      const made = await api.connections.setDesktopPassword({ id: 'qbd-sandbox' });
      expect('password' in made && made.password).toMatch(/^[\w-]{24}$/);
      const password = 'password' in made ? made.password : '';
      expect(String(weft.design.resolveConnection('default', 'qbd-sandbox').settings.password)).toBe(password);
      // The list never carries it.
      expect(JSON.stringify(await api.connections.list())).not.toContain(password);
    });
  });
}
