// QboClient against the sandbox: tokens, queries, errors, writes, query helpers, transactions.
// The governor and the limits are in qbo-client-throttling.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { AWKWARD_NAMES } from '../../../sandbox/demo-data';
import { QboClient } from './qbo-client';
import { parseQboError, QboError } from './qbo-error';
import { qboLiteral, shortRequestId } from './qbo-query';
import { QboTokenSource } from './qbo-tokens';
import { rig, type Rig } from '../../testing/qbo-sandbox';

let r: Rig;
afterEach(() => r?.sandbox.close());

const countNamed = (name: string) =>
  r.client.count('Customer', `DisplayName = ${qboLiteral(name)} AND Active IN (true, false)`);

describe('tokens', () => {
  it('refreshes, hands the rotated refresh token to saveTokens, and the old one is refused later', async () => {
    r = await rig({ refreshRotateMs: 0 }); // the day the refresh token keeps its value has passed
    const old = r.sandbox.refreshToken;
    expect((await r.client.query('select * from Item')).rows.length).toBe(4);
    expect(r.saved).toHaveLength(1);
    expect(r.saved[0].refreshToken).not.toBe(old);
    expect(r.saved[0].accessTokenExpiresAt).toBeGreaterThan(Date.now());
    await new Promise((ok) => setTimeout(ok, 5));
    const stale = QboTokenSource.standalone({
      tokenUrl: r.sandbox.tokenUrl,
      clientId: r.sandbox.clientId,
      clientSecret: r.sandbox.clientSecret,
      realmId: r.sandbox.realmId,
      tokens: { refreshToken: old },
    });
    const err = await stale.accessToken().catch((e) => e);
    expect(err).toBeInstanceOf(QboError);
    expect(err).toMatchObject({ kind: 'auth', code: 'invalid_grant' });
    expect(err.message).toContain('reconnect QuickBooks');
  });

  it('10 concurrent calls on an expired access token share exactly one refresh', async () => {
    r = await rig();
    await r.client.query('select count(*) from Item'); // first refresh
    r.sandbox.faults.expireAccessTokens(); // the server now refuses the token the client still trusts
    const before = r.sandbox.stats.tokenRequests;
    const counts = await Promise.all(Array.from({ length: 10 }, () => r.client.count('Item')));
    expect(counts).toEqual(Array(10).fill(4));
    expect(r.sandbox.stats.tokenRequests - before).toBe(1);
    expect(r.saved).toHaveLength(2);
  });

  it('a client that knows its token is expired also refreshes once for 10 callers', async () => {
    r = await rig({}, { initialTokens: { accessToken: 'at-old', accessTokenExpiresAt: Date.now() - 1000 } });
    await Promise.all(Array.from({ length: 10 }, () => r.client.count('Customer')));
    expect(r.sandbox.stats.tokenRequests).toBe(1);
  });
});

describe('tokens, lost answers', () => {
  it('a refresh whose answer was lost is retried with the same refresh token, which QuickBooks keeps for a day', async () => {
    r = await rig();
    r.sandbox.faults.add({ kind: 'drop', afterWrite: true, path: '/oauth2/v1/tokens/bearer' });
    expect(await r.client.count('Item')).toBe(4);
    expect(r.sandbox.stats.tokenRequests).toBe(2);
    const next = QboTokenSource.standalone({
      tokenUrl: r.sandbox.tokenUrl,
      clientId: r.sandbox.clientId,
      clientSecret: r.sandbox.clientSecret,
      realmId: r.sandbox.realmId,
      tokens: { refreshToken: r.saved.at(-1)!.refreshToken },
    });
    await expect(next.accessToken()).resolves.toMatch(/^at-/);
    expect(r.saved.at(-1)!.refreshToken).toBe(r.sandbox.refreshToken);
  });

  it('a lost answer that carried a new refresh token ends in plain words, not a retry on a grace period', async () => {
    r = await rig({ refreshRotateMs: 0 }); // this refresh rotates; the old token is refused at once, as Intuit documents no grace
    r.sandbox.faults.add({ kind: 'drop', afterWrite: true, path: '/oauth2/v1/tokens/bearer' });
    const err = await r.client.count('Item').catch((e) => e);
    expect(err).toMatchObject({ kind: 'auth', code: 'refresh-lost' });
    expect(err.message).toContain('reconnect QuickBooks in Connections');
    expect(r.sandbox.stats.tokenRequests).toBe(2);
  });
});

