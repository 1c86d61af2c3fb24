// leanFetch against a real node:http server on an ephemeral port, and the two
// connectors talking to their sandboxes through a NodeContext's `fetch`.
import { getEventListeners, once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { creatioClientFor } from '../../nodes/creatio/creatio-connection';
import { memoryContext } from '../../nodes/testing/memory-node-context';
import { openQboClient } from '../../nodes/quickbooks/online/qbo-connection';
import { startCreatioSandbox } from '../../sandbox/creatio/index';
import { startQboSandbox } from '../../sandbox/quickbooks-online/index';
import { leanFetch, leanFetchWith } from './lean-fetch';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

async function serve(handler: Handler) {
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
  server.on('connection', () => {
    connections++;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

const TEXT = 'Crème brûlée & "quotes" <tags> — déjà vu';
const seen: Record<string, number> = {};
let slowRequest: () => void = () => undefined;
let slowSocketClosed: Promise<void> = Promise.resolve();

const routes: Record<string, Handler> = {
  '/text': (_q, res) => res.end(TEXT),
  '/json': (_q, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ name: 'Åsa', n: 3 }));
  },
  '/echo': (req, res, body) =>
    res.end(JSON.stringify({ method: req.method, headers: req.headers, body: body.toString('base64') })),
  '/cookies': (_q, res) => {
    res.setHeader('Set-Cookie', ['.ASPXAUTH=abc; path=/; HttpOnly', 'BPMCSRF=xyz; path=/']);
    res.setHeader('X-Request-Id', 'r-1');
    res.end();
  },
  '/404': (_q, res) => {
    res.statusCode = 404;
    res.end('no such customer');
  },
  '/503': (_q, res) => {
    res.statusCode = 503;
    res.end('{"fault":"busy"}');
  },
  '/gzip': (_q, res) => {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(zlib.gzipSync(TEXT));
  },
  '/deflate': (_q, res) => {
    res.setHeader('Content-Encoding', 'deflate');
    res.end(zlib.deflateSync(TEXT));
  },
  '/br': (_q, res) => {
    res.setHeader('Content-Encoding', 'br');
    res.end(zlib.brotliCompressSync(TEXT));
  },
  '/found': (_q, res) => {
    res.writeHead(302, { Location: '/text' });
    res.end('moved');
  },
  '/see-other': (_q, res) => {
    res.writeHead(303, { Location: '/echo' });
    res.end();
  },
  '/temporary': (_q, res) => {
    res.writeHead(307, { Location: '/echo' });
    res.end();
  },
  '/loop': (_q, res) => {
    res.writeHead(302, { Location: '/loop' });
    res.end();
  },
  '/slow': (req) => {
    slowSocketClosed = once(req.socket, 'close').then(() => undefined);
    slowRequest();
  },
  '/cut': (req, res) => {
    res.writeHead(200, { 'Content-Length': '100' });
    res.write('only ten b');
    setTimeout(() => req.socket.destroy(), 20);
  },
  '/stall': (_q, res) => {
    res.writeHead(200, { 'Content-Length': '100' });
    res.write('partial');
  },
};

let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  server = await serve((req, res, body) => {
    const path = new URL(req.url!, 'http://x').pathname;
    seen[path] = (seen[path] ?? 0) + 1;
    (
      routes[path] ??
      ((_q, r) => {
        r.statusCode = 500;
        r.end('no route');
      })
    )(req, res, body);
  });
});
afterAll(() => server.close());
afterEach(() => {
  vi.restoreAllMocks();
});

const echo = async (res: Response) =>
  (await res.json()) as { method: string; headers: Record<string, string>; body: string };

