// 10 000 customers through the Desktop sink, the outbox and many Web Connector
// sessions, with sessions dropped after QuickBooks saved, answers cut short and
// dialogs opened on the way: every record is created exactly once (counted by the
// company file's saves), none lost, none carried to QuickBooks twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowRecord, NodeContext, RecordResult } from '../../nodes/define-node';
import { memoryContext } from '../../nodes/testing/memory-node-context';
import { qbdSinkNode } from '../../nodes/quickbooks/desktop/qbd-sink.node';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { LOGIN, qbwcRig, type QbwcRig } from './test-qbwc';

const TOTAL = 10_000;
const BATCH = 500;

for (const db of testDatabases()) {
  describe(`Desktop load on ${db.name}`, () => {
    let rig: QbwcRig;
    beforeEach(async () => {
      rig = await qbwcRig(db.url, testSchema('qbdload'), { requestsPerSet: 100, sandbox: { seed: false } });
    });
    afterEach(() => rig.close());

    it(`writes ${TOTAL} customers across many sessions with faults, nothing lost or duplicated`, async () => {
      const ctx: NodeContext = {
        ...memoryContext({
          [LOGIN.connectionId]: { kind: 'quickbooks-desktop', settings: { userName: LOGIN.userName } },
        }),
        desktop: rig.outbox,
      };
      for (const [kind, skip] of [
        ['drop-mid-session', 3],
        ['malformed-response', 11],
        ['drop-mid-session', 29],
        ['modal-dialog', 40],
        ['drop-mid-session', 61],
        ['malformed-response', 77],
      ] as const)
        rig.sandbox.faults.inject({ kind, skip });
      rig.sandbox.start(10);
      const c = qbdSinkNode.config.parse({ connection: LOGIN.connectionId });
      const state = await qbdSinkNode.open!(ctx, c);
      const results: RecordResult[] = [];
      for (let i = 0; i < TOTAL; i += BATCH) {
        const batch: FlowRecord[] = Array.from({ length: BATCH }, (_, k) => ({
          key: `acc-${i + k}`,
          data: { Name: `Load & Co ${i + k} Ü`, Phone: String(5550000 + i + k) },
          meta: { source: { node: 'accounts', system: 'creatio', entity: 'Account', connection: 'creatio-sandbox' } },
        }));
        results.push(...(await qbdSinkNode.process(ctx, c, state, batch)));
      }
      await rig.sandbox.stop();

      expect(results.filter((r) => r.outcome === 'failed').map((r) => r.failure)).toEqual([]);
      expect(results.filter((r) => r.outcome === 'created')).toHaveLength(TOTAL);
      const customers = rig.sandbox.file.customers({ active: 'All' });
      expect(customers).toHaveLength(TOTAL);
      expect(new Set(customers.map((x) => x.name)).size).toBe(TOTAL);
      expect(new Set(results.map((r) => r.record.meta.binding!.targetId)).size).toBe(TOTAL);
      const sessions = rig.sandbox.connector!.log;
      expect(sessions.filter((s) => s.end === 'dropped').length).toBe(3);
      // Each of the 6 faults ends its session (dropped, or −1 → getLastError → close); the work goes on in later ones.
      expect(sessions.filter((s) => s.end === 'error').length).toBe(3);
      expect(sessions.filter((s) => s.sets > 0).length).toBeGreaterThanOrEqual(7);
      // Adds whose answers were lost (session dropped, answer cut short) were in doubt: found in QuickBooks by
      // their name and bound, never carried a second time (the modal dialog's set, which QuickBooks never
      // took, went again); the company file saved each customer once.
      const { rows } = await rig.pool.query(
        `SELECT state, count(*)::int AS n, max(attempts) AS most FROM weft_desktop_requests
          WHERE request->>'type' = 'CustomerAdd' GROUP BY state ORDER BY state`,
      );
      expect(rows).toEqual([
        { state: 'done', n: expect.any(Number), most: 2 },
        { state: 'doubt', n: expect.any(Number), most: 1 },
      ]);
      expect(rows[0].n + rows[1].n).toBe(TOTAL);
      expect([...rig.sandbox.file.writes.values()].filter((n) => n !== 1)).toEqual([]);
      expect(rig.sandbox.file.writes.size).toBe(TOTAL);
    }, 180_000); // a load test: on a busy 2-core machine it needs more than the default minute
  });
}
