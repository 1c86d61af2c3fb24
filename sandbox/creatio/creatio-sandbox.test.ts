// Drives the simulator with plain fetch, written independently of nodes/creatio,
// checking the wire facts of external-apis.md section A as a real client sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount } from '../demo-data';
import { seededModifiedOn, startCreatioSandbox, type CreatioSandbox } from './index';

let sb: CreatioSandbox;
let auth: Record<string, string>;

async function login(user: string, password: string) {
  const res = await fetch(`${sb.baseUrl}/ServiceModel/AuthService.svc/Login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ForceUseSession: 'true' },
    body: JSON.stringify({ UserName: user, UserPassword: password }),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  return { res, body: await res.json(), cookies };
}

const odata = (path: string, init: RequestInit = {}, headers = auth) =>
  fetch(`${sb.baseUrl}/0/odata/${path}`, {
    ...init,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
  });

beforeAll(async () => {
  sb = await startCreatioSandbox({ seed: { accounts: 50 } });
  const { cookies } = await login(sb.username, sb.password);
  auth = {
    Cookie: cookies.join('; '),
    BPMCSRF: cookies.find((c) => c.startsWith('BPMCSRF='))!.slice(8),
    ForceUseSession: 'true',
  };
});
afterAll(() => sb.close());

describe('Creatio sandbox over plain HTTP', () => {
  it('answers a bad password with HTTP 200, Code 1 and no cookies', async () => {
    const { res, body, cookies } = await login('Supervisor', 'wrong');
    expect(res.status).toBe(200);
    expect(body.Code).toBe(1);
    expect(body.Message).toMatch(/password/);
    expect(cookies).toEqual([]);
  });

  it('sets the session cookies (BPMSESSIONID too), needs them back and BPMCSRF echoed as a header', async () => {
    const { cookies } = await login(sb.username, sb.password);
    expect(cookies.map((c) => c.split('=')[0]).sort()).toEqual([
      '.ASPXAUTH',
      'BPMCSRF',
      'BPMLOADER',
      'BPMSESSIONID',
      'UserName',
    ]);
    const noCsrf = await odata('Account?$top=1', {}, { Cookie: cookies.join('; ') });
    expect(noCsrf.status).toBe(401);
    expect((await noCsrf.json()).Message).toMatch(/denied/);
    const csrf = cookies.find((c) => c.startsWith('BPMCSRF='))!.slice(8);
    const noSession = await odata(
      'Account?$top=1',
      {},
      { Cookie: cookies.filter((c) => !c.startsWith('BPMSESSIONID=')).join('; '), BPMCSRF: csrf },
    );
    expect(noSession.status).toBe(401);
    const ok = await odata('Account?$top=1');
    expect(ok.status).toBe(200);
    expect((await ok.json())['@odata.context']).toBe(`${sb.baseUrl}/0/odata/$metadata#Account`);
  });

  it('seeds accounts from demoAccount, with Active Yes/No and Creatio value conventions', async () => {
    const res = await odata(
      `Account?$select=Name,PrimaryContactId,Code,ModifiedOn&$expand=UsrActive($select=Name)&$orderby=CreatedOn&$count=true&$top=10`,
    );
    const body = await res.json();
    expect(body['@odata.count']).toBe(50);
    body.value.forEach((row: Record<string, any>, i: number) => {
      expect(row.Name).toBe(demoAccount(i).name);
      expect(row.UsrActive.Name).toBe(demoAccount(i).active ? 'Yes' : 'No');
      expect(row.ModifiedOn).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
      expect(row.Code).toBe('');
    });
    expect(body.value.some((r: any) => r.PrimaryContactId === '00000000-0000-0000-0000-000000000000')).toBe(true);
  });

  it('filters lookups by navigation path and refuses the flat FK name', async () => {
    const acc = (
      await (await odata(`Account?$filter=${encodeURIComponent("Name eq 'Smith & Sons'")}&$select=Id`)).json()
    ).value[0];
    const byPath = await odata(
      `Contact?$filter=${encodeURIComponent(`Account/Id eq ${acc.Id}`)}&$select=Name,AccountId`,
    );
    const contacts = (await byPath.json()).value;
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.every((c: any) => c.AccountId === acc.Id)).toBe(true);
    const flat = await odata(`Contact?$filter=${encodeURIComponent(`AccountId eq ${acc.Id}`)}`);
    expect(flat.status).toBe(400);
    expect((await flat.json()).error.message).toBe('Column by path AccountId not found in schema Contact.');
  });

  it('compares unquoted datetimes to the 100 ns tick and rejects a quoted one', async () => {
    // Accounts 20 and 21 share one seeded ModifiedOn with 7 fractional digits.
    const at = seededModifiedOn(20);
    const count = async (f: string) =>
      Number(await (await odata(`Account/$count?$filter=${encodeURIComponent(f)}`)).text());
    expect(await count(`ModifiedOn eq ${at}`)).toBe(2);
    expect(await count(`ModifiedOn ge ${at}`)).toBe(30);
    expect(await count(`ModifiedOn gt ${at}`)).toBe(28);
    expect(await count('ModifiedOn gt 2026-01-05T09:10:00Z')).toBe(30);
    const quoted = await odata(`Account?$filter=${encodeURIComponent("ModifiedOn gt '2026-01-05T09:10:00Z'")}`);
    expect(quoted.status).toBe(400);
    expect((await quoted.json()).error.message).toMatch(/incompatible types/);
  });

  it('evaluates filter operators and lookup paths like a query over the demo data', async () => {
    const demo = Array.from({ length: 50 }, (_, i) => demoAccount(i));
    const count = async (f: string) =>
      Number(await (await odata(`Account/$count?$filter=${encodeURIComponent(f)}`)).text());
    expect(await count("startswith(Name,'Acme')")).toBe(demo.filter((a) => a.name.startsWith('Acme')).length);
    expect(await count("endswith(Name,'Ltd') or contains(Name,'#1')")).toBe(
      demo.filter((a) => a.name.endsWith('Ltd') || a.name.includes('#1')).length,
    );
    expect(await count("not (UsrActive/Name eq 'Yes')")).toBe(demo.filter((a) => !a.active).length);
    expect(await count("City/Name eq 'Montréal' or City/Name eq 'Zürich'")).toBe(
      demo.filter((a) => ['Montréal', 'Zürich'].includes(a.city)).length,
    );
    expect(await count("City/Country/Name eq 'Canada'")).toBe(
      demo.filter((a) => ['Montréal', 'Québec', 'Toronto'].includes(a.city)).length,
    );
    const sorted = (
      await (
        await odata('Account?$orderby=City/Name desc,Name asc&$top=1&$expand=City($select=Name)&$select=Name')
      ).json()
    ).value[0];
    const maxCity = [...new Set(demo.map((a) => a.city))].sort().at(-1);
    expect(sorted.City.Name).toBe(maxCity);
    expect(sorted.Name).toBe(
      demo
        .filter((a) => a.city === maxCity)
        .map((a) => a.name)
        .sort()[0],
    );
  });

  it('names an Opportunity by Title, not Name', async () => {
    const bad = await odata('Opportunity?$select=Name');
    expect((await bad.json()).error.message).toMatch(
      /Could not find a property named 'Name' on type 'Terrasoft.Configuration.OData.Opportunity'/,
    );
    const ok = await (await odata('Opportunity?$select=Title,Amount&$top=1&$expand=Account($select=Name)')).json();
    expect(ok.value[0].Title).toBe(`${ok.value[0].Account.Name} — renewal`);
  });

  it('creates (201 + full record), patches (204, ModifiedOn moves) and deletes (204)', async () => {
    const created = await odata('Account', {
      method: 'POST',
      body: JSON.stringify({ Name: 'Wire Test Ltd', UsrQBFullName: 'Wire Test Ltd' }),
    });
    expect(created.status).toBe(201);
    const rec = await created.json();
    expect(rec['@odata.context']).toMatch(/\$metadata#Account\/\$entity$/);
    expect(rec).toMatchObject({ Name: 'Wire Test Ltd', Phone: '', OwnerId: '00000000-0000-0000-0000-000000000000' });
    const patched = await odata(`Account(${rec.Id})`, {
      method: 'PATCH',
      body: JSON.stringify({ Phone: '+1 555 0000' }),
    });
    expect(patched.status).toBe(204);
    expect(await patched.text()).toBe('');
    const after = await (await odata(`Account(${rec.Id})`)).json();
    expect(after.Phone).toBe('+1 555 0000');
    expect(after.ModifiedOn > rec.ModifiedOn).toBe(true);
    expect((await odata(`Account(${rec.Id})`, { method: 'DELETE' })).status).toBe(204);
    expect((await odata(`Account(${rec.Id})`)).status).toBe(404);
  });

  it('drops a zero-GUID lookup on write, clears it with null, and rejects unknown properties', async () => {
    const [acc] = (await (await odata('Account?$top=1&$select=Id,OwnerId')).json()).value;
    await odata(`Account(${acc.Id})`, {
      method: 'PATCH',
      body: JSON.stringify({ OwnerId: '00000000-0000-0000-0000-000000000000' }),
    });
    expect((await (await odata(`Account(${acc.Id})?$select=OwnerId`)).json()).OwnerId).toBe(acc.OwnerId);
    await odata(`Account(${acc.Id})`, { method: 'PATCH', body: JSON.stringify({ OwnerId: null }) });
    expect((await (await odata(`Account(${acc.Id})?$select=OwnerId`)).json()).OwnerId).toBe(
      '00000000-0000-0000-0000-000000000000',
    );
    const bad = await odata('Contact', { method: 'POST', body: JSON.stringify({ Name: 'X', Nickname: 'Y' }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(
      /^The property 'Nickname' does not exist on type 'Terrasoft\.Configuration\.OData\.Contact'/,
    );
  });

  it('answers an unknown entity set with the ASP.NET routing 404 body, and an over-long value with a 500', async () => {
    const r404 = await odata('UsrNew');
    expect(r404.status).toBe(404);
    expect(await r404.json()).toEqual({
      Message: `No HTTP resource was found that matches the request URI '${sb.baseUrl}/0/odata/UsrNew'.`,
      MessageDetail: "No type was found that matches the controller named 'UsrNew'.",
    });
    const r500 = await odata('Account', {
      method: 'POST',
      body: JSON.stringify({ Name: 'x', UsrQBFullName: 'Q'.repeat(211) }),
    });
    expect(r500.status).toBe(500);
    expect(await r500.json()).toMatchObject({
      ExceptionType: 'System.Data.SqlClient.SqlException',
      ExceptionMessage: expect.stringMatching(/UsrQBFullName/),
    });
  });

  it('publishes $metadata with MaxLength and navigation properties, at /0/odata and /odata', async () => {
    for (const root of ['/0/odata', '/odata']) {
      const xml = await (await fetch(`${sb.baseUrl}${root}/$metadata`, { headers: auth })).text();
      expect(xml).toMatch(
        /<EntityType Name="Account">.*<Property Name="UsrQBFullName" Type="Edm.String" Nullable="false" MaxLength="210"\/>/,
      );
      expect(xml).toMatch(/<NavigationProperty Name="UsrActive" Type="Terrasoft.Configuration.OData.UsrActiveStatus">/);
    }
  });

  it('accepts an OAuth client-credentials Bearer token without cookies, and refuses a wrong secret', async () => {
    const form = (secret: string) =>
      new URLSearchParams({ grant_type: 'client_credentials', client_id: sb.clientId, client_secret: secret });
    // The Identity Service is a host of its own (`{site}-is.creatio.com` on Creatio cloud), not the site.
    expect(new URL(sb.tokenUrl).origin).not.toBe(new URL(sb.baseUrl).origin);
    expect((await fetch(`${sb.baseUrl}/connect/token`, { method: 'POST', body: form(sb.clientSecret) })).status).toBe(
      404,
    );
    const bad = await fetch(sb.tokenUrl, { method: 'POST', body: form('nope') });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_client' });
    const tok = await (await fetch(sb.tokenUrl, { method: 'POST', body: form(sb.clientSecret) })).json();
    expect(tok.token_type).toBe('Bearer');
    const res = await fetch(`${sb.baseUrl}/odata/Account/$count`, {
      headers: { Authorization: `Bearer ${tok.access_token}` },
    });
    expect(res.status).toBe(200);
  });

  it('takes a decimal as a JSON string only with IEEE754Compatible=true in the Content-Type, as Microsoft.OData does', async () => {
    const post = (price: unknown, contentType: string) =>
      fetch(`${sb.baseUrl}/0/odata/Product`, {
        method: 'POST',
        headers: { ...auth, Accept: 'application/json', 'Content-Type': contentType },
        body: JSON.stringify({ Name: `P ${String(price)} ${contentType.length}`, Price: price }),
      });
    const refused = await post('12.50', 'application/json; charset=utf-8');
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toBe(
      "Cannot convert a primitive value to the expected type 'Edm.Decimal'. See the inner exception for more details.",
    );
    const asText = await post('12.50', 'application/json; charset=utf-8; IEEE754Compatible=true');
    expect(asText.status).toBe(201);
    expect((await asText.json()).Price).toBe(12.5);
    expect((await post(12.5, 'application/json; charset=utf-8')).status).toBe(201);
  });

  it('runs a JSON $batch and stops at the first error unless continue-on-error', async () => {
    const requests = [
      { id: '1', method: 'POST', url: 'City', body: { Name: 'Burbank' } },
      { id: '2', method: 'POST', url: 'City', body: { Nme: 'typo' } },
      { id: '3', method: 'POST', url: 'City', body: { Name: 'Glendale' } },
      {
        id: '4',
        method: 'GET',
        url: `${sb.baseUrl}/0/odata/City?$filter=${encodeURIComponent("Name eq 'Burbank'")}&$select=Name`,
      },
    ];
    const stop = await (await odata('$batch', { method: 'POST', body: JSON.stringify({ requests }) })).json();
    expect(stop.responses.map((r: any) => r.status)).toEqual([201, 400]);
    const go = await (
      await odata(
        '$batch',
        { method: 'POST', body: JSON.stringify({ requests }) },
        { ...auth, Prefer: 'continue-on-error' },
      )
    ).json();
    expect(go.responses.map((r: any) => r.status)).toEqual([201, 400, 201, 200]);
    expect(go.responses[3].body.value.map((c: any) => c.Name)).toEqual(['Burbank', 'Burbank']);
  });

  it('injects faults set over HTTP: one 503, then normal answers', async () => {
    await fetch(`${sb.baseUrl}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ error503: { rate: 1, count: 1 } }),
    });
    expect((await odata('Account?$top=1')).status).toBe(503);
    expect((await odata('Account?$top=1')).status).toBe(200);
    const bad = await fetch(`${sb.baseUrl}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ error500: { rate: 2 } }),
    });
    expect(bad.status).toBe(400);
  });

  it('resets to the same seed over HTTP', async () => {
    const [first] = (await (await odata('Account?$top=1&$orderby=CreatedOn&$select=Id,Name')).json()).value;
    await odata(`Account(${first.Id})`, { method: 'PATCH', body: JSON.stringify({ Name: 'Changed' }) });
    expect((await fetch(`${sb.baseUrl}/__sandbox/reset`, { method: 'POST' })).status).toBe(204);
    expect((await (await odata(`Account(${first.Id})?$select=Name`)).json()).Name).toBe(first.Name);
  });

  it('can mimic build 858, which ignored unknown PATCH properties', async () => {
    const old = await startCreatioSandbox({ seed: { accounts: 1 }, lenientPatch: true });
    try {
      const tok = await (
        await fetch(old.tokenUrl, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: old.clientId,
            client_secret: old.clientSecret,
          }),
        })
      ).json();
      const h = { Authorization: `Bearer ${tok.access_token}`, 'Content-Type': 'application/json' };
      const [acc] = (await (await fetch(`${old.baseUrl}/0/odata/Account?$select=Id`, { headers: h })).json()).value;
      const res = await fetch(`${old.baseUrl}/0/odata/Account(${acc.Id})`, {
        method: 'PATCH',
        headers: h,
        body: JSON.stringify({ Phone: '1', Nickname: 'x' }),
      });
      expect(res.status).toBe(204);
      const after = await (await fetch(`${old.baseUrl}/0/odata/Account(${acc.Id})`, { headers: h })).json();
      expect(after.Phone).toBe('1');
      expect('Nickname' in after).toBe(false);
    } finally {
      await old.close();
    }
  });

  it('expires an idle session after the configured lifetime', async () => {
    const short = await startCreatioSandbox({ seed: { accounts: 1 }, sessionTtlMs: 1_000 });
    try {
      const res = await fetch(`${short.baseUrl}/ServiceModel/AuthService.svc/Login`, {
        method: 'POST',
        body: JSON.stringify({ UserName: short.username, UserPassword: short.password }),
      });
      const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
      const h = { Cookie: cookies.join('; '), BPMCSRF: cookies.find((c) => c.startsWith('BPMCSRF='))!.slice(8) };
      expect((await fetch(`${short.baseUrl}/0/odata/Account`, { headers: h })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1_300));
      expect((await fetch(`${short.baseUrl}/0/odata/Account`, { headers: h })).status).toBe(401);
    } finally {
      await short.close();
    }
  });
});
