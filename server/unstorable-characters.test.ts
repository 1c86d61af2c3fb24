// Issue 18: a NUL in one CRM record stopped its flow on every run ("unsupported Unicode
// escape sequence"), counters 0, no failed record listed. Such a record fails alone at
// its source, with the field named; the others sync; the next run does not stop either.
// Whole Weft: Creatio and QuickBooks Online sandboxes over HTTP, real PostgreSQL.
import { describe, expect, it } from 'vitest';
import { ACTIVE_YES_ID, seededAccountId } from '../sandbox/creatio';
import { testDatabases } from '../scripts/test-databases';
import { runToEnd, testWeft } from './test-weft';

const WS = 'default';

for (const db of testDatabases()) {
  describe(`a CRM record holding a NUL, on ${db.name}`, () => {
    const t = testWeft(db, 'nul');

    async function runOnce(flowId: string) {
      const { runId } = await t.weft.services.runs.startRun(WS, flowId, { trigger: 'manual' });
      const run = await runToEnd(t.weft, WS, runId);
      return { run, failures: await t.weft.services.runs.failures(WS, runId, null, 100) };
    }

    it('fails that record alone, naming the field, on this run and the next', async () => {
      const creatio = t.weft.sandboxes!.creatio.db;
      const setField = (i: number, field: string, value: string, modifiedOn?: string) =>
        creatio
          .prepare(
            `UPDATE "Account" SET "${field}" = ?, "UsrActiveId" = ?${modifiedOn ? ', "ModifiedOn" = ?' : ''} WHERE "Id" = ?`,
          )
          .run(value, ACTIVE_YES_ID, ...(modifiedOn ? [modifiedOn] : []), seededAccountId(i));
      setField(0, 'Name', 'Acme\u0000 Ltd');
      setField(1, 'Phone', '555\u0000 0101');
      const flowId = await t.weft.services.design.createFlow(
        WS,
        t.weft.services.design.getTemplate('creatio-accounts-to-qbo-customers')!,
        null,
      );

      const first = await runOnce(flowId);
      expect(first.run.status).toBe('completed-with-errors');
      const source = first.run.nodes.find((n) => n.id === 'accounts')!;
      expect(source).toMatchObject({ in: 300, out: 298, failed: 2 });
      const sink = first.run.nodes.find((n) => n.id === 'customers')!;
      expect(sink.created + sink.updated).toBeGreaterThan(200);
      const mine = first.failures.filter((f) => f.nodeId === 'accounts');
      expect(mine.map((f) => [f.recordKey, f.failure.field, f.failure.message])).toEqual([
        [
          seededAccountId(0),
          'Name',
          expect.stringMatching(
            /^Account "Acme\u2400 Ltd": field Name contains a NUL character, which Weft cannot store or send on\.$/,
          ),
        ],
        [seededAccountId(1), 'Phone', expect.stringMatching(/field Phone contains a NUL character/)],
      ]);
      // The ledger keeps the payload as Creatio sent it, NUL included.
      expect(mine[0].record.data.Name).toBe('Acme\u0000 Ltd');

      // Changed again in Creatio, still with the NUL: the next run reads it, fails it alone, and goes on.
      setField(0, 'Notes', 'edited', '2026-06-01T00:00:00.0000000Z');
      setField(2, 'Notes', 'edited too', '2026-06-01T00:00:00.0000000Z');
      const second = await runOnce(flowId);
      expect(second.run.status).toBe('completed-with-errors');
      expect(second.run.nodes.find((n) => n.id === 'accounts')).toMatchObject({ in: 2, out: 1, failed: 1 });
      expect(second.run.nodes.find((n) => n.id === 'customers')!.updated).toBe(1);
    }, 120_000);
  });
}
