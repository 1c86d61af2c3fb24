// The daily reports of seed §5.4: "Full Daily Report" (every flow's runs and
// counts) and "Error Daily Report" (only flows that had errors), one mail per
// workspace at its chosen local time, covering the 24 hours before it. Dry runs (issue 14)
// wrote nothing and are left out.
import type { Queryable } from '../../engine';
import { esc, mailFrame, table, textTable, weftLink } from './mail-html';
import { enqueueMail } from './mail-outbox';
import { dailyReportFor, type NotifyMode } from './notify-modes';
import { loadSettings, markDailySent, recipientsOf } from './notify-settings';

export interface ReportDeps {
  db: Queryable;
  adminEmails(workspaceId: string): string[];
  baseUrl: string | null;
}

interface FlowLine {
  flowId: string;
  name: string;
  notify: NotifyMode;
  runs: number;
  succeeded: number;
  withErrors: number;
  failedRuns: number;
  read: number;
  created: number;
  updated: number;
  failed: number;
}

/** The local date and time of `now` in a time zone: `{ day: '2026-12-07', time: '07:05' }`. */
export function localClock(now: Date, timeZone: string): { day: string; time: string } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((x) => [x.type, x.value]),
  );
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Queues every workspace's report that is due at `now`; returns the workspaces reported. */
export async function queueDueReports(deps: ReportDeps, now = new Date()): Promise<string[]> {
  const { rows } = await deps.db.query(
    `SELECT DISTINCT workspace_id FROM weft_runs WHERE parent_run_id IS NULL AND finished_at > $1::timestamptz - interval '24 hours'`,
    [now],
  );
  const done: string[] = [];
  for (const { workspace_id: ws } of rows) {
    const s = await loadSettings(deps.db, ws);
    const clock = localClock(now, s.timeZone);
    if (clock.time < s.dailyAt || (s.lastDailyFor !== null && s.lastDailyFor >= clock.day)) continue;
    if (await queueReport(deps, ws, now, clock.day)) done.push(ws);
    await markDailySent(deps.db, ws, clock.day);
  }
  return done;
}

/** Queues the report of one workspace for the 24 hours before `now`; false when no flow asks for one. */
export async function queueReport(deps: ReportDeps, workspaceId: string, now: Date, day: string): Promise<boolean> {
  const since = new Date(now.getTime() - 24 * 3600_000);
  const flows = (await flowLines(deps.db, workspaceId, since, now)).filter((f) => {
    const kind = dailyReportFor(f.notify);
    return kind === 'full' || (kind === 'errors' && (f.failed > 0 || f.failedRuns > 0));
  });
  if (flows.length === 0) return false;
  const s = await loadSettings(deps.db, workspaceId);
  const recipients = recipientsOf(s, deps.adminEmails(workspaceId));
  if (recipients.to.length + recipients.cc.length + recipients.bcc.length === 0) return false;
  const errors = await topErrors(
    deps.db,
    workspaceId,
    since,
    now,
    flows.map((f) => f.flowId),
  );
  const subject = `Weft daily report for ${day}: ${flows.length} flow${flows.length === 1 ? '' : 's'}, ${sum(flows, 'failed')} failed records`;
  const flowHead = [
    'Flow',
    'Runs',
    'Succeeded',
    'With errors',
    'Failed runs',
    'Read',
    'Created',
    'Updated',
    'Failed records',
  ];
  const flowRows = flows.map((f) => [
    f.name,
    f.runs,
    f.succeeded,
    f.withErrors,
    f.failedRuns,
    f.read,
    f.created,
    f.updated,
    f.failed,
  ]);
  const errHead = ['Code', 'Records', 'Example'];
  const errRows = errors.map((e) => [e.code, e.count, e.example]);
  const link = weftLink(deps.baseUrl, '#/');
  const period = `from ${since.toISOString()} to ${now.toISOString()}`;
  const html = mailFrame(
    subject,
    [
      `<p>What Weft's flows did ${esc(period)}.</p>`,
      table(flowHead, flowRows),
      errRows.length
        ? `<h3 style="font-size:15px">Top errors</h3>${table(errHead, errRows)}`
        : '<p>No record failed.</p>',
      link ? `<p><a href="${esc(link)}">Open Weft</a> to see the failed records and reprocess them.</p>` : '',
    ].join('\n'),
    "You get this report because these flows' notification mode includes a daily report. Change it in each flow's settings.",
  );
  const text = [
    `What Weft's flows did ${period}.`,
    textTable(flowHead, flowRows),
    errRows.length ? `Top errors:\n${textTable(errHead, errRows)}` : 'No record failed.',
    link ? `Open Weft: ${link}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return enqueueMail(deps.db, {
    workspaceId,
    kind: 'daily-report',
    dedupeKey: `daily:${workspaceId}:${day}`,
    recipients,
    subject,
    html,
    text,
  });
}

function sum(flows: FlowLine[], key: 'failed'): number {
  return flows.reduce((n, f) => n + f[key], 0);
}

async function flowLines(db: Queryable, ws: string, since: Date, until: Date): Promise<FlowLine[]> {
  const { rows } = await db.query(
    `SELECT r.flow_id,
            (array_agg(r.document->>'name' ORDER BY r.queued_at DESC))[1] AS name,
            (array_agg(COALESCE(r.document->'settings'->>'notify', 'connection-failures') ORDER BY r.queued_at DESC))[1] AS notify,
            count(*) AS runs,
            count(*) FILTER (WHERE r.status = 'succeeded') AS succeeded,
            count(*) FILTER (WHERE r.status = 'completed-with-errors') AS with_errors,
            count(*) FILTER (WHERE r.status = 'failed') AS failed_runs,
            COALESCE(sum(n.read), 0) AS read, COALESCE(sum(n.created), 0) AS created,
            COALESCE(sum(n.updated), 0) AS updated, COALESCE(sum(n.failed), 0) AS failed
       FROM weft_runs r
       LEFT JOIN LATERAL (
         SELECT sum(in_count) FILTER (WHERE position = 0) AS read, sum(created) AS created, sum(updated) AS updated, sum(failed) AS failed
           FROM weft_run_nodes WHERE run_id = r.id) n ON true
      WHERE r.workspace_id = $1 AND r.parent_run_id IS NULL AND NOT r.dry_run
        AND r.finished_at >= $2 AND r.finished_at < $3
      GROUP BY r.flow_id ORDER BY name`,
    [ws, since, until],
  );
  return rows.map((r) => ({
    flowId: r.flow_id,
    name: r.name,
    notify: r.notify,
    runs: Number(r.runs),
    succeeded: Number(r.succeeded),
    withErrors: Number(r.with_errors),
    failedRuns: Number(r.failed_runs),
    read: Number(r.read),
    created: Number(r.created),
    updated: Number(r.updated),
    failed: Number(r.failed),
  }));
}

async function topErrors(db: Queryable, ws: string, since: Date, until: Date, flowIds: string[]) {
  const { rows } = await db.query(
    `SELECT f.code, count(*) AS n, min(f.message) AS example
       FROM weft_failures f JOIN weft_runs r ON r.id = f.run_id
      WHERE r.workspace_id = $1 AND f.at >= $2 AND f.at < $3 AND r.flow_id = ANY($4) AND NOT r.dry_run
      GROUP BY f.code ORDER BY n DESC, f.code LIMIT 10`,
    [ws, since, until, flowIds],
  );
  return rows.map((r) => ({ code: r.code as string, count: Number(r.n), example: r.example as string }));
}
