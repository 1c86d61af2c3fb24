// The ceiling of the bench: a plain client posting the same customers to the
// QuickBooks Online sandbox, 30 per batch, 10 at a time — what the engine is
// compared with — and the edits that make an incremental run's changes.
import { demoAccount, type DemoAccount } from '../sandbox/demo-data';
import { mb, type CaseResult } from './bench-processes';

export async function ceiling(
  qbo: Record<string, unknown>,
  records: number,
  firstIndex: number,
  body: 'customers' | 'names',
): Promise<CaseResult> {
  const token = { access_token: await qboAccessToken(qbo) };
  const batches: unknown[][] = [];
  for (let i = 0; i < records; i += 30) {
    batches.push(
      Array.from({ length: Math.min(30, records - i) }, (_, k) => ({
        bId: String(k),
        operation: 'create',
        Customer:
          body === 'customers'
            ? mappedCustomer(demoAccount(firstIndex + i + k))
            : { DisplayName: `Ceiling ${firstIndex + i + k}` },
      })),
    );
  }
  const t0 = performance.now();
  // CPU of this process while it posts: the plain client's own cost, against which the engine's is judged.
  const cpu0 = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const b = batches[next++];
      const r = await fetch(`${qbo.baseUrl}/v3/company/${qbo.realmId}/batch?minorversion=75`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token.access_token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify({ BatchItemRequest: b }),
      });
      // A refused batch is answered fast and would inflate the ceiling: every item must have been written.
      const text = await r.text();
      if (!r.ok || text.includes('"Fault"'))
        throw new Error(`the ceiling client's batch was refused (HTTP ${r.status}): ${text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    cpuMsPer1kRecords: Math.round((cpuSeconds * 1e6) / Math.max(records, 1)),
    case: body === 'customers' ? 'ceiling (plain client, batches of 30)' : 'ceiling, names only (earlier ceiling)',
    records,
    seconds,
    recordsPerSecond: records / seconds,
    peakRssMb: mb(process.memoryUsage().rss),
  };
}

/** An account as the template's mapping makes it a customer (templates/creatio-accounts-to-qbo-customers.json). */
function mappedCustomer(a: DemoAccount): Record<string, unknown> {
  return {
    DisplayName: a.name,
    CompanyName: a.name.slice(0, 100),
    PrimaryPhone: { FreeFormNumber: a.phone },
    WebAddr: { URI: a.web },
    BillAddr: { Line1: a.address, PostalCode: a.zip },
    ...(a.notes ? { Notes: a.notes } : {}),
  };
}

export async function touchAccounts(creatio: Record<string, unknown>, n: number): Promise<void> {
  const headers = await creatioHeaders(creatio);
  const page = (await (
    await fetch(`${creatio.baseUrl}/0/odata/Account?$select=Id,Name&$top=${n}&$orderby=Name`, { headers })
  ).json()) as { value: { Id: string; Name: string }[] };
  for (const a of page.value) {
    await fetch(`${creatio.baseUrl}/0/odata/Account(${a.Id})`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ Phone: '+1 555 0000' }),
    });
  }
}

/**
 * One access token for every client of the bench on this sandbox (it lasts an hour): after the engine's run the
 * refresh token the bench knows has been rotated by the engine, and refreshing with it would fail.
 */
export async function qboAccessToken(qbo: Record<string, unknown>): Promise<string> {
  if (!qbo.accessToken) {
    const tokenRes = await fetch(`${qbo.baseUrl}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${qbo.clientId}:${qbo.clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(qbo.refreshToken as string)}`,
    });
    const token = (await tokenRes.json()) as { access_token: string; refresh_token: string };
    if (!token.access_token) throw new Error(`the ceiling client got no access token: ${JSON.stringify(token)}`);
    qbo.refreshToken = token.refresh_token; // rotated: the engine run below needs the new one
    qbo.accessToken = token.access_token;
  }
  return qbo.accessToken as string;
}

/** Signs in to the Creatio sandbox (forms authentication) and gives the headers of an OData request. */
export async function creatioHeaders(creatio: Record<string, unknown>): Promise<Record<string, string>> {
  const login = await fetch(`${creatio.baseUrl}/ServiceModel/AuthService.svc/Login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ UserName: creatio.username, UserPassword: creatio.password }),
  });
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('BPMCSRF='))!.slice(8);
  return {
    Cookie: cookies.join('; '),
    BPMCSRF: csrf,
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
}
