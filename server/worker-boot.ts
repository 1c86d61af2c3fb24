// `weft worker` (issue 6): a process that only takes runs from the shared queue.
// It needs PostgreSQL (DATABASE_URL) and the secret key — no design store, no
// data folder of its own: flows travel with their jobs, connections come from the
// run store's connection vault (engine/postgres/connection-vault.ts), the same
// resolver the server's own worker uses.
// Nothing here imports boot.ts: that would load the whole server (express, tRPC,
// the designer's API, the sandboxes) into every worker process (issue 6: memory).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConnectionVault } from '../engine';
import { RunQueue } from '../engine';
import { Worker } from '../engine';
import { registry } from '../nodes';
import type { Logger } from '../nodes/define-node';
import type { SecretBox } from './design/secrets';
import { redactDeep, redactText, rememberSecrets } from './redact-secrets';

/** The project folder (for migrations/runs), found upwards from this module: from source or from dist/server. */
const ROOT = (() => {
  for (let dir = fileURLToPath(new URL('.', import.meta.url)); ; dir = resolve(dir, '..')) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations/runs'))) return dir;
    if (dir === resolve(dir, '..'))
      throw new Error(`Weft's project folder (with migrations/runs) was not found above ${import.meta.url}`);
  }
})();

/** Where `weft worker` looks for secret.key (same rule as boot.ts's dataDirFromEnv). */
export function workerDataDir(): string {
  return resolve(process.env.WEFT_DATA_DIR ?? join(process.cwd(), 'data'));
}

const line = (m: string, f?: Record<string, unknown>) =>
  f && Object.keys(f).length > 0 ? `${m} ${JSON.stringify(f)}` : m;
/** Plain console lines, as boot.ts's consoleLogger writes them. */
export const workerLogger: Logger = {
  info: (m, f) => console.log(line(m, f)),
  warn: (m, f) => console.warn(line(m, f)),
  error: (m, f) => console.error(line(m, f)),
};

export interface RemoteWorker {
  worker: Worker;
  queue: RunQueue;
  close(): Promise<void>;
}

export async function bootWorker(o: {
  databaseUrl: string;
  pgSchema?: string;
  box: SecretBox;
  log: Logger;
  name?: string;
}): Promise<RemoteWorker> {
  const log: Logger = {
    info: (m, f) => o.log.info(redactText(m), f && redactDeep(f)),
    warn: (m, f) => o.log.warn(redactText(m), f && redactDeep(f)),
    error: (m, f) => o.log.error(redactText(m), f && redactDeep(f)),
  };
  const queue = await RunQueue.open(o.databaseUrl, join(ROOT, 'migrations/runs'), (m) => log.warn(m), o.pgSchema);
  // Every secret the vault opens is taught to the redactor before a node can log it.
  const vault = new ConnectionVault(queue.pool, o.box, rememberSecrets);
  const worker = new Worker({
    queue,
    registry,
    log,
    name: o.name,
    // Runs at once (default 2): a hosting provider's worker serving many companies runs more (WEFT_WORKER_CONCURRENCY).
    concurrency: Number(process.env.WEFT_WORKER_CONCURRENCY) || undefined,
    connections: (ws, id) => vault.resolve(ws, id),
    redact: redactDeep,
  });
  try {
    await worker.start();
  } catch (e) {
    await queue.close();
    throw e;
  }
  return {
    worker,
    queue,
    close: async () => {
      // pg-boss before the pool (stack-notes).
      await worker.stop();
      await queue.close();
    },
  };
}
