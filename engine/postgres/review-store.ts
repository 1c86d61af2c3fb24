// The review queue (issue 14, migrations/runs/0013): records a binding could not
// decide are parked with their candidates; support picks one, "create new" or "skip".
// A pick becomes a cross-reference like any binding; "create new" and "skip" are read
// back by the binding node (CrossReference.decisions). Picks and "create new" are then
// replayed through the rest of the flow by a review run of the version that parked
// them, in the same transaction as the decision — so a decision is never lost, and a
// replayed record finds its binding and updates instead of creating a second one.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { FlowRecord, ReviewRequest, XrefTarget } from '../../nodes/define-node';
import { insertRun, type Queryable } from './run-store';
import { RUN_QUEUE, type RunQueue } from './run-queue';
import { PgCrossReference } from './xref-store';

export type ReviewStatus = 'open' | 'picked' | 'create-new' | 'skip';

export interface ReviewCase {
  id: string;
  flowId: string;
  runId: string;
  nodeId: string;
  recordKey: string;
  request: ReviewRequest;
  record: FlowRecord;
  status: ReviewStatus;
  chosenId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  replayRunId: string | null;
  parkedAt: string;
}

/** Parks a page's records (inside the page's transaction); a record parked again replaces its open case. */
export async function parkForReview(
  db: Queryable,
  runId: string,
  reviews: { nodeId: string; record: FlowRecord; review: ReviewRequest }[],
): Promise<void> {
  const rows = reviews.map((v) => {
    const t = v.review.target ?? { connection: '', entity: '', sourceConnection: '', sourceEntity: '' };
    return {
      n: v.nodeId,
      k: v.record.key,
      tc: t.connection,
      te: t.entity,
      sc: t.sourceConnection,
      se: t.sourceEntity,
      q: v.review,
      r: v.record,
    };
  });
  await db.query(
    `INSERT INTO weft_review (workspace_id, flow_id, run_id, node_id, record_key, target_connection, target_entity,
                              source_connection, source_entity, request, record)
     SELECT w.workspace_id, w.flow_id, w.id, p.n, p.k, p.tc, p.te, p.sc, p.se, p.q, p.r
       FROM weft_runs w, json_to_recordset($2::json) AS p(n text, k text, tc text, te text, sc text, se text, q jsonb, r jsonb)
      WHERE w.id = $1
     ON CONFLICT (flow_id, node_id, record_key) WHERE status = 'open'
     DO UPDATE SET run_id = EXCLUDED.run_id, request = EXCLUDED.request, record = EXCLUDED.record, parked_at = now()`,
    [runId, JSON.stringify(rows)],
  );
}

function caseOf(r: Record<string, unknown>): ReviewCase {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    id: String(r.id),
    flowId: r.flow_id as string,
    runId: r.run_id as string,
    nodeId: r.node_id as string,
    recordKey: r.record_key as string,
    request: r.request as ReviewRequest,
    record: r.record as FlowRecord,
    status: r.status as ReviewStatus,
    chosenId: (r.chosen_id as string | null) ?? null,
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedAt: iso(r.decided_at),
    replayRunId: (r.replay_run_id as string | null) ?? null,
    parkedAt: iso(r.parked_at)!,
  };
}

/** A page of cases, newest last, keyset-paged by id (never OFFSET: the queue may hold many). */
export async function listReviewCases(
  db: Queryable,
  workspaceId: string,
  opts: { status: 'open' | 'decided'; flowId?: string | null; afterId?: string | null; limit: number },
): Promise<{ cases: ReviewCase[]; total: number; next: string | null }> {
  const statusSql = opts.status === 'open' ? `status = 'open'` : `status <> 'open'`;
  const flowSql = opts.flowId ? 'AND flow_id = $2' : 'AND $2::text IS NULL';
  const params = [workspaceId, opts.flowId ?? null];
  const { rows } = await db.query(
    `SELECT * FROM weft_review WHERE workspace_id = $1 AND ${statusSql} ${flowSql} AND id > $3
      ORDER BY id LIMIT $4`,
    [...params, opts.afterId ?? '0', opts.limit + 1],
  );
  const { rows: count } = await db.query(
    `SELECT count(*)::int AS n FROM weft_review WHERE workspace_id = $1 AND ${statusSql} ${flowSql}`,
    params,
  );
  const more = rows.length > opts.limit;
  const cases = rows.slice(0, opts.limit).map(caseOf);
  return { cases, total: count[0].n, next: more ? cases[cases.length - 1].id : null };
}

