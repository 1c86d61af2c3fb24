// Issue 18: /qbwc took unbounded bodies before authentication (49 MB stalled the server
// 12 s), logged refused user names whole, and wrote the Host header into its WSDL.
// Real HTTP to the service, real PostgreSQL for its sessions.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { LOGIN, qbwcRig, type QbwcRig } from './test-qbwc';

const envelope = (method: string, params: Record<string, string>) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
  `<${method} xmlns="http://developer.intuit.com/">${Object.entries(params)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</${method}></soap:Body></soap:Envelope>`;

/** POSTs `chunks` (chunked when `length` is null); resolves with the answer, even one sent before the body ended. */
function post(
  url: string,
  chunks: string[],
  headers: Record<string, string | number> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8', ...headers } },
      (res) => {
        let body = '';
        res
          .setEncoding('utf8')
          .on('data', (d: string) => (body += d))
          .on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      ['EPIPE', 'ECONNRESET'].includes(e.code ?? '') ? undefined : reject(e),
    );
    (async () => {
      for (const c of chunks) if (!req.write(c)) await new Promise((ok) => req.once('drain', ok));
      req.end();
    })().catch(() => undefined);
  });
}

for (const db of testDatabases()) {
  describe(`/qbwc limits on ${db.name}`, () => {
    let rig: QbwcRig;
    afterEach(() => rig?.close());

    it('refuses a large request before sign-in with 413, whether it says its length or streams it', async () => {
      rig = await qbwcRig(db.url, testSchema('qbwclim'));
      const big = envelope('authenticate', { strUserName: 'x'.repeat(200_000), strPassword: 'y' });
      const declared = await post(rig.url, [big], { 'Content-Length': Buffer.byteLength(big) });
      expect(declared.status).toBe(413);
      expect(declared.body).toContain('larger than Weft takes from a Web Connector before it signs in (64 KB)');
      // Says 100 MB and sends 1 KB of it: answered without waiting for the rest.
      const huge = await post(rig.url, ['<'.repeat(1024)], { 'Content-Length': 100 * 1024 * 1024 });
      expect(huge.status).toBe(413);
      // Chunked, 4 MB in 64 KB chunks: refused once past the limit.
      const streamed = await post(
        rig.url,
        [big.slice(0, 300), ...Array.from({ length: 64 }, () => ' '.repeat(65_536))],
        { 'Transfer-Encoding': 'chunked' },
      );
      expect(streamed.status).toBe(413);
      // Small calls are served as before.
      const ok = await post(rig.url, [envelope('serverVersion', {})]);
      expect(ok.status).toBe(200);
    });

    it('takes a large answer in an open session, up to the session limit', async () => {
      rig = await qbwcRig(db.url, testSchema('qbwclim'), {
        bodyLimits: { anonymous: 64 * 1024, session: 2 * 1024 * 1024 },
      });
      void rig.outbox
        .submit(LOGIN.connectionId, [{ key: 'k1', request: { type: 'HostQuery' } }])
        .catch(() => undefined);
      for (let i = 0; i < 100 && (await rig.pool.query('SELECT 1 FROM weft_desktop_requests')).rowCount === 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      const auth = await post(rig.url, [
        envelope('authenticate', { strUserName: LOGIN.userName, strPassword: 'p@ss &amp; &lt;word&gt;' }),
      ]);
      const ticket = /<string>([0-9a-f-]{36})<\/string>/.exec(auth.body)![1];
      expect(auth.body).not.toContain('nvu');
      const answer = (bytes: number) =>
        envelope('receiveResponseXML', { ticket, response: ' '.repeat(bytes), hresult: '', message: '' });
      expect((await post(rig.url, [answer(1024 * 1024)])).status).toBe(200);
      const over = await post(rig.url, [answer(3 * 1024 * 1024)]);
      expect(over.status).toBe(413);
      expect(over.body).toContain('larger than Weft takes from a Web Connector session (2 MB)');
      // A made-up ticket gets no more than anyone.
      const forged = envelope('receiveResponseXML', {
        ticket: '00000000-0000-4000-8000-000000000000',
        response: ' '.repeat(1024 * 1024),
        hresult: '',
        message: '',
      });
      expect((await post(rig.url, [forged])).status).toBe(413);
    });

    it('logs a refused user name cut short', async () => {
      const warnings: Record<string, unknown>[] = [];
      rig = await qbwcRig(db.url, testSchema('qbwclim'), {
        log: { info: () => undefined, error: () => undefined, warn: (_m, f) => void warnings.push(f ?? {}) },
      });
      const r = await post(rig.url, [
        envelope('authenticate', { strUserName: 'n'.repeat(20_000), strPassword: 'wrong' }),
      ]);
      expect(r.body).toContain('nvu');
      expect(String(warnings[0].user).length).toBeLessThan(100);
      expect(String(warnings[0].user)).toContain('(20000 characters)');
    });

    it('names its own address in the WSDL, never the Host header; WEFT_PUBLIC_URL when set', async () => {
      rig = await qbwcRig(db.url, testSchema('qbwclim'));
      const wsdl = (host: string) =>
        new Promise<string>((resolve, reject) => {
          request(`${rig.url}?wsdl`, { headers: { Host: host } }, (res) => {
            let body = '';
            res
              .setEncoding('utf8')
              .on('data', (d: string) => (body += d))
              .on('end', () => resolve(body));
          })
            .on('error', reject)
            .end();
        });
      const own = new URL(rig.url).origin;
      expect(await wsdl('evil.example')).toContain(`location="${own}/qbwc"`);
      process.env.WEFT_PUBLIC_URL = 'https://weft.example.com/';
      try {
        const text = await wsdl('evil.example');
        expect(text).toContain('location="https://weft.example.com/qbwc"');
        expect(text).not.toContain('evil.example');
      } finally {
        delete process.env.WEFT_PUBLIC_URL;
      }
    });
  });
}
