// A worker's run leases (issue 6) are refreshed in one statement for all its runs (issue 19: a
// worker with 200 companies' runs sent 100 heartbeats a second), and each run still learns, on its
// own, that it was taken over or that an operator asked it to stop.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { ROOT } from '../../server/boot';
import { claimRun, LeaseBeats, type LeaseHolder } from './run-lease';
import { RunQueue } from './run-queue';
import { insertRun, type Queryable } from './run-store';

const EVERY_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits (on a busy machine, timers run late) until `done` holds, for at most 10 s. */
async function until(done: () => boolean): Promise<void> {
  for (const end = Date.now() + 10_000; !done() && Date.now() < end;) await sleep(20);
}

for (const db of testDatabases()) {
  describe(`run leases on ${db.name}`, () => {
    let queue: RunQueue;
    beforeAll(async () => {
      queue = await RunQueue.open(db.url, join(ROOT, 'migrations/runs'), () => undefined, testSchema('lease'));
    });
    afterAll(() => queue?.close());

    /** A run of its own flow, claimed by `worker`. */
    async function runningRun(worker: string): Promise<string> {
      const id = randomUUID();
      const flowId = `flow-${id}`;
      await insertRun(queue.pool, {
        id,
        workspaceId: 'default',
        flowId,
        flowVersion: 1,
        document: {},
        trigger: 'manual',
      } as never);
      expect(await claimRun(queue.pool, id, worker, 15_000)).toBe('claimed');
      return id;
    }
    const beatAt = async (id: string) =>
      (await queue.pool.query(`SELECT heartbeat_at FROM weft_runs WHERE id = $1`, [id])).rows[0].heartbeat_at as Date;

    it('refresh every run of a worker in one statement, and tell each run its own news', async () => {
      /** The runs each statement refreshed. */
      const statements: string[][] = [];
      const counted: Queryable = {
        query: (text: string, values?: unknown[]) => (
          statements.push(values?.[0] as string[]),
          queue.pool.query(text, values)
        ),
      } as Queryable;
      const [quiet, stopped, takenOver] = [await runningRun('w1'), await runningRun('w1'), await runningRun('w1')];
      const told = new Map<string, string[]>();
      const holder = (id: string): LeaseHolder => ({
        lost: () => told.set(id, [...(told.get(id) ?? []), 'lost']),
        stopRequested: () => told.set(id, [...(told.get(id) ?? []), 'stop']),
      });
      const beats = new LeaseBeats(counted, 'w1', EVERY_MS);
      const before = await beatAt(quiet);
      const releases = [quiet, stopped, takenOver].map((id) => beats.hold(id, holder(id)));
      await until(() => statements.length >= 2);
      // One statement a tick for the three runs, not one each.
      expect(statements.slice(0, 2)).toEqual([
        [quiet, stopped, takenOver],
        [quiet, stopped, takenOver],
      ]);
      expect((await beatAt(quiet)).getTime()).toBeGreaterThan(before.getTime());
      expect(told.size).toBe(0);

      await queue.pool.query(`UPDATE weft_runs SET stop_requested = true WHERE id = $1`, [stopped]);
      await queue.pool.query(`UPDATE weft_runs SET worker = 'w2' WHERE id = $1`, [takenOver]);
      await until(() => told.size >= 2);
      expect(told.get(quiet)).toBeUndefined();
      expect(told.get(stopped)?.[0]).toBe('stop');
      expect(told.get(takenOver)?.[0]).toBe('lost');

      // Once every run ended, the worker sends nothing more.
      for (const release of releases) release();
      const sent = statements.length;
      await sleep(EVERY_MS * 3);
      expect(statements.length).toBe(sent);
    });
  });
}
