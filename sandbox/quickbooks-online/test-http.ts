// Raw HTTP helpers for the simulator's own tests (no connector in between), and a sandbox on a test clock.
import { startQboSandbox, type QboSandbox } from './index';

export async function tokenCall(s: QboSandbox, form: Record<string, string>, secret = s.clientSecret) {
  const res = await fetch(s.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${s.clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

export async function accessToken(s: QboSandbox, realmId = s.realmId): Promise<string> {
  const res = await fetch(`${s.baseUrl}/__sandbox/tokens/${realmId}`, { method: 'POST' });
  return ((await res.json()) as { access_token: string }).access_token;
}

export interface Answer {
  status: number;
  text: string;
  json: any;
  contentType: string;
}

export async function call(
  s: QboSandbox,
  token: string,
  path: string,
  init: { method?: string; body?: unknown; text?: string; realmId?: string } = {},
): Promise<Answer> {
  const res = await fetch(`${s.baseUrl}/v3/company/${init.realmId ?? s.realmId}/${path}`, {
    method: init.method ?? (init.body !== undefined || init.text !== undefined ? 'POST' : 'GET'),
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'content-type': init.text !== undefined ? 'application/text' : 'application/json',
    },
    body: init.text ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, contentType: res.headers.get('content-type') ?? '' };
}

export const q = (sql: string) => `query?minorversion=75&query=${encodeURIComponent(sql)}`;

/** A batch answer's items in the order the request listed `bIds`: QuickBooks may answer in any order (reference B7). */
export function inOrder(answer: Answer, bIds: string[]): any[] {
  const byId = new Map((answer.json.BatchItemResponse as { bId: string }[]).map((x) => [x.bId, x]));
  return bIds.map((id) => byId.get(id));
}

/** The time the sandbox tests start at: 1 July 2026, 12:00 UTC (05:00 in the first company, Pacific time). */
export const T0 = Date.UTC(2026, 6, 1, 12, 0, 0);

/** A sandbox on the test's clock (no limits, access tokens live an hour) and an access token for its first company. */
export async function startClocked(now: () => number): Promise<{ s: QboSandbox; token: string }> {
  const s = await startQboSandbox({ limits: false, now, accessTokenTtlMs: 3_600_000 });
  return { s, token: await accessToken(s) };
}
