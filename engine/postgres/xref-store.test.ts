// Issue 6: a first bulk load fills the cross-reference from nothing. Each page asks it
// for the page's source keys; without statistics PostgreSQL answered by reading every
// binding of the company (14–23 ms a page at 80k in the bench, growing with the load).
// The store refreshes the statistics itself while it binds, so lookups stay on the key.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { ROOT } from '../../server/boot';
import { RunQueue } from './run-queue';
import { PgCrossReference } from './xref-store';

const TARGET = { connection: 'qbo-sandbox', entity: 'Customer', sourceConnection: 'creatio-sandbox', sourceEntity: 'Account' };
const LOOKUP = `SELECT source_key, target_id, version FROM weft_xref
  WHERE target_connection = $1 AND target_entity = $2 AND source_connection = $3 AND source_entity = $4 AND source_key = ANY($5)`;

for (const db of testDatabases()) {
  describe(`cross-reference on ${db.name}`, () => {
    const open: RunQueue[] = [];
    afterEach(async () => {
      for (const q of open.splice(0)) await q.close();
    });

    it('a first load of 20,000 bindings keeps lookups on the key, and finds what it bound', async () => {
      const queue = await RunQueue.open(db.url, join(ROOT, 'migrations/runs'), () => undefined, testSchema('xref'));
      open.push(queue);
      const xref = new PgCrossReference(queue.pool);
      for (let page = 0; page < 20; page++) {
        await xref.bind(TARGET, Array.from({ length: 1000 }, (_, i) => ({ sourceKey: `acc-${page * 1000 + i}`, targetId: String(100_000 + page * 1000 + i), version: '0' })));
      }
      await xref.settled();

      const keys = Array.from({ length: 1000 }, (_, i) => `new-${i}`);
      const plan = (await queue.pool.query(`EXPLAIN ${LOOKUP}`, [TARGET.connection, TARGET.entity, TARGET.sourceConnection, TARGET.sourceEntity, keys])).rows.map((r) => r['QUERY PLAN']).join('\n');
      // PostgreSQL knows the table's size now (it had no statistics, so it guessed a few rows) …
      const { rows: [stats] } = await queue.pool.query(`SELECT reltuples FROM pg_class WHERE oid = 'weft_xref'::regclass`);
      expect(Number(stats.reltuples)).toBeGreaterThan(15_000);
      // … and no longer walks the by-target index filtering every binding on the page's keys (what it did
      // without statistics; a plain scan of a table this small, or the key, are its own fair choices).
      expect(plan).not.toMatch(/weft_xref_by_target/);

      const found = await xref.lookup(TARGET, ['acc-0', 'acc-19999', 'new-1']);
      expect(Object.fromEntries(found)).toEqual({ 'acc-0': { targetId: '100000', version: '0' }, 'acc-19999': { targetId: '119999', version: '0' } });
      expect(await xref.sourcesOf(TARGET, ['100005'])).toEqual(new Map([['100005', ['acc-5']]]));
    });
  });
}
