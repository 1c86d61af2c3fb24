// The run ledger in PostgreSQL: runs, node counters, failures, watermarks.
// Plain SQL through `pg`; every function takes a Queryable so callers can put
// several of them (and a pg-boss send) in one transaction.
import type pg from 'pg';
import type { FlowDocument } from '../../flow/flow-document';
import type {
  FailedRecord,
  NodeSnapshot,
  RunSnapshot,
  RunStatus,
  RunSummary,
  RunTrigger,
} from '../record/run-recorder';
import { fromStorableJson, storableText } from './storable-json';
import { openCounts } from './failure-queue';

export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export const RUN_EVENTS_CHANNEL = 'weft_run_events';

export interface NewRun {
  id: string;
  workspaceId: string;
  flowId: string;
  flowVersion: number | null;
  document: FlowDocument;
  trigger: RunTrigger;
  /** Company files / sites the run touches (issue 6: runs tagged with the company file). */
  connections?: string[];
  /** Utility runs (seed §6.1): see utility-runs.ts. */
  options?: UtilityOptions | null;
  parentRunId?: string | null;
  /** Issue 14: a dry run writes nothing and moves no watermark; the run says so wherever it is shown. */
  dryRun?: boolean;
}

/** What a utility run was asked to do (seed §6.1): stored on the run, read by the worker. */
export interface UtilityOptions {
  kind: 'binding' | 'bulk-load' | 'single' | 'review' | 'retry';
  range?: { from?: string; to?: string };
  batchSize?: number;
  /** A single run of chosen records: their keys (QuickBooks Id / ListID / TxnID, Creatio Id). */
  records?: string[];
  /** A split load (DRS): the parent run's slice count; each slice runs as a child run. */
  slices?: number;
  /** The scheduled flows the run paused when it started (set by startUtilityRun). */
  paused?: string[];
}

export async function insertRun(db: Queryable, run: NewRun): Promise<void> {
  await db.query(
    `INSERT INTO weft_runs (id, workspace_id, flow_id, flow_version, document, trigger, status, connections, options,
       parent_run_id, dry_run)
     VALUES ($1,$2,$3,$4,$5,$6,'queued',$7,$8,$9,$10)`,
    [
      run.id,
      run.workspaceId,
      run.flowId,
      run.flowVersion,
      JSON.stringify(run.document),
      run.trigger,
      run.connections ?? [],
      run.options ? JSON.stringify(run.options) : null,
      run.parentRunId ?? null,
      run.dryRun === true,
    ],
  );
  await notify(db, run.flowId, run.id);
}

export async function loadRun(
  db: Queryable,
  runId: string,
): Promise<
  | (RunSummary & {
      workspaceId: string;
      document: FlowDocument;
      options: UtilityOptions | null;
      parentRunId: string | null;
    })
  | null
> {
  const { rows } = await db.query(`SELECT * FROM weft_runs WHERE id = $1`, [runId]);
  const r = rows[0];
  return r
    ? {
        ...summaryOf(r),
        workspaceId: r.workspace_id,
        document: r.document,
        options: r.options ?? null,
        parentRunId: r.parent_run_id ?? null,
      }
    : null;
}

/** Where a resumed run left off: its own committed watermarks (utility runs never touch the flow's). */
export async function runWatermarks(db: Queryable, runId: string): Promise<Map<string, string>> {
  const { rows } = await db.query(
    `SELECT node_id, watermark FROM weft_run_nodes WHERE run_id = $1 AND watermark IS NOT NULL`,
    [runId],
  );
  return new Map(rows.map((r) => [r.node_id as string, r.watermark as string]));
}

export async function markRunStarted(db: Queryable, runId: string, worker: string): Promise<boolean> {
  // Only a queued run (or one whose worker died mid-run) starts; a finished run is never re-run.
  const { rowCount } = await db.query(
    `UPDATE weft_runs SET status = 'running', started_at = COALESCE(started_at, now()), worker = $2 WHERE id = $1 AND status IN ('queued','running')`,
    [runId, worker],
  );
  return rowCount === 1;
}

export async function markRunFinished(
  db: Queryable,
  runId: string,
  flowId: string,
  status: RunStatus,
  error: string | null,
  worker: string | null = null,
): Promise<void> {
  // A run resumed after a crash only knows its own pages: failures recorded before the crash still count.
  await db.query(
    `UPDATE weft_runs SET finished_at = now(), error = $3,
            status = CASE WHEN $2 = 'succeeded'
                           AND EXISTS (SELECT 1 FROM weft_run_nodes WHERE run_id = $1 AND failed > 0)
                          THEN 'completed-with-errors' ELSE $2 END
      WHERE id = $1 AND ($4::text IS NULL OR worker = $4)`,
    [runId, status, error === null ? null : storableText(error), worker],
  );
  await notify(db, flowId, runId);
}

