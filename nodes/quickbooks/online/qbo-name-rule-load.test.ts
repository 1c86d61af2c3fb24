// The name rules on a bulk load (issue 14): source records whose names all differ,
// bound by name against QuickBooks Online in pages of 200. QuickBooks' query language has no
// OR, so each distinctive word is one query; the queries of a page go out together in batch
// calls (30 queries each, Intuit's batch limit) instead of one HTTP request per word. Timed
// against the sandbox, the rate limits' waits counted on a virtual clock (the governor's).
// 2,000 records here; WEFT_NAME_LOAD=10000 measures the bulk load of the figures in qbo-candidates.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rig, virtualClock, type Rig } from '../../testing/qbo-sandbox';
import { findByNormalisedName, PLAIN_QUERIES } from './qbo-candidates';

const RECORDS = Number(process.env.WEFT_NAME_LOAD ?? 2_000);
const PAGE = 200;
const name = (i: number) => `Norwood${i} Supply Co`;

let q: Rig;
let clock: ReturnType<typeof virtualClock>;
beforeAll(async () => {
  clock = virtualClock(Date.now());
  q = await rig({ seed: { accounts: 0 } }, { clock });
  // Every 100th source name is already in QuickBooks, spelt differently.
  for (let i = 0; i < RECORDS; i += 100) await q.client.create('Customer', { DisplayName: name(i).toUpperCase() });
}, 120_000);
afterAll(() => q?.sandbox.close());

describe('name binding on a bulk load', () => {
  it('asks QuickBooks for a page of names in a few requests, and finds every one that is there', async () => {
    const before = q.sandbox.stats.requests;
    const sleptBefore = clock.slept.reduce((a, b) => a + b, 0);
    const started = performance.now();
    let found = 0;
    for (let p = 0; p < RECORDS; p += PAGE) {
      const names = Array.from({ length: PAGE }, (_, i) => name(p + i));
      found += (await findByNormalisedName(q.client, 'Customer', 'DisplayName', names, ['co'])).size;
    }
    const ms = Math.round(performance.now() - started);
    const requests = q.sandbox.stats.requests - before;
    const waited = clock.slept.reduce((a, b) => a + b, 0) - sleptBefore;
    console.log(
      `name rule, ${RECORDS} records in pages of ${PAGE}: ${requests} requests, ${ms} ms against the sandbox, ` +
        `rate-limit waits ${Math.round(waited / 1000)} s`,
    );
    expect(found).toBe(RECORDS / 100);
    // One batch call per 30 distinct words (a page of 200 names: 7), never one request per word.
    expect(requests).toBe((RECORDS / PAGE) * Math.ceil(PAGE / 30));
  }, 1_200_000);

  it("asks a page of names sharing a few words in plain queries, leaving the batch calls to the sink's writes", async () => {
    // A company's customers often share their longest word ("… Holdings", "… Logistics"): 200 names, 3 words.
    const words = ['Holdings', 'Logistics', 'Provisions'];
    const names = Array.from({ length: 200 }, (_, i) => `Ace ${words[i % 3]} ${i}`);
    await q.client.create('Customer', { DisplayName: 'ACE LOGISTICS 7' });
    const batch = q.client.batch.bind(q.client);
    let batchCalls = 0;
    q.client.batch = (...args: Parameters<typeof batch>) => {
      batchCalls++;
      return batch(...args);
    };
    const before = q.sandbox.stats.requests;
    try {
      const found = await findByNormalisedName(q.client, 'Customer', 'DisplayName', names, ['co']);
      expect([...found.values()].flat().map((r) => r.DisplayName)).toEqual(['ACE LOGISTICS 7']);
    } finally {
      q.client.batch = batch;
    }
    expect(batchCalls).toBe(0);
    expect(q.sandbox.stats.requests - before).toBe(words.length);
    expect(words.length).toBeLessThanOrEqual(PLAIN_QUERIES);
  });
});
