// Failed records as a work queue across runs (issue 16, Support): one row per flow, node and
// source record key (migration 0014). Runs add to it as records fail and close rows as records
// get through the same node on a later read or a retry; support reads it page by page (keyset,
// never OFFSET: a node may hold 100,000 of them), edits, ignores and retries from it.
import type { FlowRecord, RecordFailure } from '../../nodes/define-node';
import type pg from 'pg';
import { fromStorableJson, storableJson, storableText } from './storable-json';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export type QueueState = 'open' | 'retrying' | 'fixed' | 'ignored';

export interface QueuedFailure {
  id: string;
  flowId: string;
  nodeId: string;
  recordKey: string;
  state: QueueState;
  failure: RecordFailure;
  record: FlowRecord;
  firstRunId: string;
  lastRunId: string;
  /** How often this record failed here (runs and retries). */
  failures: number;
  firstFailedAt: string;
  lastFailedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  note: string | null;
}

export interface QueueFilter {
  workspaceId: string;
  flowId: string;
  nodeId?: string | null;
  /** Default: open and retrying. */
  states?: QueueState[];
  code?: string | null;
  field?: string | null;
  /** Only these rows (a retry of chosen records). */
  ids?: string[] | null;
}

const OPEN: QueueState[] = ['open', 'retrying'];

/** Records that failed at a node: opened, or kept open with their latest failure. An ignored record stays ignored. */
export async function queueFailures(
  db: Queryable,
  runId: string,
  flowId: string,
  failures: { nodeId: string; record: FlowRecord; failure: RecordFailure }[],
): Promise<void> {
  if (failures.length === 0) return;
  // One row per key in one statement (ON CONFLICT cannot touch a row twice): the last failure of a key wins.
  const byKey = new Map(failures.map((f) => [`${f.nodeId}\u001f${f.record.key}`, f]));
  const rows = [...byKey.values()];
  const values = rows
    .map(
      (_, i) =>
        `($${i * 7 + 3}, $${i * 7 + 4}, $${i * 7 + 5}, $${i * 7 + 6}, $${i * 7 + 7}, $${i * 7 + 8}::jsonb, $${i * 7 + 9}::jsonb)`,
    )
    .join(',');
  await db.query(
    `INSERT INTO weft_failure_queue (workspace_id, flow_id, node_id, record_key, code, field, message, failure, record,
                                     first_run_id, last_run_id)
     SELECT r.workspace_id, $2, v.node_id, v.record_key, v.code, v.field, v.message, v.failure, v.record, $1, $1
       FROM weft_runs r, (VALUES ${values}) AS v(node_id, record_key, code, field, message, failure, record)
      WHERE r.id = $1
     ON CONFLICT (flow_id, node_id, record_key) DO UPDATE SET
       state = CASE WHEN weft_failure_queue.state = 'ignored' THEN 'ignored' ELSE 'open' END,
       code = EXCLUDED.code, field = EXCLUDED.field, message = EXCLUDED.message, failure = EXCLUDED.failure,
       record = EXCLUDED.record, last_run_id = EXCLUDED.last_run_id, failures = weft_failure_queue.failures + 1,
       last_failed_at = now(), closed_at = NULL, closed_by = NULL`,
    [
      runId,
      flowId,
      ...rows.flatMap((f) => [
        f.nodeId,
        storableText(f.record.key),
        storableText(f.failure.code),
        f.failure.field ? storableText(f.failure.field) : null,
        storableText(f.failure.message),
        storableJson(f.failure),
        storableJson(f.record),
      ]),
    ],
  );
}

/** Records that got through a node (a later read, or a retry): their open rows there are fixed. */
export async function resolveSucceeded(
  db: Queryable,
  runId: string,
  flowId: string,
  passed: { nodeId: string; keys: string[] }[],
): Promise<number> {
  let closed = 0;
  for (const p of passed) {
    if (p.keys.length === 0) continue;
    const { rowCount } = await db.query(
      `UPDATE weft_failure_queue SET state = 'fixed', closed_at = now(), closed_by = $4
        WHERE flow_id = $1 AND node_id = $2 AND record_key = ANY($3) AND state IN ('open','retrying')`,
      [flowId, p.nodeId, p.keys, `run:${runId}`],
    );
    closed += rowCount ?? 0;
  }
  return closed;
}

/** Open failed records a run keeps in memory to close; past this, every page asks the database instead. */
export const OPEN_KEYS_IN_MEMORY = 10_000;