describe('queries', () => {
  it('pages through every row exactly once', async () => {
    r = await rig({ seed: { accounts: 3000 } });
    const ids: string[] = [];
    let pages = 0;
    for await (const page of r.client.queryPages('Customer', { pageSize: 64 })) {
      ids.push(...page.map((c) => c.Id!));
      pages++;
    }
    expect(ids.length).toBe(300);
    expect(new Set(ids).size).toBe(300);
    expect(pages).toBe(5);
    expect(await r.client.count('Customer')).toBe(300);
  });

  it('reads CompanyInfo to test a connection', async () => {
    r = await rig();
    expect(await r.client.companyInfo()).toMatchObject({ CompanyName: 'Weft Demo Company', Id: r.sandbox.realmId });
  });

  it('an empty result is an empty list, not an error', async () => {
    r = await rig();
    expect(await r.client.query("select * from Customer where DisplayName = 'Nobody Here'")).toEqual({ rows: [] });
    const pages = [];
    for await (const p of r.client.queryPages('Customer', { where: "DisplayName LIKE 'zzz%'" })) pages.push(p);
    expect(pages).toEqual([]);
  });
});

describe('errors', () => {
  it('parses all three wire shapes into QboError with plain words', async () => {
    r = await rig();
    await r.client.create('Vendor', { DisplayName: 'Taken Name' });
    const dup = await r.client.create('Customer', { DisplayName: 'Taken Name' }).catch((e) => e);
    expect(dup).toMatchObject({ kind: 'duplicate', code: '6240', element: 'DisplayName', status: 400 });
    expect(dup.message).toBe(
      'QuickBooks refused the Customer: the name is already used by another customer, vendor or employee (names must be unique across all three) (code 6240).',
    );

    const base = `${r.sandbox.baseUrl}/v3/company/${r.sandbox.realmId}/query?query=select%20*%20from%20Item`;
    const expired = await fetch(base, { headers: { authorization: 'Bearer at-unknown', accept: 'application/json' } });
    expect(parseQboError(expired.status, await expired.text())).toMatchObject({
      kind: 'auth',
      code: '3200',
      status: 401,
    });

    const token = r.tokens.current.accessToken!;
    r.sandbox.faults.add({ kind: 'throttle', path: '/query' });
    const throttled = await fetch(base, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    expect(parseQboError(throttled.status, await throttled.text())).toMatchObject({
      kind: 'throttle',
      code: '3001',
      detail: 'The request limit was reached.  Try again later',
    });

    // A token of another company: 403 / 3100 AuthorizationFailed, told as the wrong company.
    const other = await r.client
      .count('Item')
      .then(() =>
        new QboClient({
          baseUrl: r.sandbox.baseUrl,
          realmId: r.sandbox.realmIds[1],
          tokens: r.tokens,
          governor: r.client.governor,
        }).count('Item'),
      )
      .catch((e) => e);
    expect(other).toMatchObject({ kind: 'auth', code: '3100', status: 403 });
    expect(other.message).toBe(
      "QuickBooks refused the Item: the QuickBooks sign-in does not belong to this company; check the connection's company (realm) id (code 3100).",
    );
  });

  it('a too-long name fails with the limit in words, and nothing (truncated or not) is created', async () => {
    r = await rig();
    const name = `Long ${'n'.repeat(500)}`;
    const err = await r.client.create('Customer', { DisplayName: name }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'validation', code: '2050', element: 'DisplayName' });
    expect(err.message).toContain('DisplayName is too long: 505 characters, QuickBooks allows at most 500');
    expect(await r.client.count('Customer', "DisplayName LIKE 'Long n%'")).toBe(0);
  });
});

