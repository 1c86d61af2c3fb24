// Echo ledger on PostgreSQL (see engine/run/echo.ts): the last write Weft made to
// each target record, as field names and a digest of their values.
import type pg from 'pg';
import type { NodeRegistry } from '../../nodes/registry';
import type { FlowDocument } from '../../flow/flow-document';
import { flowFootprint, readsBack } from '../../flow/flow-footprint';
import type { EchoLedger, EchoWrite } from '../run/echo';

/**
 * Remembering writes costs a ledger write per page, so only flows in a bi-directional
 * pair pay it: another scheduled flow of the workspace reads what this one writes.
 */
export async function isHalfOfPair(
  pool: pg.Pool,
  registry: NodeRegistry,
  workspaceId: string,
  flowId: string,
  doc: FlowDocument,
): Promise<boolean> {
  const mine = flowFootprint(doc, registry);
  if (mine.writes.length === 0) return false;
  const { rows } = await pool.query(`SELECT document FROM weft_schedules WHERE workspace_id = $1 AND flow_id <> $2`, [
    workspaceId,
    flowId,
  ]);
  return rows.some((r) => readsBack(mine, flowFootprint(r.document, registry)));
}

export class PgEchoLedger implements EchoLedger {
  constructor(private readonly pool: pg.Pool) {}

  async remember(writes: EchoWrite[]): Promise<void> {
    // One row per record (the last wins): PostgreSQL refuses to upsert a row twice in one statement.
    const rows = [...new Map(writes.map((w) => [`${w.connection}|${w.entity}|${w.key}`, w])).values()];
    if (rows.length === 0) return;
    const values = rows
      .map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}::text[], $${i * 5 + 5})`)
      .join(',');
    await this.pool.query(
      `INSERT INTO weft_echoes (connection, entity, key, fields, digest) VALUES ${values}
       ON CONFLICT (connection, entity, key) DO UPDATE SET fields = EXCLUDED.fields, digest = EXCLUDED.digest, written_at = now()`,
      rows.flatMap((w) => [w.connection, w.entity, w.key, w.fields, w.digest]),
    );
  }

  async lookup(
    connection: string,
    entity: string,
    keys: string[],
  ): Promise<Map<string, { fields: string[]; digest: string }>> {
    if (keys.length === 0) return new Map();
    const { rows } = await this.pool.query(
      `SELECT key, fields, digest FROM weft_echoes WHERE connection = $1 AND entity = $2 AND key = ANY(ARRAY(SELECT json_array_elements_text($3::json)))`,
      [connection, entity, JSON.stringify(keys)],
    ); // one JSON text: see xref-store.ts
    return new Map(rows.map((r) => [r.key as string, { fields: r.fields as string[], digest: r.digest as string }]));
  }
}