/**
 * The keys of a flow's open failed records, by node, as a run starts (null: more than
 * OPEN_KEYS_IN_MEMORY). A page then closes only those of its records that are among them: before,
 * once one record of the flow was open, every page sent all its keys of every node to PostgreSQL
 * (6 statements of 1,000 keys a page in the bench) to close the one or two that were.
 */
export async function openFailureKeys(
  db: Queryable,
  flowId: string,
  limit = OPEN_KEYS_IN_MEMORY,
): Promise<Map<string, Set<string>> | null> {
  const { rows } = await db.query(
    `SELECT node_id, record_key FROM weft_failure_queue WHERE flow_id = $1 AND state IN ('open','retrying') LIMIT $2`,
    [flowId, limit + 1],
  );
  if (rows.length > limit) return null;
  const byNode = new Map<string, Set<string>>();
  for (const r of rows) {
    const keys = byNode.get(r.node_id as string) ?? new Set<string>();
    keys.add(r.record_key as string);
    byNode.set(r.node_id as string, keys);
  }
  return byNode;
}

function where(f: QueueFilter, first: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [f.workspaceId, f.flowId, f.nodeId ?? null, f.states ?? OPEN, f.code ?? null];
  params.push(f.field ?? null, f.ids ?? null);
  const p = (i: number) => `$${first + i}`;
  return {
    sql: `workspace_id = ${p(0)} AND flow_id = ${p(1)} AND (${p(2)}::text IS NULL OR node_id = ${p(2)})
      AND state = ANY(${p(3)}::text[]) AND (${p(4)}::text IS NULL OR code = ${p(4)})
      AND (${p(5)}::text IS NULL OR field = ${p(5)}) AND (${p(6)}::bigint[] IS NULL OR id = ANY(${p(6)}::bigint[]))`,
    params,
  };
}

/** One page of the queue, oldest first, after the row `after` (keyset paging). */
export async function listQueue(
  db: Queryable,
  f: QueueFilter,
  after: string | null,
  limit: number,
): Promise<{ rows: QueuedFailure[]; next: string | null }> {
  const w = where(f, 1);
  const { rows } = await db.query(
    `SELECT * FROM weft_failure_queue WHERE ${w.sql} AND id > $${w.params.length + 1}
      ORDER BY id LIMIT $${w.params.length + 2}`,
    [...w.params, after ?? '0', limit + 1],
  );
  const page = rows.slice(0, limit).map(queuedOf);
  return { rows: page, next: rows.length > limit ? page[page.length - 1].id : null };
}

/** How many match, and the codes and fields among the open ones of the node (for the filters). */
export async function queueFacets(
  db: Queryable,
  f: QueueFilter,
): Promise<{ total: number; codes: { code: string; count: number }[]; fields: { field: string; count: number }[] }> {
  const w = where(f, 1);
  const [total, codes, fields] = await Promise.all([
    db.query(`SELECT count(*)::int AS n FROM weft_failure_queue WHERE ${w.sql}`, w.params),
    db.query(
      `SELECT code, count(*)::int AS n FROM weft_failure_queue WHERE ${where({ ...f, code: null }, 1).sql}
        GROUP BY code ORDER BY n DESC, code LIMIT 50`,
      where({ ...f, code: null }, 1).params,
    ),
    db.query(
      `SELECT field, count(*)::int AS n FROM weft_failure_queue WHERE ${where({ ...f, field: null }, 1).sql}
        AND field IS NOT NULL GROUP BY field ORDER BY n DESC, field LIMIT 50`,
      where({ ...f, field: null }, 1).params,
    ),
  ]);
  return {
    total: total.rows[0].n,
    codes: codes.rows.map((r) => ({ code: r.code, count: r.n })),
    fields: fields.rows.map((r) => ({ field: r.field, count: r.n })),
  };
}

/** Open records per node of a flow: the red count on each node, whatever run is shown. */
export async function openCounts(db: Queryable, flowId: string): Promise<Map<string, number>> {
  const { rows } = await db.query(
    `SELECT node_id, count(*)::int AS n FROM weft_failure_queue
      WHERE flow_id = $1 AND state IN ('open','retrying') GROUP BY node_id`,
    [flowId],
  );
  return new Map(rows.map((r) => [r.node_id as string, r.n as number]));
}

export async function getQueued(db: Queryable, workspaceId: string, id: string): Promise<QueuedFailure | null> {
  const { rows } = await db.query(`SELECT * FROM weft_failure_queue WHERE id = $1 AND workspace_id = $2`, [
    id,
    workspaceId,
  ]);
  return rows[0] ? queuedOf(rows[0]) : null;
}

