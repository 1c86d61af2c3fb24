// The cross-reference of bound records (Creatio Id ↔ QuickBooks Id per company),
// the memory that makes a rerun update instead of create. A binding belongs to a
// pair (target company + object, source connection + object: weft_xref_pairs),
// kept by number so each binding's keys stay narrow (migrations/runs/0009).
import type pg from 'pg';
import type { CrossReference, ReviewDecision, XrefTarget } from '../../nodes/define-node';
import { addTo } from '../../nodes/core/add-to';

/**
 * Bindings made since the table's statistics were refreshed, before refreshing them again:
 * at least FIRST_REFRESH, then as many as the table held (its size doubles between
 * refreshes). Without statistics the planner read every binding of the company for each
 * lookup (migrations/runs/0008_xref_statistics.sql); autovacuum looks only once a minute,
 * while a bulk load binds thousands a second.
 */
const FIRST_REFRESH = 1000;

/**
 * The refresh's count is kept per pool (per run store in this process), not per run: with 200
 * companies' first loads at once, a count per run ANALYZEd the whole table 200 times (10 s of the
 * run store's time for 50 companies in the bench, issue 19); shared, the table's size doubles
 * between refreshes whatever the runs filling it.
 */
interface StatisticsRefresh {
  boundSinceAnalyze: number;
  rowsAtAnalyze: number;
  analyzing: Promise<void> | null;
}
const refreshes = new WeakMap<object, StatisticsRefresh>();

/**
 * Lists travel as one JSON text: node-postgres encodes a text[] parameter element by
 * element (escaping each with regular expressions), which was most of the client's
 * share of the engine's CPU at a page's 1,000 keys; JSON.stringify is native.
 */
const ANY_OF = (n: number) => `ANY(ARRAY(SELECT json_array_elements_text($${n}::json)))`;

const pairKey = (t: XrefTarget) => [t.connection, t.entity, t.sourceConnection, t.sourceEntity].join('\u001f');

/** One per run (worker.ts): the pair numbers it learns are kept for the run only. */
export class PgCrossReference implements CrossReference {
  private readonly pairs = new Map<string, number>();
  private readonly refresh: StatisticsRefresh;

  /** A pool, or a transaction's client (a review decision binds inside its transaction). */
  constructor(private readonly pool: pg.Pool | pg.PoolClient) {
    let r = refreshes.get(pool);
    if (!r) refreshes.set(pool, (r = { boundSinceAnalyze: 0, rowsAtAnalyze: 0, analyzing: null }));
    this.refresh = r;
  }

  decisions(t: XrefTarget, keys: string[]): Promise<Map<string, ReviewDecision>> {
    return reviewDecisions(this.pool, t, keys);
  }

  /** Resolves once a statistics refresh started by `bind` (if any) has finished; for tests. */
  async settled(): Promise<void> {
    await this.refresh.analyzing;
  }

  /** The pair's number; null when nothing was ever bound for it and `create` is false. */
  private async pair(t: XrefTarget, create: boolean): Promise<number | null> {
    const known = this.pairs.get(pairKey(t));
    if (known !== undefined) return known;
    const params = [t.connection, t.entity, t.sourceConnection, t.sourceEntity];
    const { rows } = create
      ? // DO UPDATE (a no-op) so the existing row's id comes back too; concurrent workers meet here safely.
        await this.pool.query(
          `INSERT INTO weft_xref_pairs (target_connection, target_entity, source_connection, source_entity) VALUES ($1, $2, $3, $4)
         ON CONFLICT (target_connection, target_entity, source_connection, source_entity) DO UPDATE SET target_connection = EXCLUDED.target_connection
         RETURNING id`,
          params,
        )
      : await this.pool.query(
          `SELECT id FROM weft_xref_pairs WHERE target_connection = $1 AND target_entity = $2 AND source_connection = $3 AND source_entity = $4`,
          params,
        );
    if (rows.length === 0) return null;
    this.pairs.set(pairKey(t), rows[0].id);
    return rows[0].id;
  }

