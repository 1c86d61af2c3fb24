// What happens after a run ends, whichever worker ran it (issue 6):
// - the stop policy (seed §5.4 "Stop Scheduled Transaction") stops the flow's
//   SCHEDULE, not only the run: after a connection failure, or after every error;
// - the last slice of a split bulk load closes its utility run (counters summed);
// - a finished utility run resumes the scheduled flows it paused, with their Query
//   Starts moved up to the end of its date range (seed §6.3 catch-up).
import type { FlowDocument } from '../../flow/flow-document';
import type { RunOutcome } from '../run/run-flow';
import { writeWatermark, type UtilityOptions } from './run-store';
import type { RunQueue } from './run-queue';

interface FinishedRun {
  id: string;
  flowId: string;
  document: FlowDocument;
  options: UtilityOptions | null;
  parentRunId: string | null;
  dryRun?: boolean;
}

export async function afterRun(queue: RunQueue, run: FinishedRun, outcome: RunOutcome): Promise<void> {
  const policy = run.document.settings.stopPolicy;
  const reason =
    outcome.connectionFailure && policy !== 'never'
      ? `Stopped after a connection failure, as the flow's stop policy says: ${outcome.error ?? ''}`
      : policy === 'every-error' && (outcome.status === 'failed' || outcome.status === 'completed-with-errors')
        ? "Stopped after an error, as the flow's stop policy says. Fix the failed records, then start the flow again."
        : null;
  // A dry run's errors are what it came to show: they never stop the flow's schedule (issue 14).
  if (reason && !run.options && !run.dryRun) {
    await queue.pool.query(
      `UPDATE weft_schedules SET enabled = false, next_due_at = NULL, stop_reason = $2, updated_at = now() WHERE flow_id = $1 AND enabled`,
      [run.flowId, reason],
    );
  }
  if (run.parentRunId) await closeSlicedRun(queue, run.parentRunId);
  else if (run.options)
    await queue.transaction((client) => resumePaused(queue, client, run.id, run.options!.range?.to));
}

async function closeSlicedRun(queue: RunQueue, parentId: string): Promise<void> {
  await queue.transaction(async (client) => {
    const { rows } = await client.query(`SELECT options, status FROM weft_runs WHERE id = $1 FOR UPDATE`, [parentId]);
    if (!rows[0] || rows[0].status !== 'running') return;
    const slices = await client.query(`SELECT status, error FROM weft_runs WHERE parent_run_id = $1`, [parentId]);
    if (slices.rows.some((s) => s.status === 'queued' || s.status === 'running')) return;
    const statuses = slices.rows.map((s) => s.status as string);
    const status = ['failed', 'stopped', 'completed-with-errors'].find((s) => statuses.includes(s)) ?? 'succeeded';
    const error = slices.rows.find((s) => s.error)?.error ?? null;
    await client.query(
      `INSERT INTO weft_run_nodes (run_id, node_id, position, type, state, in_count, out_count, passed, filtered, created, updated, skipped, failed, review)
       SELECT $1, node_id, min(position), min(type), 'done', sum(in_count), sum(out_count), sum(passed),
              sum(filtered), sum(created), sum(updated), sum(skipped), sum(failed), sum(review)
         FROM weft_run_nodes WHERE run_id IN (SELECT id FROM weft_runs WHERE parent_run_id = $1) GROUP BY node_id
       ON CONFLICT (run_id, node_id) DO NOTHING`,
      [parentId],
    );
    await client.query(`UPDATE weft_runs SET status = $2, error = $3, finished_at = now() WHERE id = $1`, [
      parentId,
      status,
      error,
    ]);
    await resumePaused(queue, client, parentId, (rows[0].options as UtilityOptions).range?.to);
  });
}

async function resumePaused(
  queue: RunQueue,
  client: Parameters<Parameters<RunQueue['transaction']>[0]>[0],
  utilityRunId: string,
  to: string | undefined,
): Promise<void> {
  const { rows } = await client.query(`SELECT flow_id, document FROM weft_schedules WHERE paused_by = $1 FOR UPDATE`, [
    utilityRunId,
  ]);
  const now = new Date();
  for (const s of rows) {
    if (to) {
      // The bulk load covered everything up to `to`: the scheduled flow continues from there, never earlier.
      const doc = s.document as FlowDocument;
      const entered = new Set(doc.edges.map((e) => e.to.split(':')[0]));
      const marks = await client.query(`SELECT node_id, value FROM weft_watermarks WHERE flow_id = $1`, [s.flow_id]);
      const current = new Map(marks.rows.map((m) => [m.node_id as string, m.value as string | null]));
      for (const n of doc.nodes.filter((x) => !entered.has(x.id))) {
        const at = Date.parse((current.get(n.id) ?? '').split('|')[0]);
        if (current.get(n.id) && !Number.isFinite(at)) continue; // not a time watermark: leave it
        if (!Number.isFinite(at) || at < Date.parse(to))
          await writeWatermark(client, s.flow_id, n.id, new Date(to).toISOString());
      }
    }
    await client.query(
      `UPDATE weft_schedules SET enabled = true, paused_by = NULL, pause_reason = NULL, next_due_at = $2, updated_at = now() WHERE flow_id = $1`,
      [s.flow_id, now],
    );
    await queue.sendTick(client, { flowId: s.flow_id, dueAt: now.toISOString() }, now);
  }
}
