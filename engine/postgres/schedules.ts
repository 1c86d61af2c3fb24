// Schedules as a chain of delayed pg-boss jobs: each tick queues the run that is
// due and the next tick. pg-boss cron has one-minute resolution and fires up to
// 14 s late (stack-notes), and cannot say "every 7 minutes"; a chain can. Cron
// expressions ride the same chain: flow/schedule-times.ts says when the
// next tick is due, in the flow's time zone, sleep window applied.
// A flow touching a paused QuickBooks Desktop company file (modal dialog,
// single-user mode…) keeps its chain but its ticks start no run: the schedule
// shows PAUSED (paused_by = `company-file:<connection>`) until a Web Connector
// session gets through (desktop-sessions.ts resumeFile).
import type pg from 'pg';
import type { FlowDocument } from '../../flow/flow-document';
import { cronProblem, nextDueAfter, sleepWindowEnd, timeZoneProblem } from '../../flow/schedule-times';
import { insertRun } from './run-store';
import { RUN_QUEUE, type RunQueue, type TickJob } from './run-queue';
import { randomUUID } from 'node:crypto';

export interface ScheduleRow {
  flowId: string;
  workspaceId: string;
  flowVersion: number;
  document: FlowDocument;
  enabled: boolean;
  nextDueAt: string | null;
  /** Connections (company files, sites) the flow touches: a paused Desktop company file pauses it. */
  connections: string[];
}

/** `paused_by` of a schedule waiting for a QuickBooks Desktop company file (utility runs put their run id). */
export const COMPANY_FILE_PAUSE = 'company-file:';
/** While its company file is paused, a due flow looks again this often. */
const PAUSED_RECHECK_MS = 30_000;

/** Operator pressed Start: the published version runs now, then on its schedule. */
export async function enableSchedule(
  queue: RunQueue,
  s: { flowId: string; workspaceId: string; flowVersion: number; document: FlowDocument; connections: string[] },
): Promise<void> {
  const { schedule, timeZone } = s.document.settings;
  const zone = timeZoneProblem(timeZone);
  if (zone) throw new Error(`Time zone: ${zone}. Correct it in the flow settings, publish, then start.`);
  const why = schedule && 'cron' in schedule ? cronProblem(schedule.cron) : null;
  if (why)
    throw new Error(
      `Schedule "${(schedule as { cron: string }).cron}": ${why}. Correct it in the flow settings, publish, then start.`,
    );
  const due = new Date();
  await queue.transaction(async (client) => {
    // A schedule a utility run paused stays paused (with the new version) until that run ends.
    const { rows } = await client.query(
      `INSERT INTO weft_schedules (flow_id, workspace_id, flow_version, document, enabled, next_due_at, connections) VALUES ($1,$2,$3,$4,true,$5,$6)
       ON CONFLICT (flow_id) DO UPDATE SET workspace_id = $2, flow_version = $3, document = $4, connections = $6, updated_at = now(),
         enabled = weft_schedules.paused_by IS NULL OR weft_schedules.paused_by LIKE '${COMPANY_FILE_PAUSE}%',
         next_due_at = CASE WHEN weft_schedules.paused_by IS NULL OR weft_schedules.paused_by LIKE '${COMPANY_FILE_PAUSE}%' THEN $5 END
       RETURNING enabled`,
      [s.flowId, s.workspaceId, s.flowVersion, JSON.stringify(s.document), due, s.connections],
    );
    if (rows[0].enabled) await queue.sendTick(client, { flowId: s.flowId, dueAt: due.toISOString() }, due);
  });
}

export async function disableSchedule(db: Pick<pg.Pool, 'query'>, flowId: string): Promise<void> {
  // A tick already queued finds the schedule disabled and does nothing. Stopped by
  // the operator, it is no longer paused: a utility run ending later must not restart it.
  await db.query(
    `UPDATE weft_schedules SET enabled = false, next_due_at = NULL, paused_by = NULL, pause_reason = NULL, updated_at = now() WHERE flow_id = $1`,
    [flowId],
  );
}

export async function readSchedule(db: Pick<pg.Pool, 'query'>, flowId: string): Promise<ScheduleRow | null> {
  const { rows } = await db.query(`SELECT * FROM weft_schedules WHERE flow_id = $1`, [flowId]);
  const r = rows[0];
  return r
    ? {
        flowId: r.flow_id,
        workspaceId: r.workspace_id,
        flowVersion: r.flow_version,
        document: r.document,
        enabled: r.enabled,
        nextDueAt: r.next_due_at ? new Date(r.next_due_at).toISOString() : null,
        connections: r.connections ?? [],
      }
    : null;
}

