// QboClient against the sandbox's limits: the governor's pacing, waits after a 429, batch spreading.
import { afterEach, describe, expect, it } from 'vitest';
import { QboClient } from './qbo-client';
import { QBO_LIMITS, QboGovernor } from './qbo-governor';
import type { QboTokenSource } from './qbo-tokens';
import { rig, virtualClock, type Rig } from '../../testing/qbo-sandbox';

let r: Rig;
afterEach(() => r?.sandbox.close());

describe('throttling', () => {
  it('a burst of 300 writes through the governor meets no 429 and loses or doubles nothing', async () => {
    // Real concurrency (10); the per-minute count scaled down with the window
    // (50 per 0.7 s) so the window fills even on a busy machine. Unpaced, the
    // 51st request inside a window would get a 429.
    const limits = { perMinute: 50, perSecond: 10, secondMs: 100, concurrent: 10, batchPerMinute: 40, windowMs: 700 };
    r = await rig({ limits, seed: { accounts: 0 } }, { limits });
    const names = Array.from({ length: 300 }, (_, i) => `Burst ${i}`);
    const created = await Promise.all(
      names.map((n, i) => r.client.create('Customer', { DisplayName: n }, { requestId: `burst-${i}` })),
    );
    expect(new Set(created.map((c) => c.Id)).size).toBe(300);
    expect(r.sandbox.stats.throttled).toBe(0);
    expect(await r.client.count('Customer', "DisplayName LIKE 'Burst %'")).toBe(300);
    expect(r.waits.some(([, why]) => why.includes('50 requests per minute'))).toBe(true);
  });

  it('a burst of 2,000 writes in batches of 30 keeps to the batch limit: no 429, nothing lost or doubled', async () => {
    // Intuit's batch limit scaled down with the window (20 batch calls per 0.5 s); 67 batch
    // calls all sent at once. Unpaced, the 21st inside a window would get a 429.
    const limits = { perMinute: 40, perSecond: 10, secondMs: 50, concurrent: 10, batchPerMinute: 20, windowMs: 500 };
    r = await rig({ limits, seed: { accounts: 0 } }, { limits });
    const names = Array.from({ length: 2000 }, (_, i) => `Load ${String(i).padStart(4, '0')} & "Co" <${i}>`);
    const chunks = Array.from({ length: Math.ceil(names.length / 30) }, (_, c) => names.slice(c * 30, c * 30 + 30));
    const results = await Promise.all(
      chunks.map((chunk, c) =>
        r.client.batch(
          chunk.map((n, i) => ({
            bId: String(i),
            operation: 'create' as const,
            entity: 'Customer',
            body: { DisplayName: n },
          })),
          { requestId: `load-${c}` },
        ),
      ),
    );
    expect(results.flat().filter((x) => !x.ok)).toEqual([]);
    expect(results.flat()).toHaveLength(2000);
    expect(r.sandbox.stats.throttled).toBe(0);
    expect(await r.client.count('Customer', "DisplayName LIKE 'Load %'")).toBe(2000);
    expect(r.waits.some(([, why]) => why.includes('20 batch calls per minute'))).toBe(true);
  });

  it('keeps to 10 requests a second (scaled: 10 per 0.2 s): no 429, and says why it waits', async () => {
    const limits = { secondMs: 200 };
    r = await rig({ limits, seed: { accounts: 0 } }, { limits });
    expect(await Promise.all(Array.from({ length: 60 }, () => r.client.count('Item')))).toEqual(Array(60).fill(4));
    expect(r.sandbox.stats.throttled).toBe(0);
    expect(r.waits.some(([, why]) => why === 'QuickBooks rate limit, 10 requests per second')).toBe(true);
  });

  it("after a 429 without Retry-After the whole company waits 60 s (Intuit's rule), says until when, and resumes", async () => {
    // The sandbox's clock and the governor's are one virtual clock: a wait moves it on at once.
    const clock = virtualClock(Date.UTC(2026, 6, 1, 12, 0, 0));
    // A client paced looser than Intuit (100 a second) meets the sandbox's real 10 a second.
    r = await rig({ limits: {}, now: clock.now, seed: { accounts: 0 } }, { limits: { perSecond: 100 }, clock });
    await r.client.count('Item'); // sign in first: the token call is not what this test times
    const counts = await Promise.all(Array.from({ length: 10 }, () => r.client.count('Item')));
    expect(counts).toEqual(Array(10).fill(4));
    expect(r.sandbox.stats.throttled).toBe(1);
    expect(clock.slept).toContain(60_000);
    expect(r.waits).toContainEqual([
      60_000,
      'QuickBooks asked Weft to wait (rate limit, HTTP 429); resuming at 12:01:00 UTC',
    ]);
    expect(clock.now() - Date.UTC(2026, 6, 1, 12, 0, 0)).toBeGreaterThanOrEqual(60_000);
  });

  it('after a 429 with Retry-After it waits that long instead', async () => {
    const clock = virtualClock(Date.UTC(2026, 6, 1, 12, 0, 0));
    r = await rig({ now: clock.now }, { clock });
    r.sandbox.faults.add({ kind: 'throttle', path: '/query', retryAfterSec: 7 });
    expect(await r.client.count('Item')).toBe(4);
    expect(clock.slept).toEqual([7000]);
    expect(r.waits).toEqual([[7000, 'QuickBooks asked Weft to wait (rate limit, HTTP 429); resuming at 12:00:07 UTC']]);
  });

  it("sends half a minute's batch calls at once, then spreads the rest (one every 1.51 s at 40 a minute)", async () => {
    const clock = virtualClock(0);
    const g = new QboGovernor({ ...QBO_LIMITS, perSecond: 100 }, clock);
    const sentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 23 }, async () => {
        const release = await g.acquire('batch');
        sentAt.push(clock.now());
        release();
      }),
    );
    expect(sentAt).toEqual([...Array(20).fill(0), 1507, 3014, 4521]);
  });

  it('clients of one company share one governor', () => {
    const a = QboGovernor.for('https://qb.test|1');
    expect(QboGovernor.for('https://qb.test|1')).toBe(a);
    expect(QboGovernor.for('https://qb.test|2')).not.toBe(a);
    const c = new QboClient({ baseUrl: 'https://qb.test', realmId: '1', tokens: {} as QboTokenSource });
    expect(c.governor).toBe(a);
  });
});
