// Issue 6: a first bulk load fills the cross-reference from nothing. Each page asks it
// for the page's source keys; without statistics PostgreSQL answered by reading every
// binding of the company (14–23 ms a page at 80k in the bench, growing with the load).
// The store refreshes the statistics itself while it binds, so lookups stay on the key.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { ROOT } from '../../server/boot';
import { migrateRunStore } from './migrate';
import { RunQueue } from './run-queue';
import { forgetBindingsOf, PgCrossReference } from './xref-store';

const TARGET = {
  connection: 'qbo-sandbox',
  entity: 'Customer',
  sourceConnection: 'creatio-sandbox',
  sourceEntity: 'Account',
};
const LOOKUP = `SELECT source_key, target_id, version FROM weft_xref WHERE pair = $1 AND source_key = ANY(ARRAY(SELECT json_array_elements_text($2::json)))`;

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
        await xref.bind(
          TARGET,
          Array.from({ length: 1000 }, (_, i) => ({
            sourceKey: `acc-${page * 1000 + i}`,
            targetId: String(100_000 + page * 1000 + i),
            version: '0',
          })),
        );
      }
      await xref.settled();

      const keys = Array.from({ length: 1000 }, (_, i) => `new-${i}`);
      const {
        rows: [pair],
      } = await queue.pool.query('SELECT id FROM weft_xref_pairs');
      const plan = (await queue.pool.query(`EXPLAIN ${LOOKUP}`, [pair.id, JSON.stringify(keys)])).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      // PostgreSQL knows the table's size now (it had no statistics, so it guessed a few rows) …
      const {
        rows: [stats],
      } = await queue.pool.query(`SELECT reltuples FROM pg_class WHERE oid = 'weft_xref'::regclass`);
      expect(Number(stats.reltuples)).toBeGreaterThan(15_000);
      // … and no longer walks the by-target index filtering every binding on the page's keys (what it did
      // without statistics; a plain scan of a table this small, or the key, are its own fair choices).
      expect(plan).not.toMatch(/weft_xref_by_target/);

      const found = await xref.lookup(TARGET, ['acc-0', 'acc-19999', 'new-1']);
      expect(Object.fromEntries(found)).toEqual({
        'acc-0': { targetId: '100000', version: '0' },
        'acc-19999': { targetId: '119999', version: '0' },
      });
      expect(await xref.sourcesOf(TARGET, ['100005'])).toEqual(new Map([['100005', ['acc-5']]]));
    });

    it('keeps each pair of systems apart, and forgetting a connection forgets only its bindings', async () => {
      const queue = await RunQueue.open(db.url, join(ROOT, 'migrations/runs'), () => undefined, testSchema('xref'));
      open.push(queue);
      const xref = new PgCrossReference(queue.pool);
      const desktop = { ...TARGET, connection: 'qbd-sandbox' };
      await xref.bind(TARGET, [{ sourceKey: 'acc-1', targetId: '58', version: '0' }]);
      await xref.bind(desktop, [{ sourceKey: 'acc-1', targetId: '80000001-1', version: '1' }]);
      // Another run (another store) reads what this one bound.
      const later = new PgCrossReference(queue.pool);
      expect((await later.lookup(TARGET, ['acc-1'])).get('acc-1')).toEqual({ targetId: '58', version: '0' });
      expect((await later.lookup(desktop, ['acc-1'])).get('acc-1')).toEqual({ targetId: '80000001-1', version: '1' });
      expect(await later.lookup({ ...TARGET, entity: 'Vendor' }, ['acc-1'])).toEqual(new Map());

      await forgetBindingsOf(queue.pool, 'qbo-sandbox');
      const after = new PgCrossReference(queue.pool);
      expect(await after.lookup(TARGET, ['acc-1'])).toEqual(new Map());
      expect((await after.lookup(desktop, ['acc-1'])).get('acc-1')?.targetId).toBe('80000001-1');
      // Binding again after the reset works (a new pair row).
      await after.bind(TARGET, [{ sourceKey: 'acc-1', targetId: '77' }]);
      expect((await new PgCrossReference(queue.pool).lookup(TARGET, ['acc-1'])).get('acc-1')?.targetId).toBe('77');
    });

    it('a run store made before the narrow cross-reference keeps its bindings (migration 0009)', async () => {
      const schema = testSchema('xrefmig');
      const older = mkdtempSync(join(tmpdir(), 'weft-migrations-'));
      const all = join(ROOT, 'migrations/runs');
      for (const f of readdirSync(all).filter((f) => f < '0009')) copyFileSync(join(all, f), join(older, f));
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const pool = new pg.Pool({ connectionString: db.url, max: 2, options: `-c search_path=${schema}` });
      try {
        await migrateRunStore(pool, older);
        await pool.query(`INSERT INTO weft_xref (target_connection, target_entity, source_connection, source_entity, source_key, target_id, version)
          VALUES ('qbo-sandbox', 'Customer', 'creatio-sandbox', 'Account', 'acc-1', '58', '3'),
                 ('qbo-sandbox', 'Customer', 'creatio-sandbox', 'Account', 'acc-2', '59', NULL),
                 ('creatio-sandbox', 'Account', 'qbo-sandbox', 'Customer', '58', 'acc-1', NULL)`);
        expect(await migrateRunStore(pool, all)).toContain('0009_xref_pairs.sql');
        const xref = new PgCrossReference(pool);
        expect(Object.fromEntries(await xref.lookup(TARGET, ['acc-1', 'acc-2']))).toEqual({
          'acc-1': { targetId: '58', version: '3' },
          'acc-2': { targetId: '59', version: undefined },
        });
        expect(await xref.sourcesOf(TARGET, ['59'])).toEqual(new Map([['59', ['acc-2']]]));
        const back = {
          connection: 'creatio-sandbox',
          entity: 'Account',
          sourceConnection: 'qbo-sandbox',
          sourceEntity: 'Customer',
        };
        expect((await xref.lookup(back, ['58'])).get('58')?.targetId).toBe('acc-1');
      } finally {
        await pool.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
        await pool.end();
        rmSync(older, { recursive: true, force: true });
      }
    });
  });
}