  async lookup(t: XrefTarget, sourceKeys: string[]): Promise<Map<string, { targetId: string; version?: string }>> {
    if (sourceKeys.length === 0) return new Map();
    const pair = await this.pair(t, false);
    if (pair === null) return new Map();
    const { rows } = await this.pool.query(
      `SELECT source_key, target_id, version FROM weft_xref WHERE pair = $1 AND source_key = ${ANY_OF(2)}`,
      [pair, JSON.stringify(sourceKeys)],
    );
    return new Map(rows.map((r) => [r.source_key, { targetId: r.target_id, version: r.version ?? undefined }]));
  }

  async sourcesOf(t: XrefTarget, targetIds: string[]): Promise<Map<string, string[]>> {
    if (targetIds.length === 0) return new Map();
    const pair = await this.pair(t, false);
    if (pair === null) return new Map();
    const { rows } = await this.pool.query(
      `SELECT target_id, source_key FROM weft_xref WHERE pair = $1 AND target_id = ${ANY_OF(2)} ORDER BY source_key`,
      [pair, JSON.stringify(targetIds)],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) addTo(out, r.target_id, r.source_key);
    return out;
  }

  async bind(t: XrefTarget, pairs: { sourceKey: string; targetId: string; version?: string }[]): Promise<void> {
    // One row per source key (the last wins): PostgreSQL refuses to upsert a row twice in one statement.
    pairs = [...new Map(pairs.map((p) => [p.sourceKey, p])).values()];
    if (pairs.length === 0) return;
    const pair = await this.pair(t, true);
    // The page's bindings as one JSON text, not three parameters a row (nor three text[]: see ANY_OF).
    await this.pool.query(
      `INSERT INTO weft_xref (pair, source_key, target_id, version)
       SELECT $1, p.k, p.t, p.v FROM json_to_recordset($2::json) AS p(k text, t text, v text)
       ON CONFLICT (pair, source_key) DO UPDATE SET target_id = EXCLUDED.target_id, version = EXCLUDED.version, updated_at = now()`,
      [pair, JSON.stringify(pairs.map((p) => ({ k: p.sourceKey, t: p.targetId, v: p.version ?? null })))],
    );
    const r = this.refresh;
    r.boundSinceAnalyze += pairs.length;
    if (!r.analyzing && r.boundSinceAnalyze >= Math.max(FIRST_REFRESH, r.rowsAtAnalyze)) {
      r.boundSinceAnalyze = 0;
      // Not awaited: the bindings are committed; lookups only get faster once it is done.
      // A failure (e.g. the pool closing at shutdown) costs nothing but speed.
      r.analyzing = this.refreshStatistics()
        .catch(() => undefined)
        .finally(() => {
          r.analyzing = null;
        });
    }
  }

  private async refreshStatistics(): Promise<void> {
    await this.pool.query('ANALYZE weft_xref');
    const { rows } = await this.pool.query(`SELECT reltuples FROM pg_class WHERE oid = 'weft_xref'::regclass`);
    this.refresh.rowsAtAnalyze = Math.max(0, Number(rows[0]?.reltuples ?? 0));
  }
}

/** Support's decisions in the review queue (migrations/runs/0013; review-store.ts). */
async function reviewDecisions(
  db: pg.Pool | pg.PoolClient,
  t: XrefTarget,
  keys: string[],
): Promise<Map<string, ReviewDecision>> {
  if (keys.length === 0) return new Map();
  const { rows } = await db.query(
    `SELECT DISTINCT ON (record_key) record_key, status FROM weft_review
      WHERE target_connection = $1 AND target_entity = $2 AND source_connection = $3 AND source_entity = $4
        AND status <> 'open' AND record_key = ANY(ARRAY(SELECT json_array_elements_text($5::json)))
      ORDER BY record_key, decided_at DESC`,
    [t.connection, t.entity, t.sourceConnection, t.sourceEntity, JSON.stringify(keys)],
  );
  // A later pick overrides an earlier "create new" or "skip": only those two are decisions here.
  return new Map(
    rows.filter((r) => r.status === 'create-new' || r.status === 'skip').map((r) => [r.record_key, r.status]),
  );
}

/** Forgets every binding to or from a connection (a sandbox seeded anew has new ids). */
export async function forgetBindingsOf(pool: pg.Pool, connection: string): Promise<void> {
  await pool.query(
    `WITH gone AS (DELETE FROM weft_xref_pairs WHERE target_connection = $1 OR source_connection = $1 RETURNING id)
     DELETE FROM weft_xref WHERE pair IN (SELECT id FROM gone)`,
    [connection],
  );
}