describe('writes', () => {
  it('sparse update recovers from 5010 by re-reading and applying the change once more', async () => {
    r = await rig();
    const c = await r.client.create('Customer', { DisplayName: 'Race Co', CompanyName: 'Race Inc' });
    await r.client.sparseUpdate('Customer', { Id: c.Id!, SyncToken: c.SyncToken!, Notes: 'changed by someone else' });
    const ours = await r.client.sparseUpdate('Customer', {
      Id: c.Id!,
      SyncToken: c.SyncToken!,
      PrimaryPhone: { FreeFormNumber: '+1 555 0100' },
    });
    expect(ours).toMatchObject({
      SyncToken: '2',
      Notes: 'changed by someone else',
      CompanyName: 'Race Inc',
      PrimaryPhone: { FreeFormNumber: '+1 555 0100' },
    });
  });

  it('maps each batch result to its own record when QuickBooks answers in another order', async () => {
    r = await rig({ seed: { accounts: 0 } });
    const names = Array.from({ length: 30 }, (_, i) => `Shuffled ${i}`);
    const results = await r.client.batch(
      names.map((n, i) => ({
        bId: `s${i}`,
        operation: 'create' as const,
        entity: 'Customer',
        body: { DisplayName: n },
      })),
    );
    expect(results.map((x) => (x.ok ? x.object?.DisplayName : x.error.message))).toEqual(names);
    expect(results.map((x) => x.bId)).toEqual(names.map((_, i) => `s${i}`));
  });

  it('a batch reports each item on its own', async () => {
    r = await rig();
    const out = await r.client.batch([
      { bId: '1', operation: 'create', entity: 'Customer', body: { DisplayName: 'Good One' } },
      { bId: '2', operation: 'create', entity: 'Customer', body: { DisplayName: 'Bad: colon' } },
      {
        bId: '3',
        operation: 'create',
        entity: 'Customer',
        body: { DisplayName: 'Good Two', CompanyName: 'c'.repeat(101) },
      },
      { bId: '4', query: 'select count(*) from Customer' },
    ]);
    expect(out[0]).toMatchObject({ ok: true, object: { DisplayName: 'Good One' } });
    expect(out[1]).toMatchObject({ ok: false, error: { code: '2040', element: 'DisplayName' } });
    expect(out[2]).toMatchObject({ ok: false, error: { code: '2050', element: 'CompanyName' } });
    expect(out[3]).toMatchObject({ ok: true, query: { totalCount: 31 } });
    await expect(
      r.client.batch(Array.from({ length: 31 }, (_, i) => ({ bId: String(i), query: 'select * from Item' }))),
    ).rejects.toThrow(/at most 30/);
  });

  it("sends an item's body as the JSON its caller made (a sink's write key made it already)", async () => {
    r = await rig({ seed: { accounts: 0 } });
    const json = JSON.stringify({ DisplayName: 'Made Once Co', Notes: 'Déjà "quoted" <b>' });
    const out = await r.client.batch([
      // The body is left empty here to show which one goes out; a sink gives both, the same.
      { bId: 'j', operation: 'create', entity: 'Customer', body: {}, json },
      { bId: 'o', operation: 'create', entity: 'Customer', body: { DisplayName: 'As Object Co' } },
    ]);
    expect(out[0]).toMatchObject({ ok: true, object: { DisplayName: 'Made Once Co', Notes: 'Déjà "quoted" <b>' } });
    expect(out[1]).toMatchObject({ ok: true, object: { DisplayName: 'As Object Co' } });
  });

  it('a retry after a dropped answer returns the original result: no duplicate customer', async () => {
    r = await rig();
    r.sandbox.faults.add({ kind: 'drop', afterWrite: true, path: '/customer' });
    const c = await r.client.create('Customer', { DisplayName: 'Dropped Once Co' }, { requestId: 'effect-123' });
    expect(c.DisplayName).toBe('Dropped Once Co');
    expect(await countNamed('Dropped Once Co')).toBe(1);
    r.sandbox.faults.add({ kind: 'drop', afterWrite: true, path: '/batch' });
    const b = await r.client.batch(
      [{ bId: 'x', operation: 'create', entity: 'Customer', body: { DisplayName: 'Dropped Batch Co' } }],
      { requestId: 'batch-1' },
    );
    expect(b[0].ok).toBe(true);
    expect(await countNamed('Dropped Batch Co')).toBe(1);
  });

  it("gives up a request that gets no answer within its timeout (Intuit's 120 s, shortened here) and says so", async () => {
    r = await rig();
    await r.client.count('Item'); // signed in, with the default timeout
    const impatient = new QboClient({
      baseUrl: r.sandbox.baseUrl,
      realmId: r.sandbox.realmId,
      tokens: r.tokens,
      governor: r.client.governor,
      timeoutMs: 800,
      retries: 1,
      backoffMs: 20,
    });
    r.sandbox.faults.add({ kind: 'latency', latencyMs: 5000, path: '/query', times: 2 });
    const err = await impatient.count('Item').catch((e) => e);
    expect(err).toMatchObject({ kind: 'network' });
    expect(err.message).toBe(
      'QuickBooks refused the Item: QuickBooks could not be reached (no answer within 800 ms) (code network).',
    );
  });

  it('awkward names and notes round-trip byte for byte', async () => {
    r = await rig({ seed: { accounts: 0 } });
    const names = [...AWKWARD_NAMES, 'Back\\slash \'single\' "double"', 'Emoji 🚀 Ltd', 'Tab-free #hash %percent'];
    for (const name of names) {
      const created = await r.client.create('Customer', { DisplayName: name, Notes: `${name} — <tags> & "quotes"` });
      const read = await r.client.read('Customer', created.Id!);
      expect(read.DisplayName).toBe(name);
      expect(read.Notes).toBe(`${name} — <tags> & "quotes"`);
      const found = await r.client.query(`select * from Customer where DisplayName = ${qboLiteral(name)}`);
      expect(found.rows.map((x) => x.Id)).toEqual([created.Id]);
    }
  });
});

