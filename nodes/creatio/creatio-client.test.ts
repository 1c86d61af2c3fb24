// The connector against the simulator over real HTTP (port 0).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AWKWARD_NAMES, prng } from '../../sandbox/demo-data';
import { seededModifiedOn, startCreatioSandbox, type CreatioSandbox } from '../../sandbox/creatio/index';
import { CreatioClient, type CreatioClientOptions, type Row } from './creatio-client';
import { creatioSettingsSchema } from './creatio-connection';
import { CreatioError } from './creatio-error';
import { odataString } from './odata-literal';

let sb: CreatioSandbox;
const FAST = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const client = (o: Partial<CreatioClientOptions> = {}) =>
  new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password, retry: FAST, ...o });
const caught = async (p: Promise<unknown>): Promise<CreatioError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CreatioError);
    return e as CreatioError;
  }
  throw new Error('expected a CreatioError');
};

beforeAll(async () => {
  sb = await startCreatioSandbox({ seed: { accounts: 120 } });
});
afterAll(() => sb.close());
afterEach(() => sb.reset());

describe('sign-in', () => {
  it('signs in with forms auth and reads', async () => {
    expect(await client().count('Account')).toBe(120);
  });

  it('reports a wrong password as an auth error naming the user', async () => {
    const e = await caught(client({ password: 'nope' }).count('Account'));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/refused the sign-in of user 'Supervisor'.*password/);
  });

  it('signs in again by itself when the session expires', async () => {
    const c = client();
    expect(await c.count('Account')).toBe(120);
    sb.expireSessions();
    expect(await c.count('Account')).toBe(120);
    sb.faults.set({ expiredSession: { rate: 1, count: 1 } });
    expect(await c.count('Account')).toBe(120);
    expect(sb.faults.injected.expiredSession).toBe(1);
  });

  it('signs in once for many parallel calls that all found the session expired', async () => {
    let logins = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes('AuthService.svc/Login')) logins++;
      return fetch(input, init);
    };
    const c = client({ fetch: counting });
    await c.login();
    sb.expireSessions();
    const counts = await Promise.all(Array.from({ length: 6 }, () => c.count('Account')));
    expect(counts).toEqual(Array(6).fill(120));
    expect(logins).toBe(2);
  });

  it('uses OAuth client credentials from the Identity Service (its own host) and the .NET Core /odata path', async () => {
    const oauth = {
      baseUrl: sb.baseUrl,
      authKind: 'oauth' as const,
      clientId: sb.clientId,
      clientSecret: sb.clientSecret,
      tokenUrl: sb.tokenUrl,
    };
    const c = new CreatioClient({ ...oauth, odataPath: '/odata' });
    expect(await c.count('Account')).toBe(120);
    sb.expireSessions(); // the token is refused from now on: a new one is fetched
    expect(await c.count('Account')).toBe(120);
    const bad = new CreatioClient({ ...oauth, clientSecret: 'x' });
    expect((await caught(bad.count('Account'))).message).toMatch(/refused client 'weft-sandbox' \(invalid_client\)/);
    // The token URL is not the site's: on Creatio cloud it is https://<site>-is.creatio.com/connect/token.
    const { tokenUrl: _, ...derived } = oauth;
    expect(creatioSettingsSchema.safeParse(derived).error?.issues[0]).toMatchObject({
      path: ['tokenUrl'],
      message: expect.stringMatching(/-is\.creatio\.com\/connect\/token/),
    });
    expect(creatioSettingsSchema.safeParse(oauth).success).toBe(true);
    expect((await caught(new CreatioClient(derived).count('Account'))).message).toMatch(
      /has no token URL for client 'weft-sandbox'/,
    );
  });
});

