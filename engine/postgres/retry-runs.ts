// Starting a retry run (issue 16, Support): the failed records chosen (one, several, or every
// open one matching a filter) are marked for the run in the same transaction that queues it,
// so two retries never take the same record and a retry is never queued with nothing to do.
import { randomUUID } from 'node:crypto';
import { insertRun } from './run-store';
import { AlreadyQueuedError, RUN_QUEUE, type RunQueue } from './run-queue';
import { markForRetry, type QueueFilter } from './failure-queue';

export class NothingToRetryError extends Error {}

export async function startRetryRun(queue: RunQueue, filter: QueueFilter): Promise<{ runId: string; records: number }> {
  const runId = randomUUID();
  return queue.transaction(async (client) => {
    // The flow as it last ran on its schedule or by hand: a retry uses the same mappings and targets.
    const last = await client.query(
      `SELECT flow_version, document, connections FROM weft_runs
        WHERE workspace_id = $1 AND flow_id = $2 AND (options IS NULL OR options->>'kind' = 'retry')
        ORDER BY queued_at DESC LIMIT 1`,
      [filter.workspaceId, filter.flowId],
    );
    if (!last.rows[0]) throw new NothingToRetryError('This flow has not run yet: there is nothing to retry.');
    await insertRun(client, {
      id: runId,
      workspaceId: filter.workspaceId,
      flowId: filter.flowId,
      flowVersion: last.rows[0].flow_version,
      document: last.rows[0].document,
      trigger: 'manual',
      connections: last.rows[0].connections ?? [],
      options: { kind: 'retry' },
    });
    const records = await markForRetry(client, filter, runId);
    if (records === 0)
      throw new NothingToRetryError('No open failed record matches: they may have been retried or ignored already.');
    const job = await queue.boss.send(
      RUN_QUEUE,
      { runId },
      { singletonKey: filter.flowId, db: { executeSql: (t: string, v?: unknown[]) => client.query(t, v) } },
    );
    if (!job) throw new AlreadyQueuedError();
    return { runId, records };
  });
}
