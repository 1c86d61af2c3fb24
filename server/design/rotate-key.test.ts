// `weft rotate-key` (issue 7): every stored secret re-sealed under a new key, the
// old key opening nothing, and the connections working afterwards — a real run
// through the sandboxes, whose QuickBooks refresh token only the store holds.
// The run store's connection vault (what workers elsewhere open) is re-sealed with it.
import Database from 'better-sqlite3';
import pg from 'pg';
import { createCipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { MACHINE_USER } from '../auth/accounts';
import { bootWeft, ROOT } from '../boot';
import { DesignStore } from './design-store';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';
import { rotateSecretKey } from './rotate-key';
import { KEY_FILE, NEXT_KEY_FILE, readKeyFile, SecretBox, writeKeyFile } from './secrets';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function sealedColumns(dir: string): string[] {
  const db = new Database(join(dir, 'weft.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT secrets FROM connections ORDER BY id').all() as { secrets: string }[]).map(
      (r) => r.secrets,
    );
  } finally {
    db.close();
  }
}

/** The sealed values of the run store's connection vault (secrets, then token state), in a fixed order. */
async function vaultColumns(url: string, schema: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT secrets, tokens FROM weft_connection_vault ORDER BY workspace_id, connection_id`,
    );
    return rows.flatMap((r) => [r.secrets, r.tokens].filter((v): v is string => v !== null));
  } finally {
    await c.end();
  }
}

async function runTemplateOnce(dir: string, url: string, schema: string): Promise<string> {
  const weft = await bootWeft({
    dataDir: dir,
    port: null,
    databaseUrl: url,
    pgSchema: schema,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  try {
    const api = createCallerFactory(appRouter)({
      services: weft.services,
      actor: { userId: MACHINE_USER, workspaceId: 'default' },
    });
    const doc = weft.services.design.getTemplate('creatio-accounts-to-qbo-customers');
    if (!(await weft.services.design.getFlow('default', 'rotation')))
      await api.flows.importDocument({ id: 'rotation', document: doc as never });
    const { runId } = await api.runs.start({ flowId: 'rotation' });
    for (;;) {
      const run = await api.runs.get({ runId });
      if (run.status !== 'queued' && run.status !== 'running')
        return `${run.status}${run.error ? `: ${run.error}` : ''}`;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await weft.close();
  }
}

describe('weft rotate-key', () => {
  const db = testDatabases()[0];

  it('re-seals every secret under a new key, and the connections still work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-rotate-'));
    dirs.push(dir);
    const schema = testSchema('rotate');
    expect(await runTemplateOnce(dir, db.url, schema)).toMatch(/^(succeeded|completed-with-errors)$/);
    const oldKey = readKeyFile(join(dir, KEY_FILE));
    const before = sealedColumns(dir);
    const plain = before.map((s) => SecretBox.withKeys([oldKey]).open(s));

    const vaultBefore = await vaultColumns(db.url, schema);
    expect(vaultBefore.length).toBeGreaterThanOrEqual(before.length); // every connection's secrets, plus QuickBooks' token state
    const r = await rotateSecretKey(dir, {}, { url: db.url, schema });
    expect(r).toEqual({ resealed: before.length, resealedInRunStore: vaultBefore.length, newEnvKey: null });
    expect(existsSync(join(dir, NEXT_KEY_FILE))).toBe(false);
    expect(statSync(join(dir, KEY_FILE)).mode & 0o077).toBe(0);
    const newKey = readKeyFile(join(dir, KEY_FILE));
    expect(newKey.equals(oldKey)).toBe(false);
    const after = sealedColumns(dir);
    expect(after.map((s) => SecretBox.withKeys([newKey]).open(s))).toEqual(plain);
    for (const s of after)
      expect(() => SecretBox.withKeys([oldKey]).open(s)).toThrow(/sealed with a key Weft does not have/);
    // The run store's copies too: what workers elsewhere open is under the new key only.
    const vaultAfter = await vaultColumns(db.url, schema);
    expect(vaultAfter.map((s) => SecretBox.withKeys([newKey]).open(s))).toEqual(
      vaultBefore.map((s) => SecretBox.withKeys([oldKey]).open(s)),
    );
    for (const s of vaultAfter)
      expect(() => SecretBox.withKeys([oldKey]).open(s)).toThrow(/sealed with a key Weft does not have/);

    // The QuickBooks refresh token was rotated by the first run and lives only in the store: the next run needs it.
    expect(await runTemplateOnce(dir, db.url, schema)).toMatch(/^(succeeded|completed-with-errors)$/);
  });

  it('leaves ordinary data shaped like a sealed value alone (a flow named "v1.a.b.c"), and re-seals the secrets (issue 18)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-rotate-lookalike-'));
    dirs.push(dir);
    const design = DesignStore.open(join(dir, 'weft.sqlite'), SecretBox.open(dir), join(ROOT, 'migrations/design'));
    design.ensureWorkspace('default', 'v2.abcdefgh.not.a.secret');
    design.upsertConnection({
      id: 'crm',
      workspaceId: 'default',
      kind: 'creatio',
      name: 'v1.x.y.z',
      settings: {},
      secrets: { password: 'kept' },
    });
    const doc = JSON.parse(readFileSync(join(ROOT, 'templates/creatio-accounts-to-qbo-customers.json'), 'utf8'));
    const flowId = design.createFlow('default', { ...doc, name: 'v1.a.b.c' }, null, 'test');
    design.close();

    const r = await rotateSecretKey(dir, {}, null);
    expect(r.resealed).toBe(1);
    const after = DesignStore.open(join(dir, 'weft.sqlite'), SecretBox.open(dir), join(ROOT, 'migrations/design'));
    try {
      expect(after.getFlow('default', flowId)!.name).toBe('v1.a.b.c');
      expect(after.listConnections('default')[0].name).toBe('v1.x.y.z');
      expect(after.resolveConnection('default', 'crm').settings.password).toBe('kept');
    } finally {
      after.close();
    }
  });

  it('survives a rotation cut short: values under either key still open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-rotate-cut-'));
    dirs.push(dir);
    const old = SecretBox.open(dir);
    const underOld = old.seal({ password: 'under the old key' });
    writeKeyFile(join(dir, NEXT_KEY_FILE), randomBytes(32));
    const underNext = SecretBox.withKeys([readKeyFile(join(dir, NEXT_KEY_FILE))]).seal({
      password: 'under the next key',
    });
    const box = SecretBox.open(dir);
    expect(box.open(underOld)).toEqual({ password: 'under the old key' });
    expect(box.open(underNext)).toEqual({ password: 'under the next key' });
    // Values sealed before key ids existed (v1.<iv>.<tag>.<body>) still open.
    const key = readKeyFile(join(dir, KEY_FILE));
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([c.update(JSON.stringify({ password: 'from before' }), 'utf8'), c.final()]);
    const v1 = ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    expect(SecretBox.isSealed(v1)).toBe(true);
    expect(box.open(v1)).toEqual({ password: 'from before' });
  });
});
