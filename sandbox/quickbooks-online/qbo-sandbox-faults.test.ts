// The simulator's throttling, injected faults and HTTP control surface.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startQboSandbox, type QboSandbox } from './index';
import { accessToken, call, q, startClocked, T0 } from './test-http';

let s: QboSandbox;
let clock = T0;
let token: string;

beforeEach(async () => {
  clock = T0;
  ({ s, token } = await startClocked(() => clock));
});
afterEach(() => s.close());

describe('throttling and faults', () => {
  it('answers 429 in XML past the per-minute limit and when 10 are in flight', async () => {
    await s.close();
    s = await startQboSandbox({ limits: { perMinute: 5, concurrent: 2 } });
    token = await accessToken(s);
    s.faults.add({ kind: 'latency', latencyMs: 150, path: '/query', times: 3 });
    const parallel = await Promise.all([1, 2, 3].map(() => call(s, token, q('select count(*) from Item'))));
    expect(parallel.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    for (let i = 0; i < 3; i++) await call(s, token, q('select count(*) from Item'));
    const over = await call(s, token, q('select count(*) from Item'));
    expect(over.status).toBe(429);
    expect(over.contentType).toContain('xml');
    expect(over.text).toContain(
      '<Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>',
    );
  });

  it('injects 503, and drops the connection after running the write', async () => {
    s.faults.add({ kind: 'status', status: 503, path: '/customer' });
    const r = await call(s, token, 'customer', { body: { DisplayName: 'Down Co' } });
    expect(r.status).toBe(503);
    expect(r.json.Fault.type).toBe('SystemFault');
    s.faults.add({ kind: 'drop', afterWrite: true, path: '/customer' });
    await expect(
      call(s, token, 'customer?requestid=drop-1', { body: { DisplayName: 'Lost Answer Co' } }),
    ).rejects.toThrow();
    expect(
      (await call(s, token, q("select count(*) from Customer where DisplayName = 'Lost Answer Co'"))).json.QueryResponse
        .totalCount,
    ).toBe(1);
  });

  it('reset() brings back the seed; the seed size follows the accounts option', async () => {
    await call(s, token, 'customer', { body: { DisplayName: 'Temp Co' } });
    s.reset();
    token = await accessToken(s);
    expect(
      (await call(s, token, q("select count(*) from Customer where DisplayName = 'Temp Co'"))).json.QueryResponse
        .totalCount,
    ).toBe(0);
    const small = await startQboSandbox({ limits: false, seed: { accounts: 50 } });
    const t = await accessToken(small);
    expect((await call(small, t, q('select count(*) from Customer'))).json.QueryResponse.totalCount).toBe(5);
    await small.close();
  });
});

describe('control surface over HTTP', () => {
  it('takes the Creatio-style fault config and resets the company', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${s.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/__sandbox/faults', { error503: { rate: 1, count: 1 } })).status).toBe(200);
    expect((await call(s, token, q('select count(*) from Item'))).status).toBe(503);
    expect((await call(s, token, q('select count(*) from Item'))).status).toBe(200);
    await call(s, token, 'customer', { body: { DisplayName: 'Gone After Reset' } });
    expect((await post('/__sandbox/reset', {})).status).toBe(200);
    token = await accessToken(s);
    expect(
      (await call(s, token, q("select * from Customer where DisplayName = 'Gone After Reset'"))).json.QueryResponse,
    ).toEqual({});
  });
});

describe('expired-token fault', () => {
  it('hits the very request it matches with the lower-case 401', async () => {
    s.faults.add({ kind: 'expire-token', path: '/query' });
    const r = await call(s, token, q('select count(*) from Item'));
    expect(r.status).toBe(401);
    expect(r.json.fault.error[0].code).toBe('3200');
  });
});
