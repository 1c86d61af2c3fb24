// Failed records stay open across runs until they get through (issue 16). A run knows its flow's open records
// from its start (and adds those it fails), so a page closes what it fixed without sending every key it passed
// to PostgreSQL: a page with nothing open among its records costs no statement on the work queue.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../nodes/define-node';
import type { NodeBatchResult } from '../record/run-recorder';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { ROOT } from '../../server/boot';
import { openFailureKeys } from './failure-queue';
import { PgRecorder } from './pg-recorder';
import { RunQueue } from './run-queue';
import { insertRun } from './run-store';

const FLOW = 'flow-open-keys';
const NODES = [
  { id: 'src', type: 'test.source' },
  { id: 'sink', type: 'test.sink' },
];
const rec = (key: string) =>
  ({ key, data: {}, meta: { source: { node: 'src', system: 't', entity: 'E' } } }) as FlowRecord;
const failed = (key: string) => ({ record: rec(key), failure: { code: 'qbo.6240', message: `${key} exists` } });
/** One page at the sink: `passed` got through, `failing` failed there. */
const page = (passed: string[], failing: string[] = []): NodeBatchResult[] => [
  {
    nodeId: 'sink',
    inCount: passed.length + failing.length,
    outCount: passed.length,
    outcomes: { created: passed.length, failed: failing.length },
    failures: failing.map(failed),
    passedKeys: passed,
  },
];

for (const db of testDatabases()) {
  describe(`open failed records closed by later pages on ${db.name}`, () => {
    let queue: RunQueue;
    /** Statements a recorder sends that touch the work queue's open rows. */
    let closing = 0;
    let counted: pg.Pool;
    beforeAll(async () => {
      queue = await RunQueue.open(db.url, join(ROOT, 'migrations/runs'), () => undefined, testSchema('openkeys'));
      const pool = queue.pool;
      // The pool a recorder gets: the same connections, each statement on the queue's open rows counted.
      counted = new Proxy(pool, {
        get(target, prop, receiver) {
          if (prop !== 'connect') return Reflect.get(target, prop, receiver);
          // pool.query connects with a callback: left as it is (the recorder's own statements use connect()).
          return async (...args: unknown[]) => {
            if (args.length) return (target.connect as (...a: unknown[]) => unknown)(...args);
            const client = await target.connect();
            const query = client.query.bind(client) as (...a: unknown[]) => unknown;
            return new Proxy(client, {
              get: (c, p, r) =>
                p === 'query'
                  ? (...a: unknown[]) => {
                      if (typeof a[0] === 'string' && a[0].includes("SET state = 'fixed'")) closing++;
                      return query(...a);
                    }
                  : Reflect.get(c, p, r),
            });
          };
        },
      });
    });
    afterAll(() => queue?.close());

    const newRun = async () => {
      const id = randomUUID();
      await insertRun(queue.pool, {
        id,
        workspaceId: 'default',
        flowId: FLOW,
        flowVersion: 1,
        document: {},
        trigger: 'manual',
      } as never);
      const recorder = new PgRecorder(counted, id, FLOW);
      await recorder.started(NODES);
      return recorder;
    };
    const state = async (key: string) =>
      (
        await queue.pool.query(`SELECT state FROM weft_failure_queue WHERE flow_id = $1 AND record_key = $2`, [
          FLOW,
          key,
        ])
      ).rows[0]?.state;

    it('closes what was open before the run and what the run failed itself, and asks nothing of other pages', async () => {
      const first = await newRun();
      await first.page(page(['a-1', 'a-2'], ['b-1', 'b-2']), null);
      expect([await state('b-1'), await state('b-2')]).toEqual(['open', 'open']);

      const second = await newRun();
      closing = 0;
      // 1,000 records through, none of them open: not one statement on the work queue.
      await second.page(page(Array.from({ length: 1000 }, (_, i) => `c-${i}`)), null);
      expect(closing).toBe(0);
      // b-1 (open since the first run) gets through; d-1 fails on one page and gets through on a later one.
      await second.page(page(['b-1'], ['d-1']), null);
      await second.page(page(['d-1']), null);
      expect(closing).toBe(2);
      expect([await state('b-1'), await state('b-2'), await state('d-1')]).toEqual(['fixed', 'open', 'fixed']);
    });

    it('holds the open keys of a flow in memory only up to a limit', async () => {
      expect(await openFailureKeys(queue.pool, FLOW)).toEqual(new Map([['sink', new Set(['b-2'])]]));
      expect(await openFailureKeys(queue.pool, FLOW, 0)).toBeNull(); // too many: every page asks PostgreSQL
    });
  });
}