describe('paging', () => {
  it('pages return every record exactly once', async () => {
    const ids: string[] = [];
    for await (const rows of client().pages('Account', { select: ['Id'], pageSize: 7 }))
      ids.push(...rows.map((r) => String(r.Id)));
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
  });

  it('follows @odata.nextLink when the server caps pages, in both readers', async () => {
    const capped = await startCreatioSandbox({ seed: { accounts: 23 }, maxPageSize: 4 });
    try {
      const c = new CreatioClient({ baseUrl: capped.baseUrl, username: capped.username, password: capped.password });
      const ids: string[] = [];
      for await (const rows of c.pages('Account', { select: ['Id'], pageSize: 10 }))
        ids.push(...rows.map((r) => String(r.Id)));
      expect(new Set(ids).size).toBe(23);
      expect(ids).toHaveLength(23);
      const keyed: string[] = [];
      for await (const p of c.keysetPages('Account', { select: ['Id'], pageSize: 10 }))
        keyed.push(...p.rows.map((r) => String(r.Id)));
      expect(new Set(keyed).size).toBe(23);
    } finally {
      await capped.close();
    }
  });

  it('keyset reading never skips a record changed while paging', async () => {
    const c = client();
    const seen = new Map<string, number>();
    let touched = '';
    let page = 0;
    for await (const { rows } of c.keysetPages('Account', { select: ['Name'], pageSize: 10 })) {
      rows.forEach((r) => seen.set(String(r.Id), (seen.get(String(r.Id)) ?? 0) + 1));
      if (page++ === 2) {
        // A record already read moves to the end: with $skip every later record would
        // shift one place back and one of them would never be read.
        touched = String(rows[0].Id);
        await c.update('Account', touched, { Notes: 'changed while paging' });
      }
    }
    expect(seen.size).toBe(120);
    for (const [id, n] of seen) expect(n, id).toBe(id === touched ? 2 : 1);
  });

  it('keyset reading ends with the latest version of every record under random edits and inserts', async () => {
    const c = client();
    const random = prng(7);
    const lastSeen = new Map<string, string>();
    let page = 0;
    let inserted = 0;
    for await (const { rows } of c.keysetPages('Account', { select: ['Name'], pageSize: 9 })) {
      rows.forEach((r) => lastSeen.set(String(r.Id), String(r.ModifiedOn)));
      if (++page > 12) continue; // stop editing so the reader can finish
      const all = (await c.list('Account', { select: ['Id'], orderby: 'Id' })).value;
      for (let k = 0; k < 3; k++)
        await c.update('Account', String(all[Math.floor(random() * all.length)].Id), { Notes: `edit ${page}.${k}` });
      await c.create('Account', { Name: `Inserted while paging ${page}` });
      inserted++;
    }
    const final = (await c.list('Account', { select: ['Id', 'ModifiedOn'] })).value;
    expect(inserted).toBe(12);
    expect(final.length).toBe(120 + 12);
    for (const r of final) expect(lastSeen.get(String(r.Id)), String(r.Id)).toBe(r.ModifiedOn);
  });

  it('a $skip reader is shown to skip in the same situation (why keyset exists)', async () => {
    const c = client();
    const seen = new Set<string>();
    let page = 0;
    for await (const rows of c.pages('Account', { select: ['Id'], orderby: 'ModifiedOn,Id', pageSize: 10 })) {
      rows.forEach((r) => seen.add(String(r.Id)));
      if (page++ === 2) await c.update('Account', String(rows[0].Id), { Notes: 'changed while paging' });
    }
    expect(seen.size).toBe(119);
  });

  it('continues exactly after a watermark that falls between two records with the same timestamp', async () => {
    const c = client();
    const tie = (
      await c.list('Account', { filter: `ModifiedOn eq ${seededModifiedOn(40)}`, orderby: 'Id', select: ['Id'] })
    ).value;
    expect(tie).toHaveLength(2);
    const from = async (after: string) => {
      const out: Row[] = [];
      for await (const p of c.keysetPages('Account', { after, select: ['Id'], pageSize: 50 })) out.push(...p.rows);
      return out;
    };
    const afterFirst = await from(`${seededModifiedOn(40)}|${tie[0].Id}`);
    expect(afterFirst[0].Id).toBe(tie[1].Id);
    expect(afterFirst).toHaveLength(120 - 41);
    const afterStamp = await from(seededModifiedOn(40));
    expect(afterStamp).toHaveLength(120 - 42);
    expect(afterStamp.some((r) => r.Id === tie[1].Id)).toBe(false);
  });
});

describe('writes and batch', () => {
  it('creates, updates, reads and deletes a record', async () => {
    const c = client();
    const rec = await c.create('Contact', { Name: 'Ada Lovelace', Email: 'ada@example.test' });
    expect(rec.Id).toMatch(/^[0-9a-f-]{36}$/);
    await c.update('Contact', String(rec.Id), { JobTitle: 'Analyst' });
    expect((await c.get('Contact', String(rec.Id), { select: ['JobTitle'] })).JobTitle).toBe('Analyst');
    await c.delete('Contact', String(rec.Id));
    const e = await caught(c.get('Contact', String(rec.Id)));
    expect(e.kind).toBe('not-found');
  });

  it('round-trips awkward names byte for byte, and finds them by an escaped filter', async () => {
    const c = client();
    for (const name of [
      ...AWKWARD_NAMES,
      'Emoji 🚀 & 100% #tag',
      'Zoë\'s "Ça va" <b>',
      'C++ Devs + Co = 50%25?',
      'Back\\slash\ttab\nnew line',
      '日本語の会社',
    ]) {
      const rec = await c.create('Account', { Name: name, UsrQBFullName: name.slice(0, 210) });
      expect((await c.get('Account', String(rec.Id))).Name).toBe(name);
      const found = await c.list('Account', { filter: `Name eq ${odataString(name)}`, select: ['Id', 'Name'] });
      expect(found.value.map((r) => r.Id)).toContain(rec.Id);
    }
  });

  it('batch stops at a failing item unless asked to continue, and names the bad field', async () => {
    const c = client();
    const reqs = [
      { method: 'POST' as const, url: 'City', body: { Name: 'Burbank' } },
      { method: 'POST' as const, url: 'City', body: { Nmae: 'typo' } },
      { method: 'POST' as const, url: 'City', body: { Name: 'Glendale' } },
    ];
    const stopped = await c.batch(reqs);
    expect(stopped.map((r) => r.status)).toEqual([201, 400]);
    expect(stopped[1].error?.field).toBe('Nmae');
    expect(stopped[1].error?.message).toMatch(/'City' has no field 'Nmae'/);
    expect((await c.batch(reqs, { continueOnError: true })).map((r) => r.status)).toEqual([201, 400, 201]);
  });
});

