// The cross-reference of bound records (Creatio Id ↔ QuickBooks Id per company),
// the memory that makes a rerun update instead of create.
import type pg from 'pg';
import type { CrossReference, XrefTarget } from '../../nodes/define-node';

export class PgCrossReference implements CrossReference {
  constructor(private readonly pool: pg.Pool) {}

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
    for (const r of rows) out.set(r.target_id, [...(out.get(r.target_id) ?? []), r.source_key]);
    return out;
  }

  async bind(t: XrefTarget, pairs: { sourceKey: string; targetId: string; version?: string }[]): Promise<void> {
    // One row per source key (the last wins): PostgreSQL refuses to upsert a row twice in one statement.
    pairs = [...new Map(pairs.map((p) => [p.sourceKey, p])).values()];
    if (pairs.length === 0) return;
    const values = pairs.map((_, i) => `($1,$2,$3,$4,$${i * 3 + 5},$${i * 3 + 6},$${i * 3 + 7})`).join(',');
    await this.pool.query(
      `INSERT INTO weft_xref (target_connection, target_entity, source_connection, source_entity, source_key, target_id, version)
       VALUES ${values}
       ON CONFLICT (target_connection, target_entity, source_connection, source_entity, source_key)
       DO UPDATE SET target_id = EXCLUDED.target_id, version = EXCLUDED.version, updated_at = now()`,
      [t.connection, t.entity, t.sourceConnection, t.sourceEntity, ...pairs.flatMap((p) => [p.sourceKey, p.targetId, p.version ?? null])],
    );
  }
}
