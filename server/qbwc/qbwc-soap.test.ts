// The Web Connector conversation, driven by an independent SOAP client (the
// `soap` package, reading our WSDL) playing the Web Connector, with the Desktop
// sandbox answering the qbXML. Real PostgreSQL, a schema per test.
import soap from 'soap';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileState } from '../../engine';
import { processRequestSet, type Session } from '../../sandbox/quickbooks-desktop';
import { hcpResponse, DEFAULT_HOST } from '../../sandbox/quickbooks-desktop/qbxml-engine';
import type { DesktopWaiting } from '../../nodes/define-node';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { LOGIN, qbwcRig, type QbwcRig } from './test-qbwc';

type Client = Record<string, (args: Record<string, unknown>) => Promise<[Record<string, unknown>]>>;

for (const db of testDatabases()) {
  describe(`QBWC SOAP service on ${db.name}`, () => {
    let rig: QbwcRig;
    let wc: Client;
    beforeEach(async () => {
      rig = await qbwcRig(db.url, testSchema('qbwc'));
      wc = (await soap.createClientAsync(`${rig.url}?wsdl`)) as unknown as Client;
    });
    afterEach(() => rig.close());

    const auth = async (user = LOGIN.userName, password = LOGIN.password) =>
      (
        (await wc.authenticateAsync({ strUserName: user, strPassword: password }))[0].authenticateResult as {
          string: string[];
        }
      ).string;
    const send = async (ticket: string, hcp = '') =>
      String(
        (
          await wc.sendRequestXMLAsync({
            ticket,
            strHCPResponse: hcp,
            strCompanyFileName: 'C:\\QB\\Demo.QBW',
            qbXMLCountry: 'US',
            qbXMLMajorVers: 13,
            qbXMLMinorVers: 0,
          })
        )[0].sendRequestXMLResult ?? '',
      );
    const receive = async (ticket: string, response: string, hresult = '', message = '') =>
      Number((await wc.receiveResponseXMLAsync({ ticket, response, hresult, message }))[0].receiveResponseXMLResult);
    const lastError = async (ticket: string) =>
      String((await wc.getLastErrorAsync({ ticket }))[0].getLastErrorResult ?? '');
    const close = async (ticket: string) =>
      String((await wc.closeConnectionAsync({ ticket }))[0].closeConnectionResult ?? '');

    it('answers serverVersion and clientVersion, asking old Web Connectors to upgrade', async () => {
      expect(String((await wc.serverVersionAsync({}))[0].serverVersionResult)).toContain('Weft');
      expect((await wc.clientVersionAsync({ strVersion: '2.3.0.215' }))[0].clientVersionResult ?? '').toBe('');
      expect((await wc.clientVersionAsync({ strVersion: '1.5.0.1' }))[0].clientVersionResult).toBe('O:2.0');
    });

    it('authenticates per connection: nvu for a wrong password, none with no work, the company file when there is work', async () => {
      expect((await auth(LOGIN.userName, 'wrong'))[1]).toBe('nvu');
      expect((await auth('nobody', LOGIN.password))[1]).toBe('nvu');
      expect((await auth())[1]).toBe('none');
      void rig.outbox
        .submit(LOGIN.connectionId, [{ key: 'k1', request: { type: 'HostQuery' } }])
        .catch(() => undefined);
      await until(async () => (await rig.pool.query('SELECT 1 FROM weft_desktop_requests')).rowCount === 1);
      const [ticket, file] = await auth();
      expect(ticket).toMatch(/^[0-9a-f-]{36}$/);
      expect(file).toBe(''); // "" = use the company file open in QuickBooks
      // A second Web Connector on the same file while the first is at work is told it is busy.
      expect((await auth())[1]).toBe('busy');
      await close(ticket);
    });

    it('carries a request set: HCP on the first call, version from HostQuery, answers back to the waiting node, 100 to end', async () => {
      const waits: DesktopWaiting[] = [];
      const answers = rig.outbox.submit(
        LOGIN.connectionId,
        [
          { key: 'add', request: { type: 'CustomerAdd', fields: { Name: 'Smith & Sons <Ltd> "Q" Café' } } },
          { key: 'dup', request: { type: 'CustomerAdd', fields: { Name: 'smith & sons <ltd> "q" café' } } },
        ],
        { onWaiting: (w) => waits.push(w) },
      );
      await until(async () => waits.length > 0);
      expect(waits[0]).toMatchObject({ answered: 0, total: 2, paused: null });
      const [ticket] = await auth();
      const host = { ...DEFAULT_HOST, versions: ['1.0', '11.0', '12.0'] };
      const request = await send(ticket, hcpResponse(host));
      expect(request).toContain('<?qbxml version="12.0"?>');
      expect(request).toContain('Smith &amp; Sons &lt;Ltd&gt; &quot;Q&quot; Caf&#233;');
      const session: Session = { iterators: new Map() };
      expect(await receive(ticket, processRequestSet(rig.sandbox.file, request, session, host))).toBe(100);
      const [a, b] = await answers;
      expect(a.response).toMatchObject({
        name: 'CustomerAddRs',
        statusCode: 0,
        rets: [expect.objectContaining({ Name: 'Smith & Sons <Ltd> "Q" Café' })],
      });
      expect(b.response).toMatchObject({ statusCode: 3100 });
      // Answers stay for replay to reruns, and go after 30 days (pruned when a session closes).
      await rig.pool.query(
        `UPDATE weft_desktop_requests SET done_at = now() - interval '31 days' WHERE request_key = 'dup'`,
      );
      expect(await close(ticket)).toBe('OK: 2 request(s) answered.');
      expect((await rig.pool.query('SELECT request_key FROM weft_desktop_requests')).rows).toEqual([
        { request_key: 'add' },
      ]);
      expect((await fileState(rig.pool, LOGIN.connectionId))?.qbxml_version).toBe('12.0');
    });

    it('ends a session that has nothing to carry instead of keeping it open with NoOp', async () => {
      void rig.outbox
        .submit(LOGIN.connectionId, [{ key: 'c', request: { type: 'HostQuery' } }], { timeoutMs: 300 })
        .catch(() => undefined);
      await until(
        async () =>
          (await rig.pool.query(`SELECT 1 FROM weft_desktop_requests WHERE state = 'pending'`)).rowCount === 1,
      );
      const [ticket] = await auth();
      await until(
        async () =>
          (await rig.pool.query(`SELECT 1 FROM weft_desktop_requests WHERE state = 'cancelled'`)).rowCount === 1,
      );
      expect(await send(ticket, hcpResponse(DEFAULT_HOST))).toBe('');
      // Not "NoOp": the Web Connector would repeat it every 5 s without end, holding the file's session.
      expect(await lastError(ticket)).toMatch(/^No more work: Weft has nothing queued for this company file\./);
      expect(await close(ticket)).toBe('OK: 0 request(s) answered.');
    });

    it('0x80040414 (modal dialog): −1, getLastError tells the user, the file is paused, the request waits and goes later', async () => {
      const waits: DesktopWaiting[] = [];
      const answer = rig.outbox.submit(
        LOGIN.connectionId,
        [{ key: 'q', request: { type: 'CustomerQuery', fullNames: ['Nobody'] } }],
        { onWaiting: (w) => waits.push(w) },
      );
      await until(async () => waits.length > 0);
      let [ticket] = await auth();
      await send(ticket, hcpResponse(DEFAULT_HOST));
      expect(
        await receive(ticket, '', '0x80040414', 'A modal dialog box is showing in the QuickBooks user interface.'),
      ).toBe(-1);
      expect(await lastError(ticket)).toMatch(/dialog box open/);
      await close(ticket);
      await until(async () => waits.some((w) => w.paused?.includes('dialog')));
      [ticket] = await auth();
      const request = await send(ticket, hcpResponse(DEFAULT_HOST));
      expect(await receive(ticket, processRequestSet(rig.sandbox.file, request, { iterators: new Map() }))).toBe(100);
      expect((await answer)[0]).toMatchObject({ attempts: 2, response: { statusCode: 1 } });
      expect((await fileState(rig.pool, LOGIN.connectionId))?.paused_reason).toBeNull();
    });

    it('connectionError (QuickBooks not running) returns "done" and flags the company file', async () => {
      void rig.outbox
        .submit(LOGIN.connectionId, [{ key: 'x', request: { type: 'HostQuery' } }], { timeoutMs: 2000 })
        .catch(() => undefined);
      await until(async () => (await rig.pool.query('SELECT 1 FROM weft_desktop_requests')).rowCount === 1);
      const [ticket] = await auth();
      expect(
        (await wc.connectionErrorAsync({ ticket, hresult: '0x80040408', message: 'Could not start QuickBooks.' }))[0]
          .connectionErrorResult,
      ).toBe('done');
      expect((await fileState(rig.pool, LOGIN.connectionId))?.paused_reason).toMatch(/could not be started/);
      expect(await close(ticket)).toMatch(/^Stopped: QuickBooks could not be started/);
    });

    it('0x80040400 (parse error): a set is split so only the request QuickBooks refuses fails', async () => {
      const answers = rig.outbox.submit(LOGIN.connectionId, [
        { key: 'a', request: { type: 'HostQuery' } },
        { key: 'b', request: { type: 'HostQuery' } },
      ]);
      await until(async () => (await rig.pool.query('SELECT 1 FROM weft_desktop_requests')).rowCount === 2);
      let [ticket] = await auth();
      await send(ticket, hcpResponse(DEFAULT_HOST));
      expect(
        await receive(ticket, '', '0x80040400', 'QuickBooks found an error when parsing the provided XML text stream.'),
      ).toBe(-1);
      await close(ticket);
      [ticket] = await auth();
      const first = await send(ticket, hcpResponse(DEFAULT_HOST));
      expect(first.match(/requestID=/g)).toHaveLength(1);
      expect(await receive(ticket, '', '0x80040400', 'parse error')).toBe(-1);
      await close(ticket);
      [ticket] = await auth();
      const second = await send(ticket, hcpResponse(DEFAULT_HOST));
      expect(await receive(ticket, processRequestSet(rig.sandbox.file, second, { iterators: new Map() }))).toBe(100);
      const [a, b] = await answers;
      expect(a.error).toMatchObject({ hresult: '0x80040400' });
      expect(b.response).toMatchObject({ name: 'HostQueryRs', statusCode: 0 });
    });

    it('serves the WSDL and the .qwc file, without the password', async () => {
      const wsdl = await (await fetch(`${rig.url}?wsdl`)).text();
      expect(wsdl).toContain('targetNamespace="http://developer.intuit.com/"');
      expect(wsdl).toContain('soapAction="http://developer.intuit.com/receiveResponseXML"');
      const res = await fetch(`${rig.url}/${LOGIN.connectionId}.qwc`);
      expect(res.headers.get('content-disposition')).toContain('weft-qbd-test.qwc');
      const qwc = await res.text();
      expect(qwc).toContain(`<AppURL>${rig.url}</AppURL>`);
      expect(qwc).toContain(`<UserName>${LOGIN.userName}</UserName>`);
      expect(qwc).toMatch(/<FileID>\{[0-9A-F-]{36}\}<\/FileID>/);
      expect(qwc).toContain('<AppName>Weft - Test &amp; Co file</AppName>');
      expect(qwc).not.toContain(LOGIN.password);
      expect(qwc).not.toContain('p@ss');
      expect((await fetch(`${rig.url}/nope.qwc`)).status).toBe(404);
    });
  });
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((ok) => setTimeout(ok, 20));
  }
}
