// The cross-reference of bound records (Creatio Id ↔ QuickBooks Id per company),
// the memory that makes a rerun update instead of create.
import type pg from 'pg';
import type { CrossReference, XrefTarget } from '../../nodes/define-node';
import { addTo } from '../../nodes/core/add-to';

/**
 * Bindings made since the table's statistics were refreshed, before refreshing them again:
 * at least FIRST_REFRESH, then as many as the table held (its size doubles between refreshes). Without statistics the planner reads
 * every binding of the company for each lookup (migrations/runs/0008_xref_statistics.sql);
 * autovacuum looks only once a minute, while a bulk load binds thousands a second.
 */
const FIRST_REFRESH = 1000;
const REFRESH_SHARE = 1;

export class PgCrossReference implements CrossReference {
  private boundSinceAnalyze = 0;
  private rowsAtAnalyze = 0;
  private analyzing: Promise<void> | null = null;

  constructor(private readonly pool: pg.Pool) {}

  /** Resolves once a statistics refresh started by `bind` (if any) has finished; for tests. */
  async settled(): Promise<void> {
    await this.analyzing;
  }

  async lookup(t: XrefTarget, sourceKeys: string[]): Promise<Map<string, { targetId: string; version?: string }>> {
    if (sourceKeys.length === 0) return new Map();
    const { rows } = await this.pool.query(
      `SELECT source_key, target_id, version FROM weft_xref
        WHERE target_connection = $1 AND target_entity = $2 AND source_connection = $3 AND source_entity = $4 AND source_key = ANY($5)`,
      [t.connection, t.entity, t.sourceConnection, t.sourceEntity, sourceKeys],
    );
    return new Map(rows.map((r) => [r.source_key, { targetId: r.target_id, version: r.version ?? undefined }]));
  }

  async sourcesOf(t: XrefTarget, targetIds: string[]): Promise<Map<string, string[]>> {
    if (targetIds.length === 0) return new Map();
    const { rows } = await this.pool.query(
      `SELECT target_id, source_key FROM weft_xref
        WHERE target_connection = $1 AND target_entity = $2 AND source_connection = $3 AND source_entity = $4 AND target_id = ANY($5)
        ORDER BY source_key`,
      [t.connection, t.entity, t.sourceConnection, t.sourceEntity, targetIds],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) addTo(out, r.target_id, r.source_key);
    return out;
  }

  async bind(t: XrefTarget, pairs: { sourceKey: string; targetId: string; version?: string }[]): Promise<void> {
    // One row per source key (the last wins): PostgreSQL refuses to upsert a row twice in one statement.
    pairs = [...new Map(pairs.map((p) => [p.sourceKey, p])).values()];
    if (pairs.length === 0) return;
    // Three arrays instead of three parameters a row: a page of 800 bindings was 2,400
    // parameters for the client to encode and the server to bind, 24 µs a row in the bench.
    await this.pool.query(
      `INSERT INTO weft_xref (target_connection, target_entity, source_connection, source_entity, source_key, target_id, version)
       SELECT $1, $2, $3, $4, k, t, v FROM unnest($5::text[], $6::text[], $7::text[]) AS p(k, t, v)
       ON CONFLICT (target_connection, target_entity, source_connection, source_entity, source_key)
       DO UPDATE SET target_id = EXCLUDED.target_id, version = EXCLUDED.version, updated_at = now()`,
      [t.connection, t.entity, t.sourceConnection, t.sourceEntity, pairs.map((p) => p.sourceKey), pairs.map((p) => p.targetId), pairs.map((p) => p.version ?? null)],
    );
    this.boundSinceAnalyze += pairs.length;
    if (!this.analyzing && this.boundSinceAnalyze >= Math.max(FIRST_REFRESH, this.rowsAtAnalyze * REFRESH_SHARE)) {
      this.boundSinceAnalyze = 0;
      // Not awaited: the bindings are committed; lookups only get faster once it is done.
      // A failure (e.g. the pool closing at shutdown) costs nothing but speed.
      this.analyzing = this.refreshStatistics().catch(() => undefined).finally(() => { this.analyzing = null; });
    }
  }

  private async refreshStatistics(): Promise<void> {
    await this.pool.query('ANALYZE weft_xref');
    const { rows } = await this.pool.query(`SELECT reltuples FROM pg_class WHERE oid = 'weft_xref'::regclass`);
    this.rowsAtAnalyze = Math.max(0, Number(rows[0]?.reltuples ?? 0));
  }
}