describe('query helpers', () => {
  it('escapes quotes and backslashes only', () => {
    expect(qboLiteral("O'Brien's \\ 100% & <b>")).toBe("'O\\'Brien\\'s \\\\ 100% & <b>'");
  });

  it('shortens idempotency keys deterministically to the batch limit', async () => {
    const long = 'flow-1:node-sink:creatio:Account:8f9c3c1e-0000-4000-8000-000000000001';
    const a = await shortRequestId(long, 36);
    expect(a).toHaveLength(36);
    expect(await shortRequestId(long, 36)).toBe(a);
    expect(await shortRequestId(`${long}x`, 36)).not.toBe(a);
    expect(await shortRequestId('short-key', 36)).toBe('short-key');
  });
});

describe('transactions', () => {
  it('voids and deletes an invoice; CDC reports the deletion', async () => {
    r = await rig();
    const since = new Date(Date.now() - 60_000);
    const line = {
      DetailType: 'SalesItemLineDetail',
      Amount: 250,
      SalesItemLineDetail: { ItemRef: { value: '3' }, Qty: 1, UnitPrice: 250 },
    };
    const a = await r.client.create('Invoice', { CustomerRef: { value: '2' }, Line: [line] });
    const voided = await r.client.void('Invoice', { Id: a.Id!, SyncToken: a.SyncToken! });
    expect(voided).toMatchObject({ TotalAmt: 0, Balance: 0 });
    const b = await r.client.create('Invoice', { CustomerRef: { value: '2' }, Line: [line] });
    expect(await r.client.delete('Invoice', { Id: b.Id!, SyncToken: b.SyncToken! })).toMatchObject({
      status: 'Deleted',
      Id: b.Id,
    });
    const changes = await r.client.cdc(['Invoice', 'Customer'], since);
    expect(changes.Invoice.map((x) => [x.Id, x.status ?? 'live'])).toEqual([
      [a.Id, 'live'],
      [b.Id, 'Deleted'],
    ]);
    expect(changes.Customer).toEqual([]);
  });
});
