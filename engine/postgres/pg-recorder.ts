// RunRecorder on PostgreSQL. A page's counters, failures and watermark commit in
// one transaction (issue 6: one ledger write per page, and after a crash the
// counters match the watermark); a NOTIFY (at most every 200 ms per run) tells
// browsers watching the flow to refresh.
import type pg from 'pg';
import type { NodeBatchResult, NodeState, RunRecorder, RunStatus } from '../record/run-recorder';
import { markRunFinished, notify, writeWatermark } from './run-store';
import { storableJson, storableText } from './storable-json';
import { OPEN_KEYS_IN_MEMORY, openFailureKeys, queueFailures, resolveSucceeded } from './failure-queue';
import { parkForReview } from './review-store';

const COUNTER_COLUMNS = ['passed', 'filtered', 'created', 'updated', 'skipped', 'failed', 'review'] as const;

export class PgRecorder implements RunRecorder {
  private lastNotify = 0;
  private pendingNotify: NodeJS.Timeout | null = null;
  /**
   * The flow's open failed records by node (failure-queue.ts openFailureKeys), with those this run adds:
   * a page closes those of its records that got through. 'many': too many to hold, every page asks.
   */
  private open: Map<string, Set<string>> | 'many' = new Map();

  constructor(
    private readonly pool: pg.Pool,
    private readonly runId: string,
    private readonly flowId: string,
    /** Utility runs keep their progress to themselves: the flow's Query Starts stay as they are. */
    private readonly globalWatermarks = true,
    /** The worker holding the run's lease: a worker that lost it must not overwrite the outcome. */
    private readonly owner: string | null = null,
  ) {}

  async started(nodes: { id: string; type: string }[]): Promise<void> {
    // A resumed run (worker crashed) keeps its counters: ON CONFLICT leaves them.
    const values = nodes.map((_, i) => `($1, $${i * 3 + 2}, $${i * 3 + 3}, $${i * 3 + 4})`).join(',');
    await this.pool.query(
      `INSERT INTO weft_run_nodes (run_id, node_id, position, type) VALUES ${values} ON CONFLICT (run_id, node_id) DO NOTHING`,
      [this.runId, ...nodes.flatMap((n, i) => [n.id, i, n.type])],
    );
    this.open = (await openFailureKeys(this.pool, this.flowId)) ?? 'many';
    this.touch();
  }

  async batch(r: NodeBatchResult): Promise<void> {
    await this.page([r], null);
  }

  private noteOpen(failed: { nodeId: string; key: string }[]): void {
    if (this.open === 'many') return;
    for (const f of failed) {
      const keys = this.open.get(f.nodeId) ?? new Set<string>();
      keys.add(f.key);
      this.open.set(f.nodeId, keys);
    }
    let held = 0;
    for (const keys of this.open.values()) held += keys.size;
    if (held > OPEN_KEYS_IN_MEMORY) this.open = 'many';
  }

  /** The page's records that got through a node where they were open (all of them, when too many are open). */
  private passedOpen(results: NodeBatchResult[]): { nodeId: string; keys: string[] }[] {
    const open = this.open;
    const passed = results.map((r) => ({ nodeId: r.nodeId, keys: (r.passedKeys ?? []).map(storableText) }));
    if (open === 'many') return passed.filter((p) => p.keys.length > 0);
    const closing: { nodeId: string; keys: string[] }[] = [];
    for (const p of passed) {
      const keys = open.get(p.nodeId);
      const hits = keys ? p.keys.filter((k) => keys.has(k)) : [];
      // Closed by this page's commit; a page that rolls back fails the run, which reloads them when it resumes.
      for (const k of hits) keys!.delete(k);
      if (hits.length > 0) closing.push({ nodeId: p.nodeId, keys: hits });
    }
    return closing;
  }

