// The connection vault (issues 6 and 4), over real PostgreSQL and real HTTP:
// workers with nothing in common but the database refresh QuickBooks' token once;
// a `weft worker` with only DATABASE_URL and the key (no design store) runs a flow
// with the token another process rotated; the design store's copy follows; and
// deleting a QuickBooks connection disconnects it at Intuit (the sandbox).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionVault } from '../engine';
import { QboClient } from '../nodes/quickbooks/online/qbo-client';
import { tokenStoreOf } from '../nodes/quickbooks/online/qbo-connection';
import { QboTokenSource } from '../nodes/quickbooks/online/qbo-tokens';
import { startCreatioSandbox } from '../sandbox/creatio';
import { startQboSandbox } from '../sandbox/quickbooks-online';
import { testDatabases, testSchema } from '../scripts/test-databases';
import { DEFAULT_WORKSPACE } from './app';
import { MACHINE_USER } from './auth/accounts';
import { bootWeft, ROOT, type Weft } from './boot';
import { KEY_FILE, readKeyFile, SecretBox } from './design/secrets';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const db = testDatabases()[0];
const WS = DEFAULT_WORKSPACE;
const QBO = 'qbo-sandbox';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, what: string, ms = 10_000): Promise<T> {
  for (const end = Date.now() + ms; ; await sleep(50)) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
  }
}

