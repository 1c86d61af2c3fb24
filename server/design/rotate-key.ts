// `weft rotate-key`: a new secret key, and every value sealed with the old one
// re-sealed under it in one SQLite transaction. Generic over tables, so secrets
// other parts store (Web Connector passwords, OAuth tokens) are rotated too.
// Order that survives a crash at any step: the new key is written first
// (secret.key.next), then the data is re-sealed, then the key file is renamed;
// SecretBox.open holds both keys while secret.key.next exists.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_FILE, NEXT_KEY_FILE, readKeyFile, SecretBox, writeKeyFile } from './secrets';

export interface Rotation {
  resealed: number;
  /**
   * With WEFT_SECRET_KEY, the new key to put there (base64); it stays in secret.key.next
   * (0600, which Weft also reads) until the person has moved it. Null when the key file was rotated.
   */
  newEnvKey: string | null;
}

export function rotateSecretKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Rotation {
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
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.transaction(() => {
      const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`).all() as { name: string }[];
      for (const { name } of tables) {
        const columns = (sqlite.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(name) as { name: string; type: string }[]).filter((c) => /text/i.test(c.type));
        for (const col of columns) {
          const rows = sqlite.prepare(`SELECT rowid AS rid, "${col.name}" AS v FROM "${name}" WHERE "${col.name}" LIKE 'v1.%' OR "${col.name}" LIKE 'v2.%'`).all() as { rid: number; v: string }[];
          const update = sqlite.prepare(`UPDATE "${name}" SET "${col.name}" = ? WHERE rowid = ?`);
          for (const r of rows) {
            if (!SecretBox.isSealed(r.v)) continue;
            update.run(box.seal(old.open(r.v)), r.rid);
            resealed++;
          }
        }
      }
    })();
  } finally {
    sqlite.close();
  }
  if (env.WEFT_SECRET_KEY) return { resealed, newEnvKey: next.toString('base64') };
  renameSync(nextFile, join(dataDir, KEY_FILE));
  return { resealed, newEnvKey: null };
}
