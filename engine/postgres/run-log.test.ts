// Issue 16: a run's log is bounded. A run that would log more than the cap keeps the
// first lines and one last line saying the log stops there; a resumed run continues
// the numbering instead of overwriting lines.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { ROOT } from '../../server/boot';
import { RunQueue } from './run-queue';
import { PgRunLog } from './run-log';
import { insertRun } from './run-store';

for (const db of testDatabases()) {
  describe(`run log on ${db.name}`, () => {
    const open: RunQueue[] = [];
    afterEach(async () => {
      for (const q of open.splice(0)) await q.close();
    });

    it('keeps at most its cap of lines, says so, and continues after a resume', async () => {
      const queue = await RunQueue.open(db.url, join(ROOT, 'migrations/runs'), () => undefined, testSchema('rlog'));
      open.push(queue);
      const runId = randomUUID();
      const doc = { schema: 'weft.flow/1', name: 'x', nodes: [], edges: [], settings: {} };
      await insertRun(queue.pool, {
        id: runId,
        workspaceId: 'w',
        flowId: 'f',
        flowVersion: null,
        document: doc as never,
        trigger: 'manual',
      });
      const first = await new PgRunLog(queue.pool, runId, 5).open();
      first.write('info', null, 'one');
      first.write('warn', 'accounts', 'two', { page: 2 });
      await first.flush();
      const resumed = await new PgRunLog(queue.pool, runId, 5).open();
      for (let i = 3; i <= 500; i++) resumed.write('info', 'accounts', `line ${i}`);
      await resumed.flush();
      const { rows } = await queue.pool.query(
        `SELECT seq, level, node_id, message, fields FROM weft_run_logs WHERE run_id = $1 ORDER BY seq`,
        [runId],
      );
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(rows.slice(0, 5).map((r) => r.message)).toEqual(['one', 'two', 'line 3', 'line 4', 'line 5']);
      expect(rows[1]).toMatchObject({ level: 'warn', node_id: 'accounts', fields: { page: 2 } });
      expect(rows[5]).toMatchObject({ level: 'warn', node_id: null });
      expect(rows[5].message).toMatch(/^The log of this run stops here: it keeps 5 lines/);
    });
  });
}