describe('connection vault: workers on other machines', () => {
  let weft: Weft;
  let dir: string;
  let creatio: Awaited<ReturnType<typeof startCreatioSandbox>>;
  let qbo: Awaited<ReturnType<typeof startQboSandbox>>;
  const schema = testSchema('vault');
  const pools: pg.Pool[] = [];
  const children: ChildProcess[] = [];
  let box: SecretBox;

  /** What another machine has: its own pool on the same database, the same key, nothing else. */
  function otherMachine(): ConnectionVault {
    const pool = new pg.Pool({ connectionString: db.url, max: 3, options: `-c search_path=${schema}` });
    pools.push(pool);
    return new ConnectionVault(pool, box);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-vault-'));
    creatio = await startCreatioSandbox({ seed: { accounts: 40 } });
    // No grace for a rotated-away refresh token: a second refresh with it fails, as two racing workers would.
    qbo = await startQboSandbox({ seed: { accounts: 40 }, limits: false, refreshRotateMs: 0 }); // every refresh rotates
    weft = await bootWeft({
      dataDir: dir,
      port: null,
      databaseUrl: db.url,
      pgSchema: schema,
      sandboxes: false,
      worker: false,
      log: { info: () => undefined, warn: () => undefined, error: console.error },
    });
    box = SecretBox.withKeys([readKeyFile(join(dir, KEY_FILE))]);
    weft.design.upsertConnection({
      id: 'creatio-sandbox',
      workspaceId: WS,
      kind: 'creatio',
      name: 'Creatio',
      settings: { baseUrl: creatio.baseUrl, username: creatio.username, authKind: 'forms' },
      secrets: { password: creatio.password },
    });
    weft.design.upsertConnection({
      id: QBO,
      workspaceId: WS,
      kind: 'quickbooks-online',
      name: 'QuickBooks',
      settings: { baseUrl: qbo.baseUrl, tokenUrl: qbo.tokenUrl, realmId: qbo.realmId, clientId: qbo.clientId },
      secrets: {
        clientSecret: qbo.clientSecret,
        refreshToken: qbo.refreshToken,
        accessToken: 'at-stale',
        accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString(),
      },
    });
    // The server copies changes into the vault in the background (a run it queues waits for that).
    const probe = otherMachine();
    await eventually(
      () =>
        probe.resolve(WS, QBO).then(
          () => true,
          () => false,
        ),
      Boolean,
      'the vault copy',
    );
  }, 60_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const p of pools) await p.end();
    await weft?.close();
    await creatio?.close();
    await qbo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two workers meeting an expired token at once: one refresh at Intuit, both work, the rotated token is saved at once', async () => {
    const before = qbo.stats.tokenRequests;
    const clients = await Promise.all(
      [otherMachine(), otherMachine()].map(async (vault) => {
        const conn = await vault.resolve(WS, QBO);
        const s = conn.settings as Record<string, string>;
        // standalone: no token source shared in memory, as in two processes.
        const tokens = QboTokenSource.standalone({
          tokenUrl: s.tokenUrl,
          clientId: s.clientId,
          clientSecret: s.clientSecret,
          realmId: s.realmId,
          tokens: {
            refreshToken: s.refreshToken,
            accessToken: s.accessToken,
            accessTokenExpiresAt: Date.parse(s.accessTokenExpiresAt),
          },
          store: tokenStoreOf(conn),
        });
        return { tokens, client: new QboClient({ baseUrl: s.baseUrl, realmId: s.realmId, tokens }) };
      }),
    );
    const infos = await Promise.all(clients.map((c) => c.client.companyInfo()));
    expect(infos.map((i) => typeof i.CompanyName)).toEqual(['string', 'string']);
    expect(qbo.stats.tokenRequests - before).toBe(1);
    expect(clients[0].tokens.refreshes + clients[1].tokens.refreshes).toBe(1);
    const rotated = clients[0].tokens.current.refreshToken;
    expect(rotated).not.toBe(qbo.refreshToken);
    expect(clients[1].tokens.current.refreshToken).toBe(rotated);
    // A process that starts now (its own connection) reads the rotated token, not the one in the design store at first.
    expect((await otherMachine().resolve(WS, QBO)).settings.refreshToken).toBe(rotated);
    // The design store's copy follows (the Connections screen's warning reads it), with the refresh token's new end.
    const copy = await eventually(
      () => weft.design.resolveConnection(WS, QBO).settings,
      (s) => s.refreshToken === rotated,
      'the design store copy',
    );
    expect(Date.parse(String(copy.refreshTokenExpiresAt))).toBeGreaterThan(Date.now() + 90 * 86_400_000);
    expect(weft.services.design.listConnections(WS).find((c) => c.id === QBO)!.warning).toBeNull();
  });

  it('two worker processes meeting a refused token at once: one refresh, both work', async () => {
    qbo.faults.expireAccessTokens(); // the access token both find in the vault is refused (401)
    const before = qbo.stats.tokenRequests;
    const goAt = String(Date.now() + 4000); // both are started and connected by then
    const outs = await Promise.all(
      [0, 1].map(async () => {
        const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/test-vault-worker.ts')], {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: {
            ...process.env,
            DATABASE_URL: db.url,
            WEFT_PG_SCHEMA: schema,
            WEFT_SECRET_KEY: readFileSync(join(dir, KEY_FILE), 'utf8').trim(),
            WORKSPACE: WS,
            CONNECTION: QBO,
            GO_AT: goAt,
          },
        });
        children.push(child);
        let out = '';
        let err = '';
        child.stdout!.on('data', (d) => (out += String(d)));
        child.stderr!.on('data', (d) => (err += String(d)));
        const [code] = await exited(child);
        return { code, out: out.trim(), err };
      }),
    );
    expect(outs.map((o) => [o.code, o.err])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    expect(outs.map((o) => JSON.parse(o.out).company)).toEqual([expect.any(String), expect.any(String)]);
    expect(qbo.stats.tokenRequests - before).toBe(1);
  }, 30_000);

  it('a copy from the design store holding an older refresh token does not overwrite the vault', async () => {
    const vault = otherMachine();
    const newest = String((await vault.resolve(WS, QBO)).settings.refreshToken);
    // As sandbox-connections does at a restart: rewrite the connection with the tokens the design store had.
    weft.design.upsertConnection({
      id: QBO,
      workspaceId: WS,
      kind: 'quickbooks-online',
      name: 'QuickBooks (renamed)',
      settings: { baseUrl: qbo.baseUrl, tokenUrl: qbo.tokenUrl, realmId: qbo.realmId, clientId: qbo.clientId },
      secrets: { clientSecret: qbo.clientSecret, refreshToken: qbo.refreshToken },
    });
    await eventually(
      async () => (await vault.resolve(WS, QBO)).name,
      (n) => n === 'QuickBooks (renamed)',
      'the renamed copy',
    );
    expect((await vault.resolve(WS, QBO)).settings.refreshToken).toBe(newest);
  });

  it('a `weft worker` with only DATABASE_URL and the key runs a flow end to end, refreshing with the rotated token', async () => {
    const workerDir = mkdtempSync(join(tmpdir(), 'weft-remote-'));
    try {
      // No key: the worker says where to get it, and starts nothing.
      const keyless = spawnWorker(workerDir, {});
      const [code] = await exited(keyless.child);
      expect(code).toBe(1);
      expect(keyless.stderr()).toMatch(/WEFT_SECRET_KEY.*--key-file/);

      qbo.faults.expireAccessTokens(); // the worker must refresh, with the token the vault holds
      const before = qbo.stats.tokenRequests;
      const remote = spawnWorker(workerDir, { WEFT_SECRET_KEY: readFileSync(join(dir, KEY_FILE), 'utf8').trim() });
      const doc = JSON.parse(readFileSync(join(ROOT, 'templates/creatio-accounts-to-qbo-customers.json'), 'utf8'));
      const flowId = await weft.services.design.createFlow(WS, doc, null, 'remote');
      const { runId } = await weft.services.runs.startRun(WS, flowId, { trigger: 'manual' });
      const run = await eventually(
        () => weft.services.runs.getRun(WS, runId),
        (r) => !!r && !['queued', 'running'].includes(r.status),
        'the run',
        60_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message}\nworker (exit ${remote.child.exitCode}): ${remote.stderr()}`);
      });
      expect({ status: run!.status, error: run!.error }).toMatchObject({
        status: expect.stringMatching(/^(succeeded|completed-with-errors)$/),
      });
      const sink = run!.nodes.find((n) => n.id === 'customers')!;
      expect(sink.created + sink.updated).toBeGreaterThan(0);
      expect(qbo.stats.tokenRequests - before).toBe(1);
      // It rotated again; the vault and the design store have the new token.
      const after = String((await otherMachine().resolve(WS, QBO)).settings.refreshToken);
      await eventually(
        () => weft.design.resolveConnection(WS, QBO).settings.refreshToken,
        (t) => t === after,
        'the design store copy',
      );
      remote.child.kill('SIGTERM');
      await exited(remote.child);
      // It never had a design store.
      expect(readdirSync(workerDir)).toEqual([]);
    } finally {
      rmSync(workerDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('deleting a QuickBooks connection disconnects it at Intuit; a failed disconnect still deletes, and says so', async () => {
    const api = createCallerFactory(appRouter)({
      services: weft.services,
      actor: { userId: MACHINE_USER, workspaceId: WS },
    });
    const vault = otherMachine();
    const token = String((await vault.resolve(WS, QBO)).settings.refreshToken);
    // A flow still writes to it: refused, naming the flow, and nothing is revoked.
    const users = weft.design.listFlows(WS).filter((f) => JSON.stringify(f.draft).includes(`"${QBO}"`));
    expect(users.length).toBeGreaterThan(0);
    await expect(api.connections.delete({ id: QBO })).rejects.toThrow(
      new RegExp(`is used by .*"${users[0].name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}".*Point`),
    );
    expect(String((await vault.resolve(WS, QBO)).settings.refreshToken)).toBe(token);
    // Pointed elsewhere, the connection can go.
    for (const f of users)
      weft.design.saveFlow(
        WS,
        f.id,
        JSON.parse(JSON.stringify(f.draft).replaceAll(`"${QBO}"`, '"qbo-elsewhere"')),
        'test',
      );
    expect(await api.connections.delete({ id: QBO })).toEqual({ revoked: true, warning: null });
    expect(weft.services.design.listConnections(WS).map((c) => c.id)).not.toContain(QBO);
    await expect(vault.resolve(WS, QBO)).rejects.toThrow(/does not exist in this workspace/);
    const refresh = await fetch(qbo.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${qbo.clientId}:${qbo.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token }),
    });
    expect(await refresh.json()).toEqual({ error: 'invalid_grant' });

    // Intuit unreachable: the connection goes anyway, and the admin reads what to do.
    weft.design.upsertConnection({
      id: 'qbo-unreachable',
      workspaceId: WS,
      kind: 'quickbooks-online',
      name: 'Old company',
      settings: {
        baseUrl: qbo.baseUrl,
        tokenUrl: qbo.tokenUrl,
        revokeUrl: 'http://127.0.0.1:9/v2/oauth2/tokens/revoke',
        realmId: qbo.realmId,
        clientId: qbo.clientId,
      },
      secrets: { clientSecret: qbo.clientSecret, refreshToken: 'rt-whatever' },
    });
    const failed = await api.connections.delete({ id: 'qbo-unreachable' });
    expect(failed.revoked).toBe(false);
    expect(failed.warning).toMatch(
      new RegExp(
        '^"Old company" was deleted and Weft will not use it again, but QuickBooks did not confirm the ' +
          'disconnect \\(QuickBooks could not be reached at http://127\\.0\\.0\\.1:9/.*\\)\\. .*Settings → Apps',
      ),
    );
    expect(weft.services.design.listConnections(WS).map((c) => c.id)).not.toContain('qbo-unreachable');
    await expect(vault.resolve(WS, 'qbo-unreachable')).rejects.toThrow(/does not exist/);
    const audit = weft.design.sqlite
      .prepare(`SELECT subject, detail FROM audit_log WHERE action = 'connection.delete' ORDER BY id`)
      .all() as { subject: string; detail: string }[];
    expect(audit.map((a) => [a.subject, JSON.parse(a.detail).revoked])).toEqual([
      [QBO, true],
      ['qbo-unreachable', false],
    ]);
  });

  it('deleting one of two connections to the same company through the same app does not disconnect the other', async () => {
    const api = createCallerFactory(appRouter)({
      services: weft.services,
      actor: { userId: MACHINE_USER, workspaceId: WS },
    });
    // Intuit's revoke ends the app's grant on the company: every connection using it would stop.
    const twin = (id: string, name: string) =>
      weft.design.upsertConnection({
        id,
        workspaceId: WS,
        kind: 'quickbooks-online',
        name,
        settings: { baseUrl: qbo.baseUrl, tokenUrl: qbo.tokenUrl, realmId: qbo.realmId, clientId: qbo.clientId },
        secrets: { clientSecret: qbo.clientSecret, refreshToken: `rt-${id}` },
      });
    twin('qbo-twin-a', 'Books (old)');
    twin('qbo-twin-b', 'Books');
    const out = await api.connections.delete({ id: 'qbo-twin-a' });
    expect(out.revoked).toBe(false);
    expect(out.warning).toBe(
      '"Books (old)" was deleted; it was not disconnected at QuickBooks, because the connection ' +
        '"Books" uses the same company through the same app and would stop working too.',
    );
    expect(weft.services.design.listConnections(WS).map((c) => c.id)).toContain('qbo-twin-b');
    // The last one left is disconnected at Intuit as usual.
    expect(await api.connections.delete({ id: 'qbo-twin-b' })).toEqual({ revoked: true, warning: null });
  });

  function spawnWorker(dataDir: string, env: Record<string, string>): { child: ChildProcess; stderr: () => string } {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'WEFT_SECRET_KEY'));
    const child = spawn(process.execPath, [join(ROOT, 'bin/weft.mjs'), 'worker'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...base, DATABASE_URL: db.url, WEFT_PG_SCHEMA: schema, WEFT_DATA_DIR: dataDir, ...env },
    });
    children.push(child);
    let err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    return { child, stderr: () => err };
  }
});

function exited(child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve([child.exitCode, child.signalCode]);
  return new Promise((r) => child.once('exit', (code, signal) => r([code, signal])));
}
