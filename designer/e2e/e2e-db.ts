// The e2e Weft's embedded PostgreSQL, for specs that must read or seed the run store directly
// (e.g. 100,000 failed records). The port is the one `weft start` derives from the data folder
// (server/boot.ts embeddedPortFor); Weft's role and password are in the folder's postgres-passwords.json.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';

export async function e2eDatabase(): Promise<pg.Client> {
  const dir = process.env.WEFT_E2E_DATA_DIR!;
  let h = 0;
  for (const c of resolve(dir)) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const port = Number(process.env.WEFT_PG_PORT) || 54_400 + (h % 1000);
  const { app } = JSON.parse(readFileSync(join(dir, 'postgres-passwords.json'), 'utf8')) as { app: string };
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'weft_app',
    password: app,
    database: 'postgres',
    options: '-c search_path=weft',
  });
  await client.connect();
  return client;
}

/** A sandbox connection's settings (base URL, realm id): the sandboxes listen on ports of their own. */
export async function sandboxSettings(
  db: pg.Client,
  connectionId: string,
): Promise<{ baseUrl: string; realmId?: string }> {
  const { rows } = await db.query(`SELECT settings FROM weft_connection_vault WHERE connection_id = $1 LIMIT 1`, [
    connectionId,
  ]);
  return rows[0].settings;
}
