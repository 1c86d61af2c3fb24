// RunRecorder on PostgreSQL. A batch's counters and failures commit in one
// transaction, before the engine moves the watermark past them; a NOTIFY (at
// most every 200 ms per run) tells browsers watching the flow to refresh.
import type pg from 'pg';
import type { NodeBatchResult, NodeState, RunRecorder, RunStatus } from '../record/run-recorder';
import { markRunFinished, notify, writeWatermark } from './run-store';

const COUNTER_COLUMNS = ['passed', 'filtered', 'created', 'updated', 'skipped', 'failed'] as const;

export class PgRecorder implements RunRecorder {
  private lastNotify = 0;
  private pendingNotify: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly runId: string,
    private readonly flowId: string,
  ) {}

  async started(nodes: { id: string; type: string }[]): Promise<void> {
    // A resumed run (worker crashed) keeps its counters: ON CONFLICT leaves them.
    const values = nodes.map((_, i) => `($1, $${i * 3 + 2}, $${i * 3 + 3}, $${i * 3 + 4})`).join(',');
    await this.pool.query(
      `INSERT INTO weft_run_nodes (run_id, node_id, position, type) VALUES ${values} ON CONFLICT (run_id, node_id) DO NOTHING`,
      [this.runId, ...nodes.flatMap((n, i) => [n.id, i, n.type])],
    );
    this.touch();
  }

  async batch(r: NodeBatchResult): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const sets = COUNTER_COLUMNS.map((c, i) => `${c} = ${c} + $${i + 5}`).join(', ');
      await client.query(
        `UPDATE weft_run_nodes SET in_count = in_count + $3, out_count = out_count + $4, ${sets} WHERE run_id = $1 AND node_id = $2`,
        [this.runId, r.nodeId, r.inCount, r.outCount, ...COUNTER_COLUMNS.map((c) => r.outcomes[c] ?? 0)],
      );
      if (r.failures.length > 0) {
        const rows = r.failures.map((_, i) => `($1, $2, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5}, $${i * 5 + 6}, $${i * 5 + 7})`).join(',');
        await client.query(
          `INSERT INTO weft_failures (run_id, node_id, record_key, code, message, failure, record) VALUES ${rows}`,
          [this.runId, r.nodeId, ...r.failures.flatMap((f) => [f.record.key, f.failure.code, f.failure.message, JSON.stringify(f.failure), JSON.stringify(f.record)])],
        );
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
    this.touch();
  }

  async nodeState(nodeId: string, state: NodeState, status: string | null = null): Promise<void> {
    await this.pool.query(`UPDATE weft_run_nodes SET state = $3, status = $4 WHERE run_id = $1 AND node_id = $2`, [this.runId, nodeId, state, status]);
    this.touch();
  }

  async watermark(nodeId: string, value: string): Promise<void> {
    await this.pool.query(`UPDATE weft_run_nodes SET watermark = $3 WHERE run_id = $1 AND node_id = $2`, [this.runId, nodeId, value]);
    await writeWatermark(this.pool, this.flowId, nodeId, value);
  }

  async finished(status: RunStatus, error: string | null): Promise<void> {
    if (this.pendingNotify) clearTimeout(this.pendingNotify);
    await markRunFinished(this.pool, this.runId, this.flowId, status, error);
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
