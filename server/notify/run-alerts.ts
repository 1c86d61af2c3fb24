// Mail right after a run, for flows whose notification mode asks for it (seed
// §5.4): "Connection Failures Only" and "After Every Error". The notifier reads
// finished runs from the run ledger, whichever worker ran them, so a `weft worker`
// on another machine needs no mail settings; each run is queued once (dedupe key).
// A dry run (issue 14) sends no alert: it wrote nothing, and its failures are what it came to show.
import type { Queryable } from '../../engine';
import { esc, mailFrame, table, textTable, weftLink } from './mail-html';
import { enqueueMail } from './mail-outbox';
import { alertsFor, type NotifyMode } from './notify-modes';
import { loadSettings, recipientsOf } from './notify-settings';

export interface FinishedRunRow {
  id: string;
  workspaceId: string;
  flowId: string;
  flowName: string;
  notify: NotifyMode;
  status: string;
  error: string | null;
  finishedAt: Date;
  connectionFailedRecords: boolean;
}

export interface AlertDeps {
  db: Queryable;
  adminEmails(workspaceId: string): string[];
  baseUrl: string | null;
}

// Runs finish with finished_at = their transaction's start: look a minute behind the
// cursor so a slow commit is not missed; the dedupe key makes the overlap harmless.
const LOOK_BEHIND = "interval '1 minute'";

/** Queues the alerts of runs finished since the last look; returns how many mails were queued. */
export async function queueRunAlerts(deps: AlertDeps): Promise<number> {
  const { db } = deps;
  await db.query(`INSERT INTO weft_notify_cursor (id, finished_after) VALUES (1, now()) ON CONFLICT (id) DO NOTHING`);
  const { rows } = await db.query(
    `SELECT r.id, r.workspace_id, r.flow_id, r.document->>'name' AS flow_name,
            COALESCE(r.document->'settings'->>'notify', 'connection-failures') AS notify,
            r.status, r.error, r.finished_at,
            EXISTS (SELECT 1 FROM weft_failures f WHERE f.run_id = r.id AND f.failure->>'connection' = 'true') AS conn
       FROM weft_runs r, weft_notify_cursor c
      WHERE r.finished_at IS NOT NULL AND r.parent_run_id IS NULL AND NOT r.dry_run
        AND r.finished_at > c.finished_after - ${LOOK_BEHIND}
      ORDER BY r.finished_at LIMIT 500`,
  );
  let queued = 0;
  for (const r of rows) {
    const run: FinishedRunRow = {
      id: r.id,
      workspaceId: r.workspace_id,
      flowId: r.flow_id,
      flowName: r.flow_name,
      notify: r.notify as NotifyMode,
      status: r.status,
      error: r.error,
      finishedAt: r.finished_at,
      connectionFailedRecords: r.conn,
    };
    if (!needsAlert(run)) continue;
    const settings = await loadSettings(db, run.workspaceId);
    const recipients = recipientsOf(settings, deps.adminEmails(run.workspaceId));
    if (recipients.to.length + recipients.cc.length + recipients.bcc.length === 0) continue;
    const mail = await composeAlert(db, run, deps.baseUrl);
    if (
      await enqueueMail(db, {
        workspaceId: run.workspaceId,
        kind: 'run-alert',
        dedupeKey: `run:${run.id}`,
        recipients,
        ...mail,
      })
    )
      queued++;
  }
  const last = rows.at(-1)?.finished_at as Date | undefined;
  if (last)
    await db.query(`UPDATE weft_notify_cursor SET finished_after = GREATEST(finished_after, $1) WHERE id = 1`, [last]);
  return queued;
}

/**
 * A connection failure is a run that could not go on (status "failed": a system did not
 * answer or refused Weft, so the run paused and its next run reads the same records) or a
 * record that failed because of the connection rather than its data.
 */
export function isConnectionFailure(run: Pick<FinishedRunRow, 'status' | 'connectionFailedRecords'>): boolean {
  return run.status === 'failed' || run.connectionFailedRecords;
}

export function needsAlert(run: FinishedRunRow): boolean {
  const on = alertsFor(run.notify);
  if (on === 'connection-failures') return isConnectionFailure(run);
  if (on === 'every-error') return run.status === 'failed' || run.status === 'completed-with-errors';
  return false;
}

async function composeAlert(db: Queryable, run: FinishedRunRow, baseUrl: string | null) {
  const nodes = await db.query(
    `SELECT node_id, in_count, created, updated, skipped, failed FROM weft_run_nodes WHERE run_id = $1 ORDER BY position`,
    [run.id],
  );
  const fails = await db.query(
    `SELECT node_id, record_key, code, message, failure->>'action' AS action FROM weft_failures WHERE run_id = $1 ORDER BY id LIMIT 10`,
    [run.id],
  );
  const failedCount = nodes.rows.reduce((n, r) => n + Number(r.failed), 0);
  const what =
    run.status === 'failed'
      ? 'stopped on a failure'
      : `finished with ${failedCount} failed record${failedCount === 1 ? '' : 's'}`;
  const subject = `Weft: "${run.flowName}" ${what}`;
  const link = weftLink(baseUrl, `#/flows/${encodeURIComponent(run.flowId)}`);
  const nodeHead = ['Node', 'In', 'Created', 'Updated', 'Skipped', 'Failed'];
  const nodeRows = nodes.rows.map((n) => [n.node_id, n.in_count, n.created, n.updated, n.skipped, n.failed]);
  const failHead = ['Node', 'Record', 'Code', 'What happened', 'What to do'];
  const failRows = fails.rows.map((f) => [f.node_id, f.record_key, f.code, f.message, f.action ?? '']);
  const intro = `The run ${run.id} of the flow "${run.flowName}" ${what} at ${run.finishedAt.toISOString()}.`;
  const html = mailFrame(
    subject,
    [
      `<p>${esc(intro)}</p>`,
      run.error ? `<p><strong>Why it stopped:</strong> ${esc(run.error)}</p>` : '',
      table(nodeHead, nodeRows),
      failRows.length ? `<h3 style="font-size:15px">First failed records</h3>${table(failHead, failRows)}` : '',
      link
        ? `<p><a href="${esc(link)}">Open the flow in Weft</a> to see every failed record and reprocess it.</p>`
        : '',
    ].join('\n'),
    `You get this mail because the flow's notification mode is "${run.notify}". Change it in the flow's settings.`,
  );
  const text = [
    intro,
    run.error ? `Why it stopped: ${run.error}` : '',
    textTable(nodeHead, nodeRows),
    failRows.length ? `First failed records:\n${textTable(failHead, failRows)}` : '',
    link ? `Open the flow: ${link}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return { subject, html, text };
}
