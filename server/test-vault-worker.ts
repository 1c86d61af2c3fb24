// One stand-in worker process for server/connection-vault.test.ts: it shares
// nothing with the test but PostgreSQL and the key, opens the QuickBooks
// connection the way a node does (openQboClient over the vault's resolver), waits
// for the common start time, calls QuickBooks once and prints what it saw.
// Run: node --import tsx server/test-vault-worker.ts (env below).
import pg from 'pg';
import { ConnectionVault } from '../engine';
import { memoryContext } from '../nodes/testing/memory-node-context';
import { openQboClient } from '../nodes/quickbooks/online/qbo-connection';
import { SecretBox } from './design/secrets';

const env = (k: string) =>
  process.env[k] ??
  (() => {
    throw new Error(`${k} is not set`);
  })();
const pool = new pg.Pool({
  connectionString: env('DATABASE_URL'),
  max: 2,
  options: `-c search_path=${env('WEFT_PG_SCHEMA')}`,
});
try {
  const vault = new ConnectionVault(pool, SecretBox.withKeys([Buffer.from(env('WEFT_SECRET_KEY'), 'base64')]));
  const ctx = { ...memoryContext({}), connection: (id: string) => vault.resolve(env('WORKSPACE'), id) };
  const { client } = await openQboClient(ctx, env('CONNECTION'), { retries: 0 });
  await new Promise((r) => setTimeout(r, Math.max(0, Number(env('GO_AT')) - Date.now())));
  const info = await client.companyInfo();
  console.log(JSON.stringify({ company: info.CompanyName }));
} finally {
  await pool.end();
}