export async function handleTick(queue: RunQueue, tick: TickJob, now: Date): Promise<void> {
  await queue.transaction(async (client) => {
    const { rows } = await client.query(`SELECT * FROM weft_schedules WHERE flow_id = $1 FOR UPDATE`, [tick.flowId]);
    const s = rows[0];
    if (!s || !s.enabled || !s.next_due_at) return; // stopped or paused: the chain ends here
    const dueAt = new Date(s.next_due_at);
    if (dueAt.getTime() > now.getTime() + 1000) {
      // A stale tick (restarted with a newer due time). Make sure a tick waits for the real
      // due time: a stale one still queued would otherwise block it (policy stately) and the
      // chain would end (issue 6: a resumed schedule must keep running).
      if (dueAt.toISOString() !== tick.dueAt)
        await queue.sendTick(client, { flowId: tick.flowId, dueAt: dueAt.toISOString() }, dueAt);
      return;
    }
    const doc = s.document as FlowDocument;
    const wake = sleepWindowEnd(doc.settings, now);
    if (wake) {
      // Seed §5.4 "Sleep Window": runs due inside it wait until it ends.
      await client.query(`UPDATE weft_schedules SET next_due_at = $2 WHERE flow_id = $1`, [tick.flowId, wake]);
      await queue.sendTick(client, { flowId: tick.flowId, dueAt: wake.toISOString() }, wake);
      return;
    }
    const file = await pausedFile(client, s.connections ?? []);
    if (file) {
      // Issue 5: QuickBooks cannot answer for this company file. The due run waits: no run is
      // queued, and the tick looks again soon, so the run goes shortly after a Web Connector
      // session gets through (a daily flow is not put off to the next day).
      const scheduled = nextDueAfter(doc.settings, dueAt, now);
      const again = new Date(Math.min(scheduled?.getTime() ?? Infinity, now.getTime() + PAUSED_RECHECK_MS));
      await client.query(
        `UPDATE weft_schedules SET paused_by = $2, pause_reason = $3, next_due_at = $4 WHERE flow_id = $1`,
        [tick.flowId, COMPANY_FILE_PAUSE + file.connectionId, file.reason, again],
      );
      await queue.sendTick(client, { flowId: tick.flowId, dueAt: again.toISOString() }, again);
      return;
    }
    if (s.paused_by?.startsWith(COMPANY_FILE_PAUSE))
      await client.query(`UPDATE weft_schedules SET paused_by = NULL, pause_reason = NULL WHERE flow_id = $1`, [
        tick.flowId,
      ]);
    const runId = randomUUID();
    await client.query('SAVEPOINT run');
    await insertRun(client, {
      id: runId,
      workspaceId: s.workspace_id,
      flowId: s.flow_id,
      flowVersion: s.flow_version,
      document: doc,
      trigger: 'schedule',
      connections: s.connections ?? [],
    });
    const jobId = await queue.boss.send(
      RUN_QUEUE,
      { runId },
      { singletonKey: s.flow_id, db: { executeSql: (t, v) => client.query(t, v) } },
    );
    // A run of this flow is already waiting: it will pick up these changes too.
    if (!jobId) await client.query('ROLLBACK TO SAVEPOINT run');
    // Slots missed while down are skipped; a time inside the sleep window waits for its end.
    const next = nextDueAfter(doc.settings, dueAt, now);
    await client.query(`UPDATE weft_schedules SET next_due_at = $2 WHERE flow_id = $1`, [tick.flowId, next]);
    if (next) await queue.sendTick(client, { flowId: tick.flowId, dueAt: next.toISOString() }, next);
  });
}

/** The first paused QuickBooks Desktop company file among these connections, with the schedule's reason. */
async function pausedFile(
  db: Pick<pg.PoolClient, 'query'>,
  connections: string[],
): Promise<{ connectionId: string; reason: string } | null> {
  if (connections.length === 0) return null;
  const { rows } = await db.query(
    `SELECT connection_id, paused_reason FROM weft_desktop_files WHERE connection_id = ANY($1) AND paused_reason IS NOT NULL ORDER BY paused_at LIMIT 1`,
    [connections],
  );
  return rows[0]
    ? {
        connectionId: rows[0].connection_id,
        reason: companyFilePauseReason(rows[0].connection_id, rows[0].paused_reason),
      }
    : null;
}

/** What operators read on a flow waiting for a QuickBooks Desktop company file. */
export function companyFilePauseReason(connectionId: string, fileReason: string): string {
  return (
    `Paused: QuickBooks Desktop company file "${connectionId}" cannot answer. ${fileReason} ` +
    `Weft resumes this schedule by itself when the Web Connector reports the file is free.`
  );
}

export { sleepWindowEnd };