describe('leanFetch', () => {
  it('gets text and JSON, sending what fetch sends by default', async () => {
    const global = vi.spyOn(globalThis, 'fetch');
    const text = await leanFetch(`${server.url}/text`);
    expect([text.status, text.ok, await text.text()]).toEqual([200, true, TEXT]);
    expect(await (await leanFetch(new URL(`${server.url}/json`))).json()).toEqual({ name: 'Åsa', n: 3 });
    const sent = await echo(await leanFetch(`${server.url}/echo`));
    expect(sent.method).toBe('GET');
    expect(sent.headers).toMatchObject({ accept: '*/*', 'accept-encoding': 'gzip, deflate', connection: 'keep-alive' });
    expect(sent.headers['content-length']).toBeUndefined();
    expect(global).not.toHaveBeenCalled();
  });

  it('posts a string byte for byte with its content length', async () => {
    const res = await leanFetch(`${server.url}/echo`, {
      method: 'POST',
      body: TEXT,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    const sent = await echo(res);
    expect(sent.method).toBe('POST');
    expect(Buffer.from(sent.body, 'base64').equals(Buffer.from(TEXT, 'utf8'))).toBe(true);
    expect(sent.headers['content-length']).toBe(String(Buffer.byteLength(TEXT)));
    expect(sent.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('sends URLSearchParams as a form, and bytes as they are', async () => {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'a&b=é' });
    const sent = await echo(await leanFetch(`${server.url}/echo`, { method: 'POST', body: form }));
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(Buffer.from(sent.body, 'base64').toString()).toBe(form.toString());
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const raw = await echo(
      await leanFetch(`${server.url}/echo`, { method: 'PUT', body: bytes, headers: [['X-Kind', 'raw']] }),
    );
    expect([...Buffer.from(raw.body, 'base64')]).toEqual([...bytes]);
    expect(raw.headers).toMatchObject({ 'content-length': '5', 'x-kind': 'raw' });
  });

  it('returns headers read case-insensitively, every Set-Cookie included', async () => {
    const res = await leanFetch(`${server.url}/cookies`);
    expect(res.headers.get('x-request-id')).toBe('r-1');
    expect(res.headers.get('X-REQUEST-ID')).toBe('r-1');
    expect(res.headers.getSetCookie()).toEqual(['.ASPXAUTH=abc; path=/; HttpOnly', 'BPMCSRF=xyz; path=/']);
  });

  it('resolves 4xx and 5xx answers with their body', async () => {
    const missing = await leanFetch(`${server.url}/404`);
    expect([missing.status, missing.ok, await missing.text()]).toEqual([404, false, 'no such customer']);
    const busy = await leanFetch(`${server.url}/503`);
    expect([busy.status, busy.ok, await busy.json()]).toEqual([503, false, { fault: 'busy' }]);
  });

  it('decodes gzip, deflate and br bodies', async () => {
    for (const coding of ['gzip', 'deflate', 'br']) {
      const res = await leanFetch(`${server.url}/${coding}`);
      expect(await res.text()).toBe(TEXT);
      expect(res.headers.get('content-encoding')).toBe(coding);
    }
  });

  it('lets a body be read once', async () => {
    const res = await leanFetch(`${server.url}/text`);
    expect(res.bodyUsed).toBe(false);
    await res.text();
    await expect(res.text()).rejects.toThrow(TypeError);
    await expect(res.arrayBuffer()).rejects.toThrow(TypeError);
  });

  it('follows redirects as fetch does', async () => {
    const found = await leanFetch(`${server.url}/found`);
    expect([found.status, found.redirected, found.url, await found.text()]).toEqual([
      200,
      true,
      `${server.url}/text`,
      TEXT,
    ]);
    const direct = await leanFetch(`${server.url}/text#part`);
    expect([direct.redirected, direct.url]).toEqual([false, `${server.url}/text`]);
    // 303 after a POST: the next hop is a GET without the body or its headers.
    const other = await leanFetch(`${server.url}/see-other`, {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'text/plain' },
    });
    const afterOther = await echo(other);
    expect([
      other.url,
      afterOther.method,
      afterOther.body,
      afterOther.headers['content-length'],
      afterOther.headers['content-type'],
    ]).toEqual([`${server.url}/echo`, 'GET', '', undefined, undefined]);
    // 307 keeps the method and the body.
    const kept = await echo(await leanFetch(`${server.url}/temporary`, { method: 'POST', body: 'a=1' }));
    expect([kept.method, Buffer.from(kept.body, 'base64').toString()]).toEqual(['POST', 'a=1']);
    const loop = await leanFetch(`${server.url}/loop`).catch((e: unknown) => e);
    expect(loop).toBeInstanceOf(TypeError);
    expect((loop as TypeError).cause).toMatchObject({ message: 'redirect count exceeded' });
  });

  it('rejects with the reason of a signal aborted before the request, sending nothing', async () => {
    const before = seen['/slow'] ?? 0;
    const reason = new Error('stopped by the operator');
    await expect(leanFetch(`${server.url}/slow`, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(seen['/slow'] ?? 0).toBe(before);
  });

  it('aborts a request in flight: rejects with the reason and closes the socket', async () => {
    const controller = new AbortController();
    const arrived = new Promise<void>((ok) => {
      slowRequest = ok;
    });
    const pending = leanFetch(`${server.url}/slow`, { signal: controller.signal });
    await arrived;
    const reason = new Error('run stopped');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await slowSocketClosed; // the server sees the connection go
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('fails like undici when the server cannot be reached', async () => {
    const gone = await serve(() => undefined);
    await gone.close();
    const lean = await leanFetch(`${gone.url}/text`).catch((e: unknown) => e);
    const undici = await fetch(`${gone.url}/text`).catch((e: unknown) => e);
    expect(lean).toBeInstanceOf(TypeError);
    expect((lean as TypeError).message).toBe((undici as TypeError).message);
    expect(((lean as TypeError).cause as { code: string }).code).toBe('ECONNREFUSED');
  });

  it('fails with a TypeError when the body stops midway', async () => {
    const cut = await leanFetch(`${server.url}/cut`).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(TypeError);
    expect((cut as TypeError).message).toBe('fetch failed');
  });

  it("times out without headers, and without body data, with undici's codes", async () => {
    const quick = leanFetchWith({ timeoutMs: 300 });
    const noHeaders = await quick(`${server.url}/slow`).catch((e: unknown) => e);
    expect(((noHeaders as TypeError).cause as { code: string }).code).toBe('UND_ERR_HEADERS_TIMEOUT');
    const noBody = await quick(`${server.url}/stall`).catch((e: unknown) => e);
    expect(((noBody as TypeError).cause as { code: string }).code).toBe('UND_ERR_BODY_TIMEOUT');
  });

  it('keeps the connection alive: 20 requests in a row use one socket', async () => {
    const own = await serve((_q, res) => res.end('ok'));
    try {
      for (let i = 0; i < 20; i++) expect(await (await leanFetch(`${own.url}/`)).text()).toBe('ok');
      expect(own.connections()).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('holds one abort listener per request in flight on a shared signal, none after', async () => {
    const { signal } = new AbortController();
    let most = 0;
    const lane = async () => {
      for (let i = 0; i < 50; i++) {
        const pending = leanFetch(`${server.url}/text`, { signal });
        most = Math.max(most, getEventListeners(signal, 'abort').length);
        expect(await (await pending).text()).toBe(TEXT);
      }
    };
    await Promise.all(Array.from({ length: 10 }, lane));
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(10);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('hands what it does not cover to the global fetch', async () => {
    const global = vi.spyOn(globalThis, 'fetch');
    expect(await (await leanFetch(new Request(`${server.url}/text`))).text()).toBe(TEXT);
    const manual = await leanFetch(`${server.url}/found`, { redirect: 'manual' });
    expect([manual.status, manual.headers.get('location')]).toEqual([302, '/text']);
    expect(global).toHaveBeenCalledTimes(2);
  });
});

describe('connectors given a NodeContext fetch', () => {
  const through = (urls: string[]): typeof fetch =>
    ((input: string | URL, init?: RequestInit) => {
      urls.push(String(input));
      return leanFetch(input, init);
    }) as typeof fetch;

  it('QuickBooks Online: token refresh and API calls all go through it', async () => {
    const sandbox = await startQboSandbox({ limits: false });
    try {
      const urls: string[] = [];
      const global = vi.spyOn(globalThis, 'fetch');
      const settings = {
        baseUrl: sandbox.baseUrl,
        tokenUrl: sandbox.tokenUrl,
        realmId: sandbox.realmId,
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        refreshToken: sandbox.refreshToken,
      };
      const ctx = { ...memoryContext({ qbo: { kind: 'quickbooks-online', settings } }), fetch: through(urls) };
      const { client } = await openQboClient(ctx, 'qbo');
      expect((await client.companyInfo()).CompanyName).toEqual(expect.any(String));
      expect(urls[0]).toBe(sandbox.tokenUrl);
      expect(urls.some((u) => u.startsWith(`${sandbox.baseUrl}/v3/company/${sandbox.realmId}/`))).toBe(true);
      expect(global).not.toHaveBeenCalled();
    } finally {
      await sandbox.close();
    }
  });

  it('Creatio: sign-in and OData reads all go through it', async () => {
    const sandbox = await startCreatioSandbox();
    try {
      const urls: string[] = [];
      const global = vi.spyOn(globalThis, 'fetch');
      const settings = { baseUrl: sandbox.baseUrl, username: sandbox.username, password: sandbox.password };
      const ctx = { ...memoryContext({ crm: { kind: 'creatio', settings } }), fetch: through(urls) };
      const client = await creatioClientFor(ctx, 'crm');
      expect((await client.list('Account', { top: 2 })).value).toHaveLength(2);
      expect(urls.map((u) => new URL(u).pathname)).toEqual(['/ServiceModel/AuthService.svc/Login', '/0/odata/Account']);
      expect(global).not.toHaveBeenCalled();
    } finally {
      await sandbox.close();
    }
  });
});
