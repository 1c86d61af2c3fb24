// A whole Weft for a test file: booted in a temporary data folder on the test's PostgreSQL
// schema (sandboxes and worker included unless told otherwise), closed and removed after.
// Use inside a describe(): `const t = testWeft(db, 'review'); … t.weft.services…`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { testSchema } from '../scripts/test-databases';
import { bootWeft, type BootOptions, type Weft } from './boot';

export function testWeft(db: { url: string }, name: string, options: Partial<BootOptions> = {}) {
  const held = { weft: undefined as unknown as Weft, dir: '' };
  beforeAll(async () => {
    held.dir = mkdtempSync(join(tmpdir(), `weft-${name}-`));
    held.weft = await bootWeft({
      dataDir: held.dir,
      port: null,
      databaseUrl: db.url,
      pgSchema: testSchema(name),
      log: { info: () => undefined, warn: () => undefined, error: console.error },
      ...options,
    });
  }, 120_000);
  afterAll(async () => {
    await held.weft?.close();
    if (held.dir) rmSync(held.dir, { recursive: true, force: true });
  });
  return held;
}

/** Waits (up to a minute) until the run is no longer queued or running, and returns it. */
export async function runToEnd(weft: Weft, workspaceId: string, runId: string) {
  let run = await weft.services.runs.getRun(workspaceId, runId);
  for (
    const until = Date.now() + 60_000;
    run && ['queued', 'running'].includes(run.status) && Date.now() < until;
    run = await weft.services.runs.getRun(workspaceId, runId)
  )
    await new Promise((r) => setTimeout(r, 200));
  return run!;
}
