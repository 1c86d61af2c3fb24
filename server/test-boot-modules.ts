// Child process of server/boot-modules.test.ts: boots a Weft (HTTP on an ephemeral
// port, the test's PostgreSQL) with the hook noting each module loaded, then closes it.
// Run: node --import tsx server/test-boot-modules.ts (env: DATABASE_URL, WEFT_PG_SCHEMA,
// WEFT_DATA_DIR, WEFT_MODULE_LOG, and WEFT_SANDBOXES as the case wants).
import { register } from 'node:module';

register('./test-module-hook.mjs', import.meta.url);
const { bootWeft } = await import('./boot');
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };
const weft = await bootWeft({
  dataDir: process.env.WEFT_DATA_DIR!,
  port: 0,
  databaseUrl: process.env.DATABASE_URL,
  pgSchema: process.env.WEFT_PG_SCHEMA,
  qbdPollMs: 60_000,
  log: quiet,
});
console.log(JSON.stringify({ sandboxes: weft.sandboxes !== null, lines: weft.sandboxLines }));
await weft.close();
