// The Web Connector simulator against a stand-in QBWC service written here (not Weft's): it
// must do what the real Web Connector does with NoOp (QBWC Programmer's Guide, getLastError):
// pause 5 s and ask again, as often as it is told, ending only when the service says so.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CompanyFile } from './company-file';
import { QbdFaults } from './faults';
import { WebConnector } from './web-connector';

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  server = null;
});

/** A QBWC service that has no requests and answers getLastError with `lastErrors` in turn. */
async function service(lastErrors: string[]): Promise<{ url: string; calls: string[] }> {
  const calls: string[] = [];
  const results: Record<string, () => string> = {
    serverVersion: () => '<serverVersionResult>stand-in</serverVersionResult>',
    clientVersion: () => '<clientVersionResult></clientVersionResult>',
    authenticate: () => '<authenticateResult><string>t-1</string><string></string></authenticateResult>',
    sendRequestXML: () => '<sendRequestXMLResult></sendRequestXMLResult>',
    getLastError: () => `<getLastErrorResult>${lastErrors.shift() ?? 'Nothing to do.'}</getLastErrorResult>`,
    closeConnection: () => '<closeConnectionResult>OK</closeConnectionResult>',
  };
  server = createServer((req, res) => {
    const method = String(req.headers.soapaction ?? '').replace(/^"http:\/\/developer\.intuit\.com\/(\w+)"$/, '$1');
    calls.push(method);
    req.resume().on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(
        `<?xml version="1.0"?><soap:Envelope ` +
          `xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${method}Response ` +
          `xmlns="http://developer.intuit.com/">${results[method]()}</${method}Response></soap:Body></soap:Envelope>`,
      );
    });
  });
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/qbwc`, calls };
}

describe('Web Connector simulator', () => {
  it('repeats NoOp as long as the service says it (no limit of its own) and ends when told otherwise', async () => {
    const s = await service(Array(8).fill('NoOp'));
    const file = new CompanyFile();
    const wc = new WebConnector({ url: s.url, userName: 'u', password: 'p', file, faults: new QbdFaults(), noOpMs: 5 });
    const report = await wc.runSession();
    expect(report.noOps).toBe(8);
    expect(s.calls.filter((c) => c === 'sendRequestXML')).toHaveLength(9);
    expect(report).toMatchObject({ end: 'error', lastError: 'Nothing to do.', closeMessage: 'OK' });
    file.close();
  });

  it('a session idling in NoOp ends when the Web Connector is quit', async () => {
    const s = await service(Array(1e6).fill('NoOp'));
    const file = new CompanyFile();
    const wc = new WebConnector({ url: s.url, userName: 'u', password: 'p', file, faults: new QbdFaults(), noOpMs: 5 });
    const session = wc.runSession();
    while (!wc.log[0]?.noOps) await new Promise((ok) => setTimeout(ok, 5));
    wc.quit();
    expect(await session).toMatchObject({ end: 'done', lastError: 'NoOp', closeMessage: 'OK' });
    file.close();
  });
});
