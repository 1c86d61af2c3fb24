// The simulator over real HTTP: OAuth and the query language. Writes, batch and CDC are in
// qbo-sandbox-writes.test.ts; throttling, faults and the control surface in qbo-sandbox-faults.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoAccount, isAlreadyInQuickBooks } from '../demo-data';
import type { QboSandbox } from './index';
import { accessToken, call, q, startClocked, T0, tokenCall } from './test-http';

let s: QboSandbox;
let clock = T0;
let token: string;

beforeEach(async () => {
  clock = T0;
  ({ s, token } = await startClocked(() => clock));
});
afterEach(() => s.close());

describe('OAuth', () => {
  it('authorize redirects with code, state and realmId; the code works once', async () => {
    const res = await fetch(
      `${s.authorizeUrl}?client_id=${s.clientId}&redirect_uri=${encodeURIComponent('http://app.test/cb')}` +
        '&state=xyz&scope=com.intuit.quickbooks.accounting&response_type=code',
      { redirect: 'manual' },
    );
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin + to.pathname).toBe('http://app.test/cb');
    expect(to.searchParams.get('state')).toBe('xyz');
    expect(to.searchParams.get('realmId')).toBe(s.realmId);
    const form = {
      grant_type: 'authorization_code',
      code: to.searchParams.get('code')!,
      redirect_uri: 'http://app.test/cb',
    };
    const first = await tokenCall(s, form);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8726400 });
    expect((await tokenCall(s, form)).body).toEqual({ error: 'invalid_grant' });
  });

  it('keeps the refresh token for a day while its countdown runs, then rotates; the old one is refused at once', async () => {
    // intuit/oauth-jsclient#74: the same refresh token comes back for ~24 h, x_refresh_token_expires_in counting down.
    const a = await tokenCall(s, { grant_type: 'refresh_token', refresh_token: s.refreshToken });
    expect(a.body).toMatchObject({ refresh_token: s.refreshToken, x_refresh_token_expires_in: 8726400 });
    clock += 3_600_000;
    const b = await tokenCall(s, { grant_type: 'refresh_token', refresh_token: s.refreshToken });
    expect(b.body).toMatchObject({ refresh_token: s.refreshToken, x_refresh_token_expires_in: 8726400 - 3600 });
    expect(b.body.access_token).not.toBe(a.body.access_token);
    clock += 86_400_000;
    const c = await tokenCall(s, { grant_type: 'refresh_token', refresh_token: s.refreshToken });
    expect(c.body.refresh_token).not.toBe(s.refreshToken);
    expect(c.body.x_refresh_token_expires_in).toBe(8726400);
    // No grace for the token it replaced: Intuit documents none for what an old token answers.
    expect(await tokenCall(s, { grant_type: 'refresh_token', refresh_token: s.refreshToken })).toEqual({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(
      (await tokenCall(s, { grant_type: 'refresh_token', refresh_token: c.body.refresh_token })).body.refresh_token,
    ).toBe(c.body.refresh_token);
    expect((await tokenCall(s, { grant_type: 'refresh_token', refresh_token: 'rt-nonsense' })).body).toEqual({
      error: 'invalid_grant',
    });
    expect(
      (await tokenCall(s, { grant_type: 'refresh_token', refresh_token: c.body.refresh_token }, 'wrong')).status,
    ).toBe(401);
  });

  it('a refresh token dies when its countdown ends', async () => {
    clock += 8726400 * 1000;
    expect(await tokenCall(s, { grant_type: 'refresh_token', refresh_token: s.refreshToken })).toEqual({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('revoking a token ends the grant: refresh gives invalid_grant, API calls 401', async () => {
    const pair = await tokenCall(s, { grant_type: 'refresh_token', refresh_token: s.refreshToken });
    const basic = `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}`;
    const res = await fetch(`${s.baseUrl}/oauth2/v1/tokens/revoke`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ token: pair.body.refresh_token }),
    });
    expect(res.status).toBe(200);
    expect((await tokenCall(s, { grant_type: 'refresh_token', refresh_token: pair.body.refresh_token })).body).toEqual({
      error: 'invalid_grant',
    });
    expect((await call(s, pair.body.access_token, 'companyinfo/' + s.realmId)).status).toBe(401);
  });

  it('an expired access token gets 401 with the lower-case fault shape', async () => {
    clock += 3_600_001;
    const r = await call(s, token, q('select * from Customer'));
    expect(r.status).toBe(401);
    expect(r.json.fault.error[0]).toMatchObject({
      code: '3200',
      message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
    });
    expect(r.json.fault.type).toBe('AUTHENTICATION');
    expect(typeof r.json.time).toBe('number');
  });

  it('a token of one company used on another gets 403, code 3100 AuthorizationFailed', async () => {
    const r = await call(s, token, q('select * from Customer'), { realmId: s.realmIds[1] });
    expect(r.status).toBe(403);
    expect(r.json.fault).toEqual({
      error: [
        {
          message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403',
          detail: null,
          code: '3100',
          element: null,
        },
      ],
      type: 'SERVICE',
    });
  });
});

describe('query language', () => {
  it('returns the envelope, the empty envelope and counts; seeds the demo customers', async () => {
    const seeded = Array.from({ length: 300 }, (_, i) => i).filter(isAlreadyInQuickBooks);
    expect((await call(s, token, q('select count(*) from Customer'))).json.QueryResponse).toEqual({
      totalCount: seeded.length,
    });
    const r = await call(s, token, q('SELECT * FROM Customer ORDERBY Id STARTPOSITION 2 MAXRESULTS 3'));
    expect(r.json.QueryResponse).toMatchObject({ startPosition: 2, maxResults: 3 });
    expect(r.json.QueryResponse.Customer.map((c: any) => c.Id)).toEqual(['2', '3', '4']);
    expect(r.json.QueryResponse.Customer[0].DisplayName).toBe(demoAccount(seeded[1]).name);
    expect(r.json.time).toMatch(/^2026-07-01T05:00:00\.000-07:00$/);
    expect((await call(s, token, q("select * from Customer where DisplayName = 'Nobody'"))).json.QueryResponse).toEqual(
      {},
    );
    const posted = await call(s, token, 'query', { text: "select * from Item where Name LIKE 'Serv%'" });
    expect(posted.json.QueryResponse.Item.map((i: any) => i.Name)).toEqual(['Services']);
  });

  it('refuses MAXRESULTS over 1000 (4001), it does not cut it down', async () => {
    const r = await call(s, token, q('select * from Customer startposition 1 maxresults 1001'));
    expect(r.status).toBe(400);
    expect(r.json.Fault.Error[0]).toMatchObject({
      code: '4001',
      Detail: 'QueryValidationError: value 1001 is too large. Max allowed value is 1000',
    });
    expect((await call(s, token, q('select * from Customer maxresults 1000'))).status).toBe(200);
  });

  it('refuses OR, unknown entities and non-queryable fields', async () => {
    const or = await call(s, token, q("select * from Customer where DisplayName = 'a' OR Id = '1'"));
    expect(or.status).toBe(400);
    expect(or.json.Fault.Error[0].code).toBe('4000');
    expect((await call(s, token, q('select * from customer'))).json.Fault.Error[0].code).toBe('4001');
    expect((await call(s, token, q("select * from Customer where Notes = 'x'"))).json.Fault.Error[0].code).toBe('4001');
  });

  it('hides inactive names unless the query asks about Active; escapes quotes', async () => {
    await call(s, token, 'customer', { body: { DisplayName: "O'Hara Gone", Active: false } });
    expect(
      (await call(s, token, q("select * from Customer where DisplayName = 'O\\'Hara Gone'"))).json.QueryResponse,
    ).toEqual({});
    const both = await call(
      s,
      token,
      q("select * from Customer where DisplayName IN ('O\\'Hara Gone') AND Active IN (true, false)"),
    );
    expect(both.json.QueryResponse.Customer[0].DisplayName).toBe("O'Hara Gone");
    expect(
      (await call(s, token, q('select count(*) from Customer where Active = false'))).json.QueryResponse.totalCount,
    ).toBe(1);
  });

  it('filters on MetaData.LastUpdatedTime with the company offset', async () => {
    clock += 86_400_000;
    token = await accessToken(s);
    await call(s, token, 'customer', { body: { DisplayName: 'Fresh Co' } });
    const r = await call(
      s,
      token,
      q("select * from Customer where MetaData.LastUpdatedTime > '2026-07-01T12:00:00-07:00'"),
    );
    expect(r.json.QueryResponse.Customer.map((c: any) => c.DisplayName)).toEqual(['Fresh Co']);
    expect(r.json.QueryResponse.Customer[0].MetaData.LastUpdatedTime).toBe('2026-07-02T05:00:00-07:00');
  });
});
