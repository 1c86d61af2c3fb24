// `weft rotate-key`: a new secret key, and every value sealed with the old one
// re-sealed under it in one SQLite transaction. Generic over tables, so secrets
// other parts store (Web Connector passwords, OAuth tokens) are rotated too; outside
// the columns known to hold secrets, only values that open under the key are ours.
// Order that survives a crash at any step: the new key is written first
// (secret.key.next), then the data is re-sealed, then the key file is renamed;
// SecretBox.open holds both keys while secret.key.next exists.
// The run store's connection vault (engine/postgres/connection-vault.ts) holds
// copies of the same secrets and is re-sealed too, in one PostgreSQL transaction
// wrapped around the SQLite one (see rotateSecretKey for a stop half-way).
import Database from 'better-sqlite3';
import pg from 'pg';
import { resealVault } from '../../engine';
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_FILE, NEXT_KEY_FILE, readKeyFile, SecretBox, writeKeyFile } from './secrets';

/** Columns that hold nothing but sealed values: each must open, or the rotation stops. */
const SECRET_COLUMNS = ['connections.secrets', 'qbo_connect_attempts.secrets'];

export interface Rotation {
  /** Sealed values re-sealed in the design store. */
  resealed: number;
  /** … and in the run store's connection vault (0 without a run store). */
  resealedInRunStore: number;
  /**
   * With WEFT_SECRET_KEY, the new key to put there (base64); it stays in secret.key.next
   * (0600, which Weft also reads) until the person has moved it. Null when the key file was rotated.
   */
  newEnvKey: string | null;
}

/** The run store whose connection vault is re-sealed too: its URL and schema (`weft` unless WEFT_PG_SCHEMA). */
export interface RunStoreTarget {
  url: string;
  schema?: string;
}

export async function rotateSecretKey(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  runStore: RunStoreTarget | null = null,
): Promise<Rotation> {
  const dbFile = join(dataDir, 'weft.sqlite');
  if (!existsSync(dbFile)) throw new Error(`there is no Weft design store in ${dataDir}. Check WEFT_DATA_DIR.`);
  const old = SecretBox.open(dataDir);
  // The new key is on disk before anything is sealed with it. A rotation that stopped
  // half-way left it there: reuse it, some values may be sealed with it already.
  const nextFile = join(dataDir, NEXT_KEY_FILE);
  if (!existsSync(nextFile)) writeKeyFile(nextFile, randomBytes(32));
  const next = readKeyFile(nextFile);
  const box = SecretBox.withKeys([next]);
  const sqlite = new Database(dbFile);
  let resealed = 0;
  let resealedInRunStore = 0;
  const schema = runStore?.schema ?? 'weft';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`"${schema}" is not a usable PostgreSQL schema name`);
  const pgClient = runStore
    ? new pg.Client({ connectionString: runStore.url, options: `-c search_path=${schema}` })
    : null;
  try {
    await pgClient?.connect();
    // Why PostgreSQL's transaction is opened first and committed last: the vault's rows stay
    // locked (no worker saves a token under the old key meanwhile) and a failure before the
    // SQLite commit rolls both back. The one window left is between the SQLite commit and the
    // PostgreSQL commit: a stop there leaves the design store under the new key and the vault
    // under the old one. Nothing is lost: secret.key.next is not renamed until both committed,
    // so Weft holds both keys and opens everything, and running `weft rotate-key` again reuses
    // secret.key.next and re-seals the vault. Workers elsewhere keep working on the old key
    // until the vault's commit; after it they need the new key (README: "Workers elsewhere").
    await pgClient?.query('BEGIN');
    if (pgClient) resealedInRunStore = await resealVault(pgClient, old, box);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.transaction(() => {
      const tables = sqlite
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`,
        )
        .all() as { name: string }[];
      for (const { name } of tables) {
        const columns = (
          sqlite.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(name) as { name: string; type: string }[]
        ).filter((c) => /text/i.test(c.type));
        for (const col of columns) {
          const secret = SECRET_COLUMNS.includes(`${name}.${col.name}`);
          const rows = sqlite
            .prepare(
              `SELECT rowid AS rid, "${col.name}" AS v FROM "${name}" WHERE "${col.name}" LIKE 'v1.%' OR "${col.name}" LIKE 'v2.%'`,
            )
            .all() as { rid: number; v: string }[];
          const update = sqlite.prepare(`UPDATE "${name}" SET "${col.name}" = ? WHERE rowid = ?`);
          for (const r of rows) {
            if (!SecretBox.isSealed(r.v)) continue;
            // Anyone can type text shaped like a sealed value (a flow named "v1.a.b.c", issue 18); only
            // Weft's key can make one that opens (AES-GCM's tag). Outside the secret columns, a value
            // that does not open is someone's data, left as it is; inside them it is a secret Weft
            // cannot open, and the rotation stops rather than lose it.
            const value = secret ? old.open(r.v) : old.tryOpen(r.v);
            if (!value) continue;
            update.run(box.seal(value), r.rid);
            resealed++;
          }
        }
      }
    })();
    await pgClient?.query('COMMIT');
  } catch (e) {
    await pgClient?.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    sqlite.close();
    await pgClient?.end().catch(() => undefined);
  }
  if (env.WEFT_SECRET_KEY) return { resealed, resealedInRunStore, newEnvKey: next.toString('base64') };
  renameSync(nextFile, join(dataDir, KEY_FILE));
  return { resealed, resealedInRunStore, newEnvKey: null };
}