export class ReviewDecisionError extends Error {}

export type ReviewChoice = { kind: 'pick'; candidateId: string } | { kind: 'create-new' } | { kind: 'skip' };

/**
 * Records support's choice and, for a pick or "create new", queues the review run that takes
 * the record through the rest of its flow — one transaction. A case decided already is refused
 * (two people deciding at once: the second is told, nothing is replayed twice).
 */
export async function decideReviewCase(
  queue: RunQueue,
  workspaceId: string,
  id: string,
  choice: ReviewChoice,
  decidedBy: string,
): Promise<{ case: ReviewCase; replayRunId: string | null }> {
  return queue.transaction(async (client: pg.PoolClient) => {
    const { rows } = await client.query(`SELECT * FROM weft_review WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [
      id,
      workspaceId,
    ]);
    if (!rows[0]) throw new ReviewDecisionError('This review case was not found. Reload the review queue.');
    const c = caseOf(rows[0]);
    if (c.status !== 'open')
      throw new ReviewDecisionError(
        `This case was decided already by ${c.decidedBy ?? 'someone'} at ${c.decidedAt}. Reload the review queue.`,
      );
    const target: XrefTarget = {
      connection: rows[0].target_connection,
      entity: rows[0].target_entity,
      sourceConnection: rows[0].source_connection,
      sourceEntity: rows[0].source_entity,
    };
    if (choice.kind === 'pick') {
      if (!c.request.candidates.some((x) => x.id === choice.candidateId))
        throw new ReviewDecisionError(
          'That record is not one of the candidates of this case. Reload the review queue.',
        );
      await new PgCrossReference(client).bind(target, [{ sourceKey: c.recordKey, targetId: choice.candidateId }]);
    }
    const status: ReviewStatus = choice.kind === 'pick' ? 'picked' : choice.kind;
    let replayRunId: string | null = null;
    if (choice.kind !== 'skip') {
      replayRunId = randomUUID();
      const run = await client.query(
        `SELECT flow_id, flow_version, document, connections FROM weft_runs WHERE id = $1`,
        [c.runId],
      );
      await insertRun(client, {
        id: replayRunId,
        workspaceId,
        flowId: c.flowId,
        flowVersion: run.rows[0].flow_version,
        document: run.rows[0].document,
        trigger: 'utility',
        connections: run.rows[0].connections ?? [],
        options: { kind: 'review' },
      });
      const db = { executeSql: (t: string, v?: unknown[]) => client.query(t, v) };
      await queue.boss.send(RUN_QUEUE, { runId: replayRunId }, { singletonKey: `review:${id}`, db });
    }
    const { rows: done } = await client.query(
      `UPDATE weft_review SET status = $2, chosen_id = $3, decided_by = $4, decided_at = now(), replay_run_id = $5
        WHERE id = $1 RETURNING *`,
      [id, status, choice.kind === 'pick' ? choice.candidateId : null, decidedBy, replayRunId],
    );
    return { case: caseOf(done[0]), replayRunId };
  });
}

/** The records a review run replays, by the binding node that parked them (where the replay enters). */
export async function replayRecords(db: Queryable, runId: string): Promise<Map<string, FlowRecord[]>> {
  const { rows } = await db.query(`SELECT node_id, record FROM weft_review WHERE replay_run_id = $1 ORDER BY id`, [
    runId,
  ]);
  const out = new Map<string, FlowRecord[]>();
  for (const r of rows) {
    const record = r.record as FlowRecord;
    // The binding decides afresh: it finds the pick in the cross-reference, or support's decision.
    delete record.meta.binding;
    out.set(r.node_id, [...(out.get(r.node_id) ?? []), record]);
  }
  return out;
}
