// `weft worker` (issue 6): a process that only takes runs from the shared queue.
// It needs PostgreSQL (DATABASE_URL) and the secret key — no design store, no
// data folder of its own: flows travel with their jobs, connections come from the
// run store's connection vault (engine/postgres/connection-vault.ts), the same
// resolver the server's own worker uses.
import { join } from 'node:path';
import { ConnectionVault } from '../engine/postgres/connection-vault';
import { RunQueue } from '../engine/postgres/run-queue';
import { Worker } from '../engine/postgres/worker';
import { registry } from '../nodes';
import type { Logger } from '../nodes/define-node';
import { ROOT } from './boot';
import type { SecretBox } from './design/secrets';
import { redactDeep, redactText, rememberSecrets } from './redact-secrets';

export interface RemoteWorker {
  worker: Worker;
  queue: RunQueue;
  close(): Promise<void>;
}

export async function bootWorker(o: { databaseUrl: string; pgSchema?: string; box: SecretBox; log: Logger; name?: string }): Promise<RemoteWorker> {
  const log: Logger = {
    info: (m, f) => o.log.info(redactText(m), f && redactDeep(f)),
    warn: (m, f) => o.log.warn(redactText(m), f && redactDeep(f)),
    error: (m, f) => o.log.error(redactText(m), f && redactDeep(f)),
  };
  const queue = await RunQueue.open(o.databaseUrl, join(ROOT, 'migrations/runs'), (m) => log.warn(m), o.pgSchema);
  // Every secret the vault opens is taught to the redactor before a node can log it.
  const vault = new ConnectionVault(queue.pool, o.box, rememberSecrets);
  const worker = new Worker({ queue, registry, log, name: o.name, connections: (ws, id) => vault.resolve(ws, id), redact: redactDeep });
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
