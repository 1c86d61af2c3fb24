// The data folder holds the design store (people, password hashes, sealed secrets),
// the secret key and the machine token: only the account Weft runs as may read it
// (issue 18). Created 0700 with its files 0600, and a folder made by an older Weft is
// tightened at start. (As root, embedded PostgreSQL then adds search-only access to
// the folder for the `postgres` user: engine/postgres/embedded.ts.)
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files of the data folder itself; SQLite's -wal and -shm take the mode of their database file. */
const PRIVATE_FILES = ['weft.sqlite', 'weft.sqlite-wal', 'weft.sqlite-shm', 'weft.json', 'secret.key', 'machine.token'];

/**
 * No access for group and others, except search-only (x) when `keepSearch`: the embedded
 * PostgreSQL, run as the `postgres` user under root, must pass through to its subfolder —
 * also while a postmaster left by a killed Weft is being stopped.
 */
export function securePrivateFolder(dir: string, keepSearch = false): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = statSync(dir).mode & 0o777;
  const wanted = 0o700 | (keepSearch ? mode & 0o011 : 0);
  if (mode !== wanted) chmodSync(dir, wanted);
}

export function secureDataFolder(dataDir: string, opts: { embeddedPostgresAsRoot: boolean }): void {
  securePrivateFolder(dataDir, opts.embeddedPostgresAsRoot);
  for (const f of PRIVATE_FILES) {
    const file = join(dataDir, f);
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
  if (existsSync(join(dataDir, 'sandbox'))) securePrivateFolder(join(dataDir, 'sandbox'));
}

/** Creates the SQLite file 0600 before SQLite does (it would follow the umask, usually 0644). */
export function privateFile(file: string): string {
  if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600, flag: 'a' });
  return file;
}
