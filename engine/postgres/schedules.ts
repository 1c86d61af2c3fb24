// Schedules as a chain of delayed pg-boss jobs: each tick queues the run that is
// due and the next tick. pg-boss cron has one-minute resolution and fires up to
// 14 s late (stack-notes), and cannot say "every 7 minutes"; a chain can.
import type pg from 'pg';
import { intervalMs, type FlowDocument } from '../graph/flow-document';
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
}

/** Operator pressed Start: the published version runs now, then on its schedule. */
export async function enableSchedule(queue: RunQueue, s: { flowId: string; workspaceId: string; flowVersion: number; document: FlowDocument }): Promise<void> {
  const schedule = s.document.settings.schedule;
  if (schedule && 'cron' in schedule) throw new Error('Cron schedules are not supported yet; use "every N minutes" in the flow settings.');
  const due = new Date();
  await queue.transaction(async (client) => {
    await client.query(
      `INSERT INTO weft_schedules (flow_id, workspace_id, flow_version, document, enabled, next_due_at) VALUES ($1,$2,$3,$4,true,$5)
       ON CONFLICT (flow_id) DO UPDATE SET workspace_id = $2, flow_version = $3, document = $4, enabled = true, next_due_at = $5, updated_at = now()`,
      [s.flowId, s.workspaceId, s.flowVersion, JSON.stringify(s.document), due],
    );
    await queue.sendTick(client, { flowId: s.flowId, dueAt: due.toISOString() }, due);
  });
}

export async function disableSchedule(db: Pick<pg.Pool, 'query'>, flowId: string): Promise<void> {
  // A tick already queued finds the schedule disabled and does nothing.
  await db.query(`UPDATE weft_schedules SET enabled = false, next_due_at = NULL, updated_at = now() WHERE flow_id = $1`, [flowId]);
}

export async function readSchedule(db: Pick<pg.Pool, 'query'>, flowId: string): Promise<ScheduleRow | null> {
  const { rows } = await db.query(`SELECT * FROM weft_schedules WHERE flow_id = $1`, [flowId]);
  const r = rows[0];
  return r ? { flowId: r.flow_id, workspaceId: r.workspace_id, flowVersion: r.flow_version, document: r.document, enabled: r.enabled, nextDueAt: r.next_due_at ? new Date(r.next_due_at).toISOString() : null } : null;
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
      if (dueAt.toISOString() !== tick.dueAt) await queue.sendTick(client, { flowId: tick.flowId, dueAt: dueAt.toISOString() }, dueAt);
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
    const runId = randomUUID();
    await client.query('SAVEPOINT run');
    await insertRun(client, { id: runId, workspaceId: s.workspace_id, flowId: s.flow_id, flowVersion: s.flow_version, document: doc, trigger: 'schedule' });
    const jobId = await queue.boss.send(RUN_QUEUE, { runId }, { singletonKey: s.flow_id, db: { executeSql: (t, v) => client.query(t, v) } });
    // A run of this flow is already waiting: it will pick up these changes too.
    if (!jobId) await client.query('ROLLBACK TO SAVEPOINT run');
    const every = doc.settings.schedule && 'every' in doc.settings.schedule ? intervalMs(doc.settings.schedule.every) : null;
    if (every === null) {
      await client.query(`UPDATE weft_schedules SET next_due_at = NULL WHERE flow_id = $1`, [tick.flowId]);
      return;
    }
    // Next due = this due + interval (not finish + interval), skipping slots missed while down.
    let next = dueAt.getTime() + every;
    if (next <= now.getTime()) next = now.getTime() + every;
    await client.query(`UPDATE weft_schedules SET next_due_at = $2 WHERE flow_id = $1`, [tick.flowId, new Date(next)]);
    await queue.sendTick(client, { flowId: tick.flowId, dueAt: new Date(next).toISOString() }, new Date(next));
  });
}

/** If `now` is inside the flow's sleep window (in its time zone), when the window ends; else null. */
export function sleepWindowEnd(settings: FlowDocument['settings'], now: Date): Date | null {
  if (!settings.sleepWindow) return null;
  const secondsOfDay = (hms: string) => hms.split(':').map(Number).reduce((a, b) => a * 60 + b, 0);
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: settings.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(now);
  const t = secondsOfDay(local);
  const start = secondsOfDay(settings.sleepWindow.start);
  const end = secondsOfDay(settings.sleepWindow.end);
  const inside = start <= end ? t >= start && t < end : t >= start || t < end; // a window may span midnight
  if (!inside) return null;
  const wait = (end - t + 86_400) % 86_400;
  return new Date(now.getTime() + wait * 1000);
}