describe('errors in plain words', () => {
  it('OData error body: unknown field', async () => {
    const e = await caught(client().list('Account', { select: ['Nmae'] }));
    expect(e).toMatchObject({ status: 400, kind: 'bad-request', field: 'Nmae' });
    expect(e.message).toBe(
      "Creatio object 'Account' has no field 'Nmae'. Check the field name (names are case-sensitive, e.g. 'Name', 'UsrQBFullName').",
    );
  });

  it('OData error body: lookup filtered by its flat name', async () => {
    const e = await caught(client().list('Contact', { filter: 'AccountId eq 00000000-0000-0000-0000-000000000000' }));
    expect(e.message).toMatch(/filter 'Contact' on 'AccountId'.*'Account\/Id eq <id>'/);
  });

  it('routing 404 body: object not published', async () => {
    const e = await caught(client().list('UsrInvoiceQB'));
    expect(e).toMatchObject({ status: 404, kind: 'not-found' });
    expect(e.message).toMatch(/no object named 'UsrInvoiceQB'.*published/);
  });

  it('ASP.NET 500 body: value too long is not retried and names the field', async () => {
    const e = await caught(client().create('Account', { Name: 'x', UsrQBFullName: 'é'.repeat(211) }));
    expect(e).toMatchObject({
      status: 500,
      kind: 'server',
      field: 'UsrQBFullName',
      code: 'System.Data.SqlClient.SqlException',
    });
    expect(e.message).toMatch(/too long for field 'UsrQBFullName' of Creatio object 'Account'/);
  });
});

describe('database refusals', () => {
  it('a lookup to a missing record names the field', async () => {
    const e = await caught(
      client().create('Account', { Name: 'Nowhere Inc', CityId: '11111111-2222-4333-8444-555555555555' }),
    );
    expect(e).toMatchObject({ kind: 'server', field: 'CityId' });
    expect(e.message).toBe("Field 'CityId' of Creatio object 'Account' points to a City record that does not exist.");
  });

  it('deleting an account that contacts still point to is refused in plain words', async () => {
    const c = client();
    const [withContact] = (
      await c.list('Contact', {
        filter: 'Account/Id ne 00000000-0000-0000-0000-000000000000',
        select: ['AccountId'],
        top: 1,
      })
    ).value;
    const e = await caught(c.delete('Account', String(withContact.AccountId)));
    expect(e.message).toBe('Creatio refused to delete the Account record because other records still refer to it.');
    expect(await c.count('Account')).toBe(120);
  });
});

describe('injected faults', () => {
  for (const kind of ['error500', 'error503', 'error429', 'drop'] as const) {
    it(`retries a read through ${kind}`, async () => {
      const retries: string[] = [];
      const c = client({ onRetry: ({ error }) => retries.push(error.kind) });
      await c.login();
      sb.faults.set({ [kind]: { rate: 1, count: 2 } });
      expect(await c.count('Account')).toBe(120);
      expect(retries).toHaveLength(2);
    });
  }

  it('gives a clear error when retries run out', async () => {
    const c = client();
    await c.login();
    sb.faults.set({ error503: { rate: 1 } });
    const e = await caught(c.count('Account'));
    expect(e).toMatchObject({ status: 503, kind: 'server' });
    expect(e.message).toMatch(
      /internal error while counting Creatio object 'Account' \(HTTP 503\).*gave up after 3 tries/,
    );
    sb.faults.set({ drop: { rate: 1 } });
    expect((await caught(c.count('Account'))).kind).toBe('network');
  });

  it('does not resend a create whose connection dropped, and says so', async () => {
    const c = client();
    await c.login();
    sb.faults.set({ drop: { rate: 1, count: 1 } });
    const e = await caught(c.create('Account', { Name: 'Maybe saved' }));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/may or may not have been saved/);
    expect(sb.faults.injected.drop).toBe(1);
  });

  it('stops waiting when the run is cancelled', async () => {
    const ac = new AbortController();
    const c = client({ signal: ac.signal });
    await c.login();
    sb.faults.set({ latencyMs: 5_000 });
    const started = Date.now();
    setTimeout(() => ac.abort(), 50);
    await expect(c.count('Account')).rejects.toThrow(/abort/i);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('metadata', () => {
  it('lists entities, fields with lengths, and lookups', async () => {
    const entities = await client().metadata();
    const account = entities.find((e) => e.name === 'Account')!;
    expect(account.fields.find((f) => f.name === 'UsrQBFullName')).toMatchObject({
      type: 'Edm.String',
      maxLength: 210,
    });
    expect(account.fields.find((f) => f.name === 'UsrActiveId')?.lookup).toBe('UsrActiveStatus');
    expect(entities.find((e) => e.name === 'Opportunity')!.fields.map((f) => f.name)).toContain('Title');
  });
});
