import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoAccount, isAlreadyInQuickBooks } from '../demo-data';
import { startQboSandbox, type QboSandbox } from './index';
import { accessToken, call, inOrder, q, tokenCall } from './test-http';

let s: QboSandbox;
let clock = Date.UTC(2026, 6, 1, 12, 0, 0);
let token: string;

beforeEach(async () => {
  clock = Date.UTC(2026, 6, 1, 12, 0, 0);
  s = await startQboSandbox({ limits: false, now: () => clock, accessTokenTtlMs: 3_600_000 });
  token = await accessToken(s);
});
afterEach(() => s.close());

describe('OAuth', () => {
  it('authorize redirects with code, state and realmId; the code works once', async () => {
    const res = await fetch(
      `${s.authorizeUrl}?client_id=${s.clientId}&redirect_uri=${encodeURIComponent('http://app.test/cb')}&state=xyz&scope=com.intuit.quickbooks.accounting&response_type=code`,
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

describe('writes', () => {
  it('full update wipes omitted fields, sparse keeps them, SyncToken must be current (5010)', async () => {
    const c = (
      await call(s, token, 'customer', { body: { DisplayName: 'Wipe Co', CompanyName: 'Wipe Inc', Notes: 'keep?' } })
    ).json.Customer;
    expect(c.SyncToken).toBe('0');
    const sparse = (
      await call(s, token, 'customer', { body: { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'changed' } })
    ).json.Customer;
    expect(sparse).toMatchObject({ CompanyName: 'Wipe Inc', Notes: 'changed', SyncToken: '1' });
    const full = (await call(s, token, 'customer', { body: { Id: c.Id, SyncToken: '1', DisplayName: 'Wipe Co' } })).json
      .Customer;
    expect(full.CompanyName).toBeUndefined();
    expect(full.Notes).toBeUndefined();
    expect(full.SyncToken).toBe('2');
    const stale = await call(s, token, 'customer', { body: { Id: c.Id, SyncToken: '1', sparse: true, Notes: 'late' } });
    expect(stale.status).toBe(400);
    expect(stale.json.Fault.Error[0]).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
  });

  it('enforces Customer name rules with the real codes', async () => {
    await call(s, token, 'vendor', { body: { DisplayName: 'Shared Name' } });
    const dup = await call(s, token, 'customer', { body: { DisplayName: 'shared name ' } });
    expect(dup.json.Fault.Error[0]).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
    expect(dup.json.Fault.Error[0].Detail).toContain('Another vendor is already using this name');
    expect((await call(s, token, 'customer', { body: { DisplayName: 'Parent:Child' } })).json.Fault.Error[0].code).toBe(
      '2040',
    );
    const long = await call(s, token, 'customer', { body: { DisplayName: 'x'.repeat(501) } });
    expect(long.json.Fault.Error[0]).toMatchObject({ code: '2050', element: 'DisplayName' });
    expect(long.json.Fault.Error[0].Detail).toContain('Max:500 supplied:501');
    expect(
      (await call(s, token, 'customer', { body: { DisplayName: 'X', Colour: 'red' } })).json.Fault.Error[0],
    ).toMatchObject({ code: '2010', element: 'Colour' });
    expect((await call(s, token, 'customer', { body: { CompanyName: 'Nameless' } })).json.Fault.Error[0].code).toBe(
      '6080',
    );
    expect(
      (await call(s, token, 'customer', { body: { GivenName: 'Ada', FamilyName: 'Lovelace' } })).json.Customer
        .DisplayName,
    ).toBe('Ada Lovelace');
    const del = await call(s, token, 'customer?operation=delete', { body: { Id: '1', SyncToken: '0' } });
    expect(del.json.Fault.Error[0].code).toBe('500');
    expect((await call(s, token, 'customer/99999')).json.Fault.Error[0].code).toBe('610');
  });

  it('computes invoice totals, checks Qty × UnitPrice, applies payments to balances', async () => {
    const line = (amount: number, qty: number) => ({
      DetailType: 'SalesItemLineDetail',
      Amount: amount,
      SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: qty, UnitPrice: 100 },
    });
    expect(
      (await call(s, token, 'invoice', { body: { CustomerRef: { value: '5' }, Line: [line(150, 2)] } })).json.Fault
        .Error[0].code,
    ).toBe('6070');
    expect(
      (
        await call(s, token, 'invoice', {
          body: { CustomerRef: { value: '5' }, Line: [line(200, 2)], DocNumber: 'D'.repeat(22) },
        })
      ).json.Fault.Error[0].code,
    ).toBe('2050');
    const inv = (
      await call(s, token, 'invoice', { body: { CustomerRef: { value: '5' }, Line: [line(200, 2), line(300, 3)] } })
    ).json.Invoice;
    expect(inv).toMatchObject({ TotalAmt: 500, Balance: 500 });
    expect(inv.Line.at(-1)).toEqual({ Amount: 500, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
    await call(s, token, 'payment', {
      body: {
        CustomerRef: { value: '5' },
        TotalAmt: 120,
        Line: [{ Amount: 120, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
      },
    });
    expect((await call(s, token, `invoice/${inv.Id}`)).json.Invoice.Balance).toBe(380);
    expect((await call(s, token, 'customer/5')).json.Customer.Balance).toBe(380);
  });

  it('replays a repeated requestid without running it again', async () => {
    const first = await call(s, token, 'customer?requestid=req-1', { body: { DisplayName: 'Once Only' } });
    const writes = s.stats.writes;
    const again = await call(s, token, 'customer?requestid=req-1', { body: { DisplayName: 'Once Only' } });
    expect(again.json.Customer).toEqual(first.json.Customer);
    expect(s.stats.writes).toBe(writes);
    expect(
      (await call(s, token, q("select count(*) from Customer where DisplayName = 'Once Only'"))).json.QueryResponse
        .totalCount,
    ).toBe(1);
  });

  it('replays a repeated batch requestid whole: the first answer, its failures included, and nothing runs again', async () => {
    const items = [
      { bId: 'a', operation: 'create', Customer: { DisplayName: 'Replayed Batch Co' } },
      { bId: 'b', operation: 'create', Customer: { DisplayName: 'Replayed Batch Co' } }, // 6240: the name is taken by a
    ];
    const first = await call(s, token, 'batch?requestid=batch-r1', { body: { BatchItemRequest: items } });
    expect(
      inOrder(first, ['a', 'b']).map((x: { bId: string; Fault?: { Error: { code: string }[] } }) => [
        x.bId,
        x.Fault?.Error[0].code ?? 'ok',
      ]),
    ).toEqual([
      ['a', 'ok'],
      ['b', '6240'],
    ]);
    const writes = s.stats.writes;
    // Same requestid, other items: QuickBooks answers as the first time (reference B1) and writes nothing.
    const again = await call(s, token, 'batch?requestid=batch-r1', {
      body: { BatchItemRequest: [{ bId: 'c', operation: 'create', Customer: { DisplayName: 'Never Written Co' } }] },
    });
    expect(again.json.BatchItemResponse).toEqual(first.json.BatchItemResponse);
    expect(typeof again.json.time).toBe('string');
    expect(s.stats.writes).toBe(writes);
    expect(
      (await call(s, token, q("select count(*) from Customer where DisplayName = 'Never Written Co'"))).json
        .QueryResponse.totalCount,
    ).toBe(0);
  });

  it('batch: at most 30 items (1040); items fail alone', async () => {
    const many = Array.from({ length: 31 }, (_, i) => ({
      bId: String(i),
      operation: 'create',
      Customer: { DisplayName: `B${i}` },
    }));
    expect((await call(s, token, 'batch', { body: { BatchItemRequest: many } })).json.Fault.Error[0].code).toBe('1040');
    const r = await call(s, token, 'batch', {
      body: {
        BatchItemRequest: [
          { bId: 'a', operation: 'create', Customer: { DisplayName: 'Batch One' } },
          { bId: 'b', operation: 'create', Customer: { DisplayName: 'Batch One' } },
          { bId: 'c', Query: 'select count(*) from Item' },
        ],
      },
    });
    expect(r.status).toBe(200);
    const [a, b, c] = inOrder(r, ['a', 'b', 'c']);
    expect(r.json.BatchItemResponse).toHaveLength(3);
    expect(a.Customer.DisplayName).toBe('Batch One');
    expect(b).toMatchObject({ bId: 'b', Fault: { type: 'ValidationFault', Error: [{ code: '6240' }] } });
    expect(c.QueryResponse.totalCount).toBe(4);
  });

  it('CDC returns changes and deletions within 30 days', async () => {
    await call(s, token, 'customer', { body: { DisplayName: 'Changed Lately' } });
    const inv = (
      await call(s, token, 'invoice', {
        body: {
          CustomerRef: { value: '5' },
          Line: [
            {
              DetailType: 'SalesItemLineDetail',
              Amount: 100,
              SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 100 },
            },
          ],
        },
      })
    ).json.Invoice;
    await call(s, token, 'invoice?operation=delete', { body: { Id: inv.Id, SyncToken: inv.SyncToken } });
    const r = await call(
      s,
      token,
      `cdc?entities=Customer,Invoice&changedSince=${encodeURIComponent('2026-06-30T00:00:00-07:00')}`,
    );
    const [customers, invoices] = r.json.CDCResponse[0].QueryResponse;
    expect(customers.Customer.map((c: any) => c.DisplayName)).toEqual(['Changed Lately']);
    expect(invoices.Invoice).toEqual([
      { Id: inv.Id, status: 'Deleted', domain: 'QBO', MetaData: { LastUpdatedTime: '2026-07-01T05:00:00-07:00' } },
    ]);
    const old = await call(
      s,
      token,
      `cdc?entities=Customer&changedSince=${encodeURIComponent('2026-05-01T00:00:00Z')}`,
    );
    expect(old.status).toBe(400);
    expect(old.json.Fault.Error[0].Detail).toBe(
      'Operation cdc with changedSince date 2026-05-01T00:00:00Z which is older than fixed days is not supported.',
    );
    expect(
      (
        await call(
          s,
          token,
          `cdc?entities=TimeActivity&changedSince=${encodeURIComponent('2026-06-30T00:00:00-07:00')}`,
        )
      ).status,
    ).toBe(400);
  });

  it('CDC answers at most 1000 objects, shared by the entities asked for, oldest changes first', async () => {
    for (let i = 0; i < 1005; i++)
      s.store.insert(s.realmId, 'Vendor', { DisplayName: `Vendor ${i}` }, `Vendor ${i}`, clock + i * 1000);
    await call(s, token, 'customer', { body: { DisplayName: 'Changed Lately' } });
    const r = await call(
      s,
      token,
      `cdc?entities=Vendor,Customer&changedSince=${encodeURIComponent('2026-06-30T00:00:00-07:00')}`,
    );
    const [vendors, customers] = r.json.CDCResponse[0].QueryResponse;
    expect(vendors.Vendor).toHaveLength(1000);
    expect(vendors.Vendor[999].DisplayName).toBe('Vendor 999');
    expect(customers).toEqual({});
  });
});

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
