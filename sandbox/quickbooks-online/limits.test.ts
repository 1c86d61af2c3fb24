// Intuit's documented limits, enforced per realm and per app (client id), with the real 429 body
// ("API call limits and throttles"; Intuit developer blog 2025-08-13; reference B7, B10), and the
// batch answers' order (any: clients match by bId). The sandbox's clock is the test's: no waiting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startQboSandbox, type QboSandbox } from './index';
import { accessToken, call, inOrder, q } from './test-http';

const THROTTLED =
  '<Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; ' +
  'statusCode=429</Message><Detail>The request limit was reached.  Try again ' +
  'later</Detail></Error>';
const APPS = [2, 3, 4].map((n) => ({ clientId: `app-${n}`, clientSecret: `secret-${n}` }));
const ONE_QUERY = { BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Item' }] };

let s: QboSandbox;
let clock = 0;

async function tokenOf(clientId: string): Promise<string> {
  const res = await fetch(`${s.baseUrl}/__sandbox/tokens/${s.realmId}?clientId=${clientId}`, { method: 'POST' });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** `n` batch calls, 10 a second (the per-second limit), the clock moving on between seconds; their statuses. */
async function batches(token: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 10 === 0) clock += 1000;
    statuses.push((await call(s, token, 'batch', { body: ONE_QUERY })).status);
  }
  clock += 1000;
  return statuses;
}

beforeEach(async () => {
  clock = Date.UTC(2026, 6, 1, 12, 0, 0);
  s = await startQboSandbox({ now: () => clock, otherApps: APPS, seed: { accounts: 0 } });
});
afterEach(() => s.close());

describe('limits per realm and app', () => {
  it('refuses the 11th request in a second with the XML 429; the next second takes 10 again', async () => {
    const token = await accessToken(s);
    const first = await Promise.all(Array.from({ length: 11 }, () => call(s, token, q('select count(*) from Item'))));
    expect(first.map((r) => r.status).filter((st) => st === 429)).toHaveLength(1);
    const refused = first.find((r) => r.status === 429)!;
    expect(refused.contentType).toContain('xml');
    expect(refused.text).toContain(THROTTLED);
    expect(refused.text).toContain('<Fault type="SERVICE">');
    // Another app has its own 10 in the same second.
    const other = await tokenOf('app-2');
    expect((await call(s, other, q('select count(*) from Item'))).status).toBe(200);
    clock += 1000;
    expect((await call(s, token, q('select count(*) from Item'))).status).toBe(200);
  });

  it('refuses the 41st batch call of an app in a minute; another app has its own 40; the realm stops at 120', async () => {
    const statuses = await batches(await accessToken(s), 41);
    expect(statuses.slice(0, 40).every((st) => st === 200)).toBe(true);
    expect(statuses[40]).toBe(429);
    // Plain requests of the same app still go: the batch limit is the batch endpoint's alone.
    expect((await call(s, await accessToken(s), q('select count(*) from Item'))).status).toBe(200);
    expect(await batches(await tokenOf('app-2'), 41)).toEqual([...Array(40).fill(200), 429]);
    expect(await batches(await tokenOf('app-3'), 40)).toEqual(Array(40).fill(200));
    // 120 batch calls reached the realm this minute: a fourth app gets none.
    expect(await batches(await tokenOf('app-4'), 1)).toEqual([429]);
    expect(s.stats.throttled).toBe(3);
    clock += 60_000;
    expect(await batches(await tokenOf('app-4'), 1)).toEqual([200]);
  });

  it('refuses the 501st request of a realm in a minute, whichever app sends it', async () => {
    const apps = [await accessToken(s), ...(await Promise.all(APPS.map((a) => tokenOf(a.clientId))))];
    let refused = 0;
    for (let i = 0; i < 500; i++) {
      if (i > 0 && i % 40 === 0) clock += 1000; // 10 per app a second
      refused += (await call(s, apps[i % 4], q('select count(*) from Item'))).status === 429 ? 1 : 0;
    }
    expect(refused).toBe(0);
    clock += 1000;
    expect((await call(s, apps[0], q('select count(*) from Item'))).status).toBe(429);
  });
});

describe('batch answers', () => {
  it('come back in another order than asked, each item answered under its own bId', async () => {
    const token = await accessToken(s);
    const names = Array.from({ length: 30 }, (_, i) => `Order Test ${i}`);
    const r = await call(s, token, 'batch', {
      body: {
        BatchItemRequest: names.map((n, i) => ({ bId: `b${i}`, operation: 'create', Customer: { DisplayName: n } })),
      },
    });
    const order = r.json.BatchItemResponse.map((x: { bId: string }) => x.bId);
    expect(order).not.toEqual(names.map((_, i) => `b${i}`));
    expect(
      inOrder(
        r,
        names.map((_, i) => `b${i}`),
      ).map((x) => x.Customer.DisplayName),
    ).toEqual(names);
  });
});
