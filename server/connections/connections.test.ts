// connections.create / update / test / list through the API (issue 13), on a whole
// Weft started without sandboxes, against sandboxes started alone on their own
// ports (real HTTP and SOAP), in a second workspace: what an admin at the
// Connections screen sees.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreatioSandbox, type CreatioSandbox } from '../../sandbox/creatio';
import { startQbdSandbox, type QbdSandbox } from '../../sandbox/quickbooks-desktop';
import { startQboSandbox, type QboSandbox } from '../../sandbox/quickbooks-online';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { quiet } from '../../templates/test-golden';
import { readMachineToken } from '../auth/accounts';
import { bootWeft, type Weft } from '../boot';
import { httpConnectionApi } from '../cli-http';
import { SESSION_COOKIE } from '../http/web-security';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';

const makeCaller = createCallerFactory(appRouter);

/** A port nothing listens on (one just closed). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

for (const db of testDatabases()) {
  describe(`connections of every kind in a second workspace, on ${db.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-connections-'));
    let weft: Weft;
    let creatio: CreatioSandbox;
    let qbo: QboSandbox;
    let qbd: QbdSandbox | null = null;
    let api: ReturnType<typeof makeCaller>;
    let inDefault: ReturnType<typeof makeCaller>;

    beforeAll(async () => {
      [creatio, qbo] = await Promise.all([
        startCreatioSandbox({ seed: { accounts: 5 } }),
        startQboSandbox({ seed: { accounts: 5 } }),
      ]);
      weft = await bootWeft({
        dataDir: dir,
        port: 0,
        databaseUrl: db.url,
        pgSchema: testSchema('conn'),
        sandboxes: false,
        worker: false,
        log: quiet,
      });
      const store = weft.services.accounts.store;
      weft.services.accounts.createWorkspace('acme', 'Acme Ltd');
      store.createUser({ id: 'ada', email: 'ada@example.com', name: 'Ada', passwordHash: null });
      store.setRole('ada', 'acme', 'admin');
      store.setRole('ada', 'default', 'admin');
      api = makeCaller({ services: weft.services, actor: { userId: 'ada', workspaceId: 'acme' } });
      inDefault = makeCaller({ services: weft.services, actor: { userId: 'ada', workspaceId: 'default' } });
    });
    afterAll(async () => {
      await qbd?.close();
      await weft?.close();
      await creatio?.close();
      await qbo?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('adds a Creatio site, signs in as its user, and names the user whose password was refused', async () => {
      const { id } = await api.connections.create({
        kind: 'creatio',
        name: 'Acme Creatio',
        settings: { baseUrl: creatio.baseUrl, username: creatio.username },
        secrets: { password: creatio.password },
      });
      expect(await api.connections.test({ id })).toEqual({
        ok: true,
        message: `Signed in to ${creatio.baseUrl} as ${creatio.username}.`,
      });
      const listed = (await api.connections.list()).find((c) => c.id === id)!;
      expect(listed).toMatchObject({
        kind: 'creatio',
        name: 'Acme Creatio',
        details: { baseUrl: creatio.baseUrl, username: creatio.username },
        secretsSet: ['password'],
      });
      expect(JSON.stringify(listed)).not.toContain(creatio.password);
      // Not in the other workspace.
      expect((await inDefault.connections.list()).some((c) => c.id === id)).toBe(false);

      await api.connections.update({
        id,
        name: 'Acme Creatio',
        settings: { baseUrl: creatio.baseUrl, username: creatio.username },
        secrets: { password: 'not-the-password' },
      });
      expect(await api.connections.test({ id })).toEqual({
        ok: false,
        message: `The password was refused for ${creatio.username} at ${creatio.baseUrl}. Check the user name and password.`,
      });
      // An edit that leaves the password empty keeps the stored one.
      await api.connections.update({
        id,
        name: 'Acme CRM',
        settings: { baseUrl: creatio.baseUrl, username: creatio.username },
        secrets: { password: '' },
      });
      expect((await api.connections.test({ id })).ok).toBe(false);
    });

    it("signs in with OAuth client credentials at the identity service's token URL, and names the client it refused", async () => {
      const settings = {
        baseUrl: creatio.baseUrl,
        authKind: 'oauth',
        clientId: creatio.clientId,
        tokenUrl: creatio.tokenUrl,
      };
      const { id } = await api.connections.create({
        kind: 'creatio',
        name: 'Acme Creatio (OAuth)',
        settings,
        secrets: { clientSecret: creatio.clientSecret },
      });
      expect(await api.connections.test({ id })).toEqual({
        ok: true,
        message: `Signed in to ${creatio.baseUrl} as client ${creatio.clientId}.`,
      });
      await api.connections.update({ id, name: 'Acme Creatio (OAuth)', settings, secrets: { clientSecret: 'wrong' } });
      expect(await api.connections.test({ id })).toEqual({
        ok: false,
        message: `The client secret was refused for client ${creatio.clientId} by ${creatio.tokenUrl}. Check the client id and secret.`,
      });
    });

    it('says which host did not answer, and refuses settings the kind does not have', async () => {
      const port = await closedPort();
      const { id } = await api.connections.create({
        kind: 'creatio',
        name: 'Nowhere',
        settings: { baseUrl: `http://127.0.0.1:${port}`, username: 'Supervisor' },
        secrets: { password: 'x' },
      });
      const r = await api.connections.test({ id });
      expect(r).toEqual({
        ok: false,
        message: `127.0.0.1:${port} did not answer (ECONNREFUSED). Check the address, that the site is up, and that this server may reach it.`,
      });
      await expect(
        api.connections.create({
          kind: 'creatio',
          name: 'Bad',
          settings: { baseUrl: creatio.baseUrl, colour: 'red' },
          secrets: {},
        }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('Creatio has no setting "colour"'),
      });
      await expect(
        api.connections.create({
          kind: 'creatio',
          name: 'No user',
          settings: { baseUrl: creatio.baseUrl },
          secrets: {},
        }),
      ).rejects.toThrow('needs a user name and password (forms login) or a client id and secret (OAuth)');
      await expect(
        api.connections.create({ kind: 'salesforce', name: 'X', settings: {}, secrets: {} }),
      ).rejects.toThrow(/no connection kind "salesforce"/);
    });

    it('adds a QuickBooks Online company with a refresh token and reads its name', async () => {
      const { id } = await api.connections.create({
        kind: 'quickbooks-online',
        name: 'Acme books',
        settings: { baseUrl: qbo.baseUrl, realmId: qbo.realmId, clientId: qbo.clientId },
        secrets: { clientSecret: qbo.clientSecret, refreshToken: qbo.refreshToken },
      });
      const r = await api.connections.test({ id });
      expect(r.ok).toBe(true);
      expect(r.message).toMatch(
        new RegExp(`^Signed in to the QuickBooks Online company ".+" \\(realm ${qbo.realmId}\\)`),
      );
    });

    it('serves a QuickBooks Desktop company file of the second workspace at /qbwc, and says when its Web Connector last called', async () => {
      const { id, generated } = await api.connections.create({
        kind: 'quickbooks-desktop',
        name: 'Acme company file',
        settings: { userName: 'acme-qbd' },
        secrets: {},
      });
      expect(generated.password.length).toBeGreaterThanOrEqual(20);
      expect((await api.connections.list()).find((c) => c.id === id)!.secretsSet).toEqual(['password']);
      expect(await api.connections.test({ id })).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^The Web Connector has not called yet as acme-qbd\./),
      });
      // The user name finds the file across workspaces, so it may not be taken twice.
      await expect(
        inDefault.connections.create({
          kind: 'quickbooks-desktop',
          name: 'Other file',
          settings: { userName: 'acme-qbd' },
          secrets: {},
        }),
      ).rejects.toThrow('The Web Connector user name "acme-qbd" is already used by another company file');

      qbd = startQbdSandbox({ seed: { accounts: 3 } });
      qbd.connect({ url: `${weft.url}/qbwc`, userName: 'acme-qbd', password: generated.password });
      await qbd.runSession();
      const r = await api.connections.test({ id });
      expect(r).toMatchObject({
        ok: true,
        message: expect.stringMatching(/^The Web Connector called as acme-qbd; last call at \d{4}-\d\d-\d\dT/),
      });
      const qwc = await api.connections.qwc({ id, origin: 'http://localhost:3000' });
      expect(qwc.content).toContain('<UserName>acme-qbd</UserName>');
      // The download route serves the file to an admin acting in its workspace, and not from another one.
      const download = (workspaceId: string) =>
        fetch(`${weft.url}/qbwc/${id}.qwc`, {
          headers: { cookie: `${SESSION_COOKIE}=${weft.services.accounts.store.createSession('ada', workspaceId)}` },
        });
      const there = await download('acme');
      expect(there.status).toBe(200);
      expect(await there.text()).toContain('<UserName>acme-qbd</UserName>');
      expect((await download('default')).status).toBe(404);
    });

    it("lets the command line reach a running Weft in a named workspace with the data folder's machine token", async () => {
      const token = readMachineToken(dir)!;
      const http = httpConnectionApi(weft.url!, token, 'acme');
      const crm = (await http.list()).find((c) => c.kind === 'creatio' && c.details.baseUrl === creatio.baseUrl)!;
      expect(crm.name).toBe('Acme CRM');
      expect(await http.test(crm.id)).toEqual({
        ok: false,
        message: `The password was refused for ${creatio.username} at ${creatio.baseUrl}. Check the user name and password.`,
      });
      // The first workspace does not see it; a workspace that does not exist is refused, not made.
      expect((await httpConnectionApi(weft.url!, token).list()).some((c) => c.id === crm.id)).toBe(false);
      await expect(httpConnectionApi(weft.url!, token, 'no-such-workspace').list()).rejects.toThrow(
        'You are not a member of this workspace.',
      );
    });
  });
}