/** Ignore with a reason: the record leaves the open queue (and the counts) until it fails anew and is reopened by hand. */
export async function ignoreQueued(db: Queryable, f: QueueFilter, reason: string, actor: string): Promise<number> {
  const w = where({ ...f, states: OPEN }, 3);
  const { rowCount } = await db.query(
    `UPDATE weft_failure_queue SET state = 'ignored', note = $1, closed_at = now(), closed_by = $2 WHERE ${w.sql}`,
    [reason, actor, ...w.params],
  );
  return rowCount ?? 0;
}

/** Stores the record as support edited it (the retry sends it so), with the before and after of the fields changed. */
export async function editQueued(
  db: Queryable,
  workspaceId: string,
  id: string,
  data: Record<string, unknown>,
  change: { before: Record<string, unknown>; after: Record<string, unknown> },
  actor: string,
): Promise<QueuedFailure | null> {
  const row = await getQueued(db, workspaceId, id);
  if (!row) return null;
  const record = { ...row.record, data };
  await db.query(`UPDATE weft_failure_queue SET record = $2::jsonb WHERE id = $1`, [id, storableJson(record)]);
  await db.query(`INSERT INTO weft_failure_edits (queue_id, actor, before, after) VALUES ($1, $2, $3, $4)`, [
    id,
    actor,
    storableJson(change.before),
    storableJson(change.after),
  ]);
  return { ...row, record };
}

export async function editsOf(
  db: Queryable,
  id: string,
): Promise<{ actor: string; before: Record<string, unknown>; after: Record<string, unknown>; at: string }[]> {
  const { rows } = await db.query(`SELECT * FROM weft_failure_edits WHERE queue_id = $1 ORDER BY id`, [id]);
  return rows.map((r) => ({
    actor: r.actor,
    before: fromStorableJson(r.before),
    after: fromStorableJson(r.after),
    at: new Date(r.at).toISOString(),
  }));
}

/** Marks what a retry run takes (`closed_by` = `retry:<run id>` while it works); it reads them back with `retryPage`. */
export async function markForRetry(db: Queryable, f: QueueFilter, runId: string): Promise<number> {
  const w = where({ ...f, states: ['open'] }, 2);
  const { rowCount } = await db.query(
    `UPDATE weft_failure_queue SET state = 'retrying', closed_by = $1 WHERE ${w.sql}`,
    [`retry:${runId}`, ...w.params],
  );
  return rowCount ?? 0;
}

/** The next page of records a retry run took, after `after`. */
export async function retryPage(
  db: Queryable,
  runId: string,
  nodeId: string,
  after: string,
  limit: number,
): Promise<QueuedFailure[]> {
  const { rows } = await db.query(
    `SELECT * FROM weft_failure_queue WHERE closed_by = $1 AND node_id = $2 AND state = 'retrying' AND id > $3
      ORDER BY id LIMIT $4`,
    [`retry:${runId}`, nodeId, after, limit],
  );
  return rows.map(queuedOf);
}

/** After a retry run: what it took and neither fixed nor failed again (a connection failure) is open again. */
export async function releaseRetry(db: Queryable, runId: string): Promise<void> {
  await db.query(
    `UPDATE weft_failure_queue SET state = 'open', closed_by = NULL WHERE closed_by = $1 AND state = 'retrying'`,
    [`retry:${runId}`],
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows are untyped; the SELECTs name each column
function queuedOf(r: Record<string, any>): QueuedFailure {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    id: String(r.id),
    flowId: r.flow_id,
    nodeId: r.node_id,
    recordKey: r.record_key,
    state: r.state,
    failure: fromStorableJson(r.failure),
    record: fromStorableJson(r.record),
    firstRunId: r.first_run_id,
    lastRunId: r.last_run_id,
    failures: r.failures,
    firstFailedAt: iso(r.first_failed_at)!,
    lastFailedAt: iso(r.last_failed_at)!,
    closedAt: iso(r.closed_at),
    closedBy: r.closed_by,
    note: r.note,
  };
}

/** What a retry run reads: the records marked for it at a node, 100 at a time (as edited, if they were). */
export function retrySource(db: Queryable, runId: string): (nodeId: string) => AsyncIterable<FlowRecord[]> {
  return async function* (nodeId) {
    let after = '0';
    for (;;) {
      const rows = await retryPage(db, runId, nodeId, after, 100);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].id;
      yield rows.map((r) => r.record);
    }
  };
}