export async function notify(db: Queryable, flowId: string, runId: string): Promise<void> {
  await db.query(`SELECT pg_notify($1, $2)`, [RUN_EVENTS_CHANNEL, JSON.stringify({ flowId, runId })]);
}

export async function runSnapshot(db: Queryable, runId: string, workspaceId?: string): Promise<RunSnapshot | null> {
  const { rows } = await db.query(`SELECT * FROM weft_runs WHERE id = $1 AND ($2::text IS NULL OR workspace_id = $2)`, [
    runId,
    workspaceId ?? null,
  ]);
  if (!rows[0]) return null;
  const nodes = await db.query(`SELECT * FROM weft_run_nodes WHERE run_id = $1 ORDER BY position`, [runId]);
  // Each node's open failed records across runs (issue 16): the work queue, whichever run is shown.
  const open = await openCounts(db, rows[0].flow_id);
  return { ...summaryOf(rows[0]), nodes: nodes.rows.map((r) => ({ ...nodeOf(r), open: open.get(r.node_id) ?? 0 })) };
}

export async function latestRunId(db: Queryable, workspaceId: string, flowId: string): Promise<string | null> {
  const { rows } = await db.query(
    `SELECT id FROM weft_runs WHERE workspace_id = $1 AND flow_id = $2 ORDER BY queued_at DESC LIMIT 1`,
    [workspaceId, flowId],
  );
  return rows[0]?.id ?? null;
}

export async function listRuns(
  db: Queryable,
  workspaceId: string,
  flowId: string,
  limit: number,
): Promise<RunSummary[]> {
  const { rows } = await db.query(
    `SELECT * FROM weft_runs WHERE workspace_id = $1 AND flow_id = $2 ORDER BY queued_at DESC LIMIT $3`,
    [workspaceId, flowId, limit],
  );
  return rows.map(summaryOf);
}

export async function listFailures(
  db: Queryable,
  workspaceId: string,
  runId: string,
  nodeId: string | null,
  limit: number,
): Promise<FailedRecord[]> {
  const { rows } = await db.query(
    `SELECT f.* FROM weft_failures f JOIN weft_runs r ON r.id = f.run_id
      WHERE f.run_id = $1 AND r.workspace_id = $2 AND ($3::text IS NULL OR f.node_id = $3) ORDER BY f.id LIMIT $4`,
    [runId, workspaceId, nodeId, limit],
  );
  return rows.map((r) => ({
    id: String(r.id),
    runId: r.run_id,
    nodeId: r.node_id,
    recordKey: r.record_key,
    failure: fromStorableJson(r.failure),
    record: fromStorableJson(r.record),
    at: iso(r.at)!,
  }));
}

export async function readWatermarks(
  db: Queryable,
  flowId: string,
): Promise<Map<string, { value: string | null; updatedAt: string }>> {
  const { rows } = await db.query(`SELECT node_id, value, updated_at FROM weft_watermarks WHERE flow_id = $1`, [
    flowId,
  ]);
  return new Map(rows.map((r) => [r.node_id, { value: r.value, updatedAt: iso(r.updated_at)! }]));
}

export async function writeWatermark(
  db: Queryable,
  flowId: string,
  nodeId: string,
  value: string | null,
): Promise<void> {
  await db.query(
    `INSERT INTO weft_watermarks (flow_id, node_id, value) VALUES ($1,$2,$3)
     ON CONFLICT (flow_id, node_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [flowId, nodeId, value],
  );
}

/** A row as node-postgres returns it: columns by name, typed by the SQL that read them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows are untyped; the SELECTs above name each column
type PgRow = Record<string, any>;

function summaryOf(r: PgRow): RunSummary {
  return {
    runId: r.id,
    flowId: r.flow_id,
    flowVersion: r.flow_version,
    status: r.status,
    trigger: r.trigger,
    queuedAt: iso(r.queued_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    error: r.error,
    connections: r.connections ?? [],
    resumes: r.resumes ?? 0,
    ...(r.options ? { utility: r.options } : {}),
    ...(r.parent_run_id ? { parentRunId: r.parent_run_id } : {}),
    ...(r.dry_run ? { dryRun: true as const } : {}),
  };
}

function nodeOf(r: PgRow): NodeSnapshot {
  const n = (v: unknown) => Number(v);
  return {
    id: r.node_id,
    type: r.type,
    state: r.state,
    status: r.status,
    watermark: r.watermark,
    in: n(r.in_count),
    out: n(r.out_count),
    passed: n(r.passed),
    filtered: n(r.filtered),
    created: n(r.created),
    updated: n(r.updated),
    skipped: n(r.skipped),
    failed: n(r.failed),
    review: n(r.review ?? 0),
  };
}

function iso(v: unknown): string | null {
  return v ? new Date(v as string).toISOString() : null;
}
