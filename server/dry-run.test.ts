// Issue 14, the whole Weft on real PostgreSQL with the Creatio and QuickBooks Online sandboxes
// over HTTP: a dry run of the accounts → customers template decides like a real run (its
// binding reads QuickBooks) but the sandbox serves no write, no cross-reference, write
// acknowledgement or Query Start is recorded, and the run is marked dry wherever runs are
// listed. The real run that follows creates and updates exactly what the dry run foretold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../scripts/test-databases';
import { bootWeft, type Weft } from './boot';

const WS = 'default';

for (const db of testDatabases()) {
  describe(`a dry run of a whole flow, on ${db.name}`, () => {
    let weft: Weft;
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-dry-'));
      weft = await bootWeft({
        dataDir: dir,
        port: null,
        databaseUrl: db.url,
        pgSchema: testSchema('dry'),
        log: { info: () => undefined, warn: () => undefined, error: console.error },
      });
    }, 120_000);
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function runOnce(flowId: string, dryRun: boolean) {
      const { runId } = await weft.services.runs.startRun(WS, flowId, { trigger: 'manual', dryRun });
      let run = await weft.services.runs.getRun(WS, runId);
      for (
        const until = Date.now() + 90_000;
        run && ['queued', 'running'].includes(run.status) && Date.now() < until;
      ) {
        await new Promise((r) => setTimeout(r, 200));
        run = await weft.services.runs.getRun(WS, runId);
      }
      return run!;
    }
    const rows = async (sql: string) => Number((await weft.queue.pool.query(sql)).rows[0].n);
    const ledger = async () => ({
      xref: await rows(`SELECT count(*) AS n FROM weft_xref`),
      effects: await rows(`SELECT count(*) AS n FROM weft_effects`),
      marks: await rows(`SELECT count(*) AS n FROM weft_watermarks WHERE value IS NOT NULL`),
    });

    it('writes nothing, records nothing, and the real run then does what it said', async () => {
      const flowId = await weft.services.design.createFlow(
        WS,
        weft.services.design.getTemplate('creatio-accounts-to-qbo-customers')!,
        null,
      );
      const qbo = weft.sandboxes!.qbo.stats;
      const writes = qbo.writes;
      const before = await ledger();

      const dry = await runOnce(flowId, true);
      expect(dry.status).toBe('completed-with-errors');
      expect(dry.dryRun).toBe(true);
      const wouldWrite = dry.nodes.find((n) => n.id === 'customers')!;
      expect(wouldWrite.created).toBeGreaterThan(200);
      expect(wouldWrite.updated).toBeGreaterThan(0); // matched by name: the binding did read QuickBooks
      expect(qbo.writes).toBe(writes);
      expect(await ledger()).toEqual(before);
      expect((await weft.services.runs.listRuns(WS, flowId, 5))[0]).toMatchObject({ runId: dry.runId, dryRun: true });

      const real = await runOnce(flowId, false);
      expect(real.dryRun).toBeUndefined();
      expect(real.nodes.find((n) => n.id === 'accounts')!.in).toBe(dry.nodes.find((n) => n.id === 'accounts')!.in);
      const wrote = real.nodes.find((n) => n.id === 'customers')!;
      expect([wrote.created, wrote.updated, wrote.skipped, wrote.failed]).toEqual([
        wouldWrite.created,
        wouldWrite.updated,
        wouldWrite.skipped,
        wouldWrite.failed,
      ]);
      expect(qbo.writes).toBeGreaterThan(writes);
      // Run history marks the dry run in its table and its chart, and the real run as real.
      const history = await weft.services.history!.runs(WS, flowId, { limit: 5 });
      expect(history.runs.map((r) => [r.runId, r.dryRun])).toEqual([
        [real.runId, false],
        [dry.runId, true],
      ]);
      // Its log does not claim the Query Starts moved.
      const log = (await weft.services.history!.log(WS, dry.runId, { limit: 500 })).lines.map((l) => l.message);
      expect(log.some((m) => /^Query Starts would move to .+; a dry run leaves them where they were\.$/.test(m))).toBe(
        true,
      );
      expect(log.filter((m) => m.startsWith('Query Starts moved'))).toEqual([]);
      const chart = await weft.services.history!.chart(WS, flowId, 10);
      expect(chart.map((p) => [p.runId, p.dryRun])).toEqual([
        [dry.runId, true],
        [real.runId, false],
      ]);
      const after = await ledger();
      expect(after.xref).toBeGreaterThan(before.xref);
      expect(after.marks).toBeGreaterThan(before.marks);
    }, 240_000);
  });
}
