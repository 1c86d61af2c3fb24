// Run history per flow (issue 16, operators): runs newest first with server paging
// (keyset on the start time, never OFFSET), each run's counters and duration, the
// points of the records/failures chart, and each run's structured log filtered by
// node, level and text (engine/postgres/run-log.ts writes it).
import type { Queryable } from '../../engine';
import type { FlowDocument } from '../../flow/flow-document';

/** Who started the run, as an operator reads it. */
export type HistoryTrigger = 'schedule' | 'operator' | 'utility';

export interface HistoryRun {
  runId: string;
  status: string;
  trigger: HistoryTrigger;
  utilityKind: string | null;
  /** A dry run read and decided but wrote nothing (issue 14): never to be read as a real run. */
  dryRun: boolean;
  version: number | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  read: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error: string | null;
  /** A split bulk load's slices (each with its own log), in date order; empty otherwise. */
  slices: string[];
}

/** Where the next page starts: the last run shown (its start time and id). */
export interface HistoryCursor {
  at: string;
  runId: string;
}

export interface HistoryPage {
  runs: HistoryRun[];
  next: HistoryCursor | null;
}

export interface ChartPoint {
  runId: string;
  at: string;
  read: number;
  failed: number;
  dryRun: boolean;
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogLine {
  seq: number;
  at: string;
  level: LogLevel;
  nodeId: string | null;
  message: string;
  fields: Record<string, unknown> | null;
}

export interface LogQuery {
  nodeId?: string | null;
  /** The lowest level shown: `warn` shows warnings and errors. */
  level?: LogLevel;
  search?: string;
  afterSeq?: number;
  limit: number;
}

const TRIGGERS: Record<string, HistoryTrigger> = {
  schedule: 'schedule',
  manual: 'operator',
  cli: 'operator',
  utility: 'utility',
};

// Counters of a run: what its sources read (plan position 0) and what all its nodes did.
const COUNTERS = `LEFT JOIN LATERAL (
    SELECT sum(in_count) FILTER (WHERE position = 0) AS read, sum(created) AS created, sum(updated) AS updated,
           sum(skipped) AS skipped, sum(failed) AS failed
      FROM weft_run_nodes WHERE run_id = r.id) n ON true`;
const STARTED = `COALESCE(r.started_at, r.queued_at)`;

export async function historyPage(
  db: Queryable,
  workspaceId: string,
  flowId: string,
  opts: { limit: number; before?: HistoryCursor | null },
): Promise<HistoryPage> {
  const before = opts.before ?? null;
  // One more than asked: tells whether an older page exists without counting the table.
  const { rows } = await db.query(
    `SELECT r.id, r.status, r.trigger, r.options, r.flow_version, r.dry_run, ${STARTED} AS at, r.finished_at,
            r.error,
            n.read, n.created, n.updated, n.skipped, n.failed,
            ARRAY(SELECT c.id FROM weft_runs c WHERE c.parent_run_id = r.id
                   ORDER BY c.options->'range'->>'from', c.id) AS slices
       FROM weft_runs r ${COUNTERS}
      WHERE r.workspace_id = $1 AND r.flow_id = $2 AND r.parent_run_id IS NULL
        AND ($3::timestamptz IS NULL OR (${STARTED}, r.id) < ($3::timestamptz, $4::uuid))
      ORDER BY ${STARTED} DESC, r.id DESC
      LIMIT $5`,
    [workspaceId, flowId, before?.at ?? null, before?.runId ?? null, opts.limit + 1],
  );
  const runs = rows.slice(0, opts.limit).map((r): HistoryRun => {
    const at = new Date(r.at);
    const end = r.finished_at ? new Date(r.finished_at) : null;
    return {
      runId: r.id,
      status: r.status,
      trigger: TRIGGERS[r.trigger] ?? 'operator',
      utilityKind: r.options?.kind ?? null,
      dryRun: r.dry_run === true,
      version: r.flow_version,
      startedAt: at.toISOString(),
      finishedAt: end?.toISOString() ?? null,
      durationMs: end ? end.getTime() - at.getTime() : null,
      read: Number(r.read ?? 0),
      created: Number(r.created ?? 0),
      updated: Number(r.updated ?? 0),
      skipped: Number(r.skipped ?? 0),
      failed: Number(r.failed ?? 0),
      error: r.error,
      slices: r.slices ?? [],
    };
  });
  const last = runs.at(-1);
  return { runs, next: rows.length > opts.limit && last ? { at: last.startedAt, runId: last.runId } : null };
}

/** The chart's points: the newest `limit` runs, oldest first (bounded, whatever the history holds). */
export async function historyChart(
  db: Queryable,
  workspaceId: string,
  flowId: string,
  limit: number,
): Promise<ChartPoint[]> {
  const { rows } = await db.query(
    `SELECT r.id, ${STARTED} AS at, r.dry_run, n.read, n.failed FROM weft_runs r ${COUNTERS}
      WHERE r.workspace_id = $1 AND r.flow_id = $2 AND r.parent_run_id IS NULL
      ORDER BY ${STARTED} DESC, r.id DESC LIMIT $3`,
    [workspaceId, flowId, limit],
  );
  return rows
    .map((r) => ({
      runId: r.id as string,
      at: new Date(r.at).toISOString(),
      read: Number(r.read ?? 0),
      failed: Number(r.failed ?? 0),
      dryRun: r.dry_run === true,
    }))
    .reverse();
}

const LEVELS: Record<LogLevel, LogLevel[]> = {
  info: ['info', 'warn', 'error'],
  warn: ['warn', 'error'],
  error: ['error'],
};

/** A page of a run's log, in order; `next` is the seq to continue after. A split load's slices keep their own. */
export async function runLog(
  db: Queryable,
  workspaceId: string,
  runId: string,
  q: LogQuery,
): Promise<{ lines: LogLine[]; next: number | null }> {
  const search = q.search?.trim() ? `%${q.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await db.query(
    `SELECT l.seq, l.at, l.level, l.node_id, l.message, l.fields
       FROM weft_run_logs l JOIN weft_runs r ON r.id = l.run_id
      WHERE l.run_id = $1 AND r.workspace_id = $2 AND l.seq > $3
        AND ($4::text IS NULL OR l.node_id = $4) AND l.level = ANY($5) AND ($6::text IS NULL OR l.message ILIKE $6)
      ORDER BY l.seq LIMIT $7`,
    [runId, workspaceId, q.afterSeq ?? 0, q.nodeId ?? null, LEVELS[q.level ?? 'info'], search, q.limit + 1],
  );
  const lines = rows.slice(0, q.limit).map((r) => ({
    seq: r.seq as number,
    at: new Date(r.at).toISOString(),
    level: r.level as LogLevel,
    nodeId: r.node_id as string | null,
    message: r.message as string,
    fields: r.fields as Record<string, unknown> | null,
  }));
  return { lines, next: rows.length > q.limit ? lines.at(-1)!.seq : null };
}

/** What a past run ran (its document, exactly) and its version: the canvas shows it with that run's counters. */
export async function runDocument(
  db: Queryable,
  workspaceId: string,
  runId: string,
): Promise<{ flowId: string; version: number | null; document: FlowDocument } | null> {
  const { rows } = await db.query(
    `SELECT flow_id, flow_version, document FROM weft_runs WHERE id = $1 AND workspace_id = $2`,
    [runId, workspaceId],
  );
  return rows[0] ? { flowId: rows[0].flow_id, version: rows[0].flow_version, document: rows[0].document } : null;
}
