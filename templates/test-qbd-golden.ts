// Test support for the QuickBooks Desktop golden tests: a whole Weft on its own
// schema whose Desktop sandbox polls /qbwc every 200 ms (npm start: every 3 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootWeft } from '../server/boot';
import { testSchema } from '../scripts/test-databases';
import { quiet, type Golden } from './test-golden';

export async function bootQbdGolden(url: string, prefix: string): Promise<Golden> {
  const dir = mkdtempSync(join(tmpdir(), `weft-${prefix}-`));
  const weft = await bootWeft({
    dataDir: dir,
    port: null,
    databaseUrl: url,
    pgSchema: testSchema(prefix),
    log: quiet,
    qbdPollMs: 200,
  });
  return {
    weft,
    close: async () => {
      await weft.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