  async page(results: NodeBatchResult[], mark: { nodeId: string; value: string } | null): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Every node's counters in one statement: a page costs a handful of round trips, not one per node.
      const cols = ['in_count', 'out_count', ...COUNTER_COLUMNS];
      const w = cols.length + 1; // parameters per node
      const rows = results
        .map((_, i) => `($${i * w + 2}::text, ${cols.map((__, k) => `$${i * w + 3 + k}::bigint`).join(', ')})`)
        .join(', ');
      await client.query(
        `UPDATE weft_run_nodes n SET ${cols.map((c) => `${c} = n.${c} + v.${c}`).join(', ')}
           FROM (VALUES ${rows}) AS v(node_id, ${cols.join(', ')}) WHERE n.run_id = $1 AND n.node_id = v.node_id`,
        [
          this.runId,
          ...results.flatMap((r) => [
            r.nodeId,
            r.inCount,
            r.outCount,
            ...COUNTER_COLUMNS.map((c) => r.outcomes[c] ?? 0),
          ]),
        ],
      );
      const failures = results.flatMap((r) => r.failures.map((f) => ({ nodeId: r.nodeId, ...f })));
      if (failures.length > 0) {
        const values = failures
          .map(
            (_, i) => `($1, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6}, $${i * 6 + 7})`,
          )
          .join(',');
        await client.query(
          `INSERT INTO weft_failures (run_id, node_id, record_key, code, message, failure, record) VALUES ${values}`,
          // Payloads hold whatever the source sent: stored so that PostgreSQL takes any character (issue 18).
          [
            this.runId,
            ...failures.flatMap((f) => [
              f.nodeId,
              storableText(f.record.key),
              storableText(f.failure.code),
              storableText(f.failure.message),
              storableJson(f.failure),
              storableJson(f.record),
            ]),
          ],
        );
        // The work queue across runs (issue 16): open until fixed, retried, ignored or through on a later read.
        await queueFailures(client, this.runId, this.flowId, failures);
        this.noteOpen(failures.map((f) => ({ nodeId: f.nodeId, key: storableText(f.record.key) })));
      }
      const passed = this.passedOpen(results);
      if (passed.length > 0) await resolveSucceeded(client, this.runId, this.flowId, passed);
      const reviews = results.flatMap((r) => (r.reviews ?? []).map((v) => ({ nodeId: r.nodeId, ...v })));
      if (reviews.length > 0) await parkForReview(client, this.runId, reviews);
      if (mark) await this.writeMark(client, mark.nodeId, mark.value);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
    this.touch();
  }

  /** The state last written per node: nodes say "running" again after every page, and that need not be written again. */
  private readonly lastState = new Map<string, string>();

  async nodeState(nodeId: string, state: NodeState, status: string | null = null): Promise<void> {
    const written = `${state}\u001f${status ?? ''}`;
    if (this.lastState.get(nodeId) === written) return;
    this.lastState.set(nodeId, written);
    await this.pool.query(`UPDATE weft_run_nodes SET state = $3, status = $4 WHERE run_id = $1 AND node_id = $2`, [
      this.runId,
      nodeId,
      state,
      status,
    ]);
    this.touch();
  }

  async watermark(nodeId: string, value: string): Promise<void> {
    await this.writeMark(this.pool, nodeId, value);
  }

  private async writeMark(db: pg.Pool | pg.PoolClient, nodeId: string, value: string): Promise<void> {
    await db.query(`UPDATE weft_run_nodes SET watermark = $3 WHERE run_id = $1 AND node_id = $2`, [
      this.runId,
      nodeId,
      value,
    ]);
    if (this.globalWatermarks) await writeWatermark(db, this.flowId, nodeId, value);
  }

  async finished(status: RunStatus, error: string | null): Promise<void> {
    if (this.pendingNotify) clearTimeout(this.pendingNotify);
    await markRunFinished(this.pool, this.runId, this.flowId, status, error, this.owner);
  }

  /** Throttled NOTIFY: live counters without a notification per batch. */
  private touch(): void {
    const wait = 200 - (Date.now() - this.lastNotify);
    if (wait <= 0) {
      this.lastNotify = Date.now();
      void notify(this.pool, this.flowId, this.runId).catch(() => undefined);
    } else if (!this.pendingNotify) {
      this.pendingNotify = setTimeout(() => {
        this.pendingNotify = null;
        this.touch();
      }, wait);
    }
  }
}
