// The acknowledged-writes ledger on PostgreSQL (nodes/define-node.ts EffectLedger,
// migration 0010): one row per write a target answered, inserted as the answer
// arrives, so a run taken over after a crash never sends it again.
import type pg from 'pg';
import type { Acknowledged, EffectLedger } from '../../nodes/define-node';
import { GroupedWrites } from './grouped-writes';

/** How long an acknowledgement is kept: far longer than any takeover or rerun of the same record version. */
const KEEP_DAYS = 30;

type Row = { k: string; t: string; v: string | null; o: Acknowledged['op'] };

export class PgEffectLedger implements EffectLedger {
  /** Acknowledgements arriving while one INSERT is on its way go together in the next (grouped-writes.ts). */
  private readonly inserts: GroupedWrites<Row>;

  constructor(private readonly pool: pg.Pool) {
    this.inserts = new GroupedWrites((rows) => this.insert(rows));
  }

  async acknowledged(writeKeys: string[]): Promise<Map<string, Acknowledged>> {
    if (writeKeys.length === 0) return new Map();
    // Keys travel as one JSON text (see xref-store.ts: node-postgres encodes text[] element by element).
    const { rows } = await this.pool.query(
      `SELECT write_key, target_id, version, op FROM weft_effects WHERE write_key = ANY(ARRAY(SELECT json_array_elements_text($1::json)))`,
      [JSON.stringify(writeKeys)],
    );
    return new Map(
      rows.map((r) => [
        r.write_key as string,
        {
          targetId: r.target_id as string,
          version: (r.version as string | null) ?? undefined,
          op: r.op as Acknowledged['op'],
        },
      ]),
    );
  }

  acknowledge(acks: (Acknowledged & { writeKey: string })[]): Promise<void> {
    return this.inserts.add(acks.map((a) => ({ k: a.writeKey, t: a.targetId, v: a.version ?? null, o: a.op })));
  }

  private async insert(rows: Row[]): Promise<void> {
    await this.pool.query(
      `INSERT INTO weft_effects (write_key, target_id, version, op)
       SELECT * FROM json_to_recordset($1::json) AS a(k text, t text, v text, o text)
       ON CONFLICT (write_key) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}

/** Drops acknowledgements older than KEEP_DAYS (a worker does it when it starts). */
export async function pruneEffects(pool: pg.Pool): Promise<void> {
  await pool.query(`DELETE FROM weft_effects WHERE written_at < now() - make_interval(days => $1)`, [KEEP_DAYS]);
}
