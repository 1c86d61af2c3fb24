// Issue 4: one QuickBooks company's limits shared by every worker process. Two
// "processes" here are two peers on two pools (no memory shared): each takes half
// while both send, and the survivor takes the whole limits again once the other
// stops or dies (its row goes stale).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { ROOT } from '../../server/boot';
import { QBO_LIMITS, QboGovernor } from '../../nodes/quickbooks/online/qbo-governor';
import { PgGovernorPeers } from './governor-peers';
import { RunQueue } from './run-queue';
import { shareThrottles } from './worker';

const FAST = { beatMs: 100, staleMs: 400, idleMs: 10_000 };
const COMPANY = 'https://quickbooks.api.intuit.com|9130000001';

for (const db of testDatabases()) {
  describe(`QuickBooks limits shared across workers on ${db.name}`, () => {
    const open: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      shareThrottles(null);
      for (const o of open.splice(0)) await o.close();
    });

    /** A worker process's peers; `beating: false` renews only when told (then stops, as a killed process does). */
    async function processOn(schema: string, beating = true) {
      const queue = await RunQueue.open(db.url, join(ROOT, 'migrations/runs'), () => undefined, schema);
      const peers = new PgGovernorPeers(queue.pool, FAST);
      if (beating) peers.start();
      open.push({
        close: async () => {
          if (beating) await peers.stop();
          await queue.close();
        },
      });
      return peers;
    }

    it('two workers sending to one company take half of each limit; the survivor gets it all back', async () => {
      const schema = testSchema('gov');
      const [a, b] = [await processOn(schema), await processOn(schema, false)];
      a.active(COMPANY);
      b.active(COMPANY);
      await Promise.all([a.sync(), b.sync()]);
      await Promise.all([a.sync(), b.sync()]);
      expect([a.share(COMPANY), b.share(COMPANY)]).toEqual([0.5, 0.5]);
      // Another company is nobody else's business.
      expect(a.share('other|1')).toBe(1);

      // The governor of a process paces with its share: 10 at once (and 10 a second) become 5.
      // Handed over as the worker does: to every connection kind with a `sharedThrottle` hook (issue 13).
      shareThrottles(a);
      const g = new QboGovernor(QBO_LIMITS, undefined, COMPANY);
      const granted: (() => void)[] = [];
      for (let i = 0; i < 10; i++) void g.acquire('request').then((release) => granted.push(release));
      await new Promise((r) => setTimeout(r, 50));
      expect(granted).toHaveLength(5);
      granted.forEach((release) => release());

      // b is killed (its row is no longer renewed): a takes the whole limits again.
      await new Promise((r) => setTimeout(r, FAST.staleMs + 2 * FAST.beatMs));
      await a.sync();
      expect(a.share(COMPANY)).toBe(1);
    });
  });
}
