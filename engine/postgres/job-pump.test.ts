// Issue 19: a worker running many companies' flows takes its runs through one polling loop per
// queue. It runs as many jobs as it has slots, starts the next as soon as one ends (no poll's
// wait), fails a job whose run threw (so the queue retries it), and, idle, asks the queue about
// twice a second however many slots it has (one loop per slot asked 400 times a second at 200).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { ROOT } from '../../server/boot';
import { JobPump } from './job-pump';
import { RunQueue } from './run-queue';

const Q = 'pump-test';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const db of testDatabases()) {
  describe(`job pump on ${db.name}`, () => {
    const open: { stop(): Promise<void> }[] = [];
    const queues: RunQueue[] = [];
    afterEach(async () => {
      for (const p of open.splice(0)) await p.stop();
      for (const q of queues.splice(0)) await q.close();
    });
    const queue = async () => {
      const q = await RunQueue.open(db.url, join(ROOT, 'migrations/runs'), () => undefined, testSchema('pump'));
      queues.push(q);
      await q.boss.createQueue(Q, { name: Q, policy: 'standard', retryLimit: 1, retryDelay: 60 });
      return q;
    };

    it('runs as many jobs as it has slots, and the next one as soon as a slot frees', async () => {
      const { boss } = await queue();
      const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => boss.send(Q, { n })));
      let running = 0;
      let most = 0;
      const done: number[] = [];
      const t0 = Date.now();
      // A poll every 10 s: finishing well before that shows a freed slot is filled at once.
      const pump = new JobPump<{ n: number }>({
        boss,
        queue: Q,
        slots: 2,
        pollMs: 10_000,
        onError: (e) => {
          throw e;
        },
        handle: async (job) => {
          most = Math.max(most, ++running);
          await sleep(150);
          running--;
          done.push(job.data.n);
        },
      }).start();
      open.push(pump);
      while (done.length < 5 && Date.now() - t0 < 8_000) await sleep(20);
      expect(done.sort()).toEqual([1, 2, 3, 4, 5]);
      expect(most).toBe(2);
      expect(Date.now() - t0).toBeLessThan(5_000);
      await sleep(200);
      const states = await Promise.all(ids.map((id) => boss.getJobById(Q, id!)));
      expect(states.map((j) => j?.state)).toEqual(Array(5).fill('completed'));
    });

    it('fails the job of a run that threw, so the queue retries it, and goes on with the others', async () => {
      const { boss } = await queue();
      const bad = await boss.send(Q, { n: 1 });
      const good = await boss.send(Q, { n: 2 });
      const seen: number[] = [];
      const pump = new JobPump<{ n: number }>({
        boss,
        queue: Q,
        slots: 1,
        pollMs: 500,
        onError: () => undefined,
        handle: async (job) => {
          seen.push(job.data.n);
          if (job.data.n === 1) throw new Error('The source did not answer.');
        },
      }).start();
      open.push(pump);
      for (const t0 = Date.now(); seen.length < 2 && Date.now() - t0 < 5_000;) await sleep(20);
      await sleep(200);
      const failed = await boss.getJobById(Q, bad!);
      expect(failed?.state).toBe('retry');
      expect(JSON.stringify(failed?.output)).toContain('The source did not answer.');
      expect((await boss.getJobById(Q, good!))?.state).toBe('completed');
    });

    it('idle with 200 slots, asks the queue about twice a second, not once per slot', async () => {
      const { boss } = await queue();
      let asked = 0;
      const fetch = boss.fetch.bind(boss);
      boss.fetch = ((...a: Parameters<typeof fetch>) => (asked++, fetch(...a))) as typeof boss.fetch;
      const pump = new JobPump<{ n: number }>({
        boss,
        queue: Q,
        slots: 200,
        onError: () => undefined,
        handle: async () => undefined,
      }).start();
      open.push(pump);
      await sleep(2_000);
      expect(asked).toBeGreaterThanOrEqual(2);
      expect(asked).toBeLessThanOrEqual(6);
    });
  });
}
