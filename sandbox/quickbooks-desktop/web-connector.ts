// A QuickBooks Web Connector simulator: polls a QBWC SOAP endpoint exactly as
// the real one does (reference C1): serverVersion → clientVersion →
// authenticate → (open the company file; failure → connectionError) → loop
// sendRequestXML (HCP response on the first call only) / receiveResponseXML
// until 100 or negative (→ getLastError) → closeConnection. An empty request
// makes it ask getLastError; "NoOp" pauses it 5 s and it asks again, with no
// limit (QBWC Programmer's Guide, getLastError: the Web Connector holds the
// company file's session open all the while), so only the service ends a session.
// It is an independent client: its SOAP is written by hand, not by Weft's code.
import { XMLParser } from 'fast-xml-parser';
import type { CompanyFile } from './company-file';
import { FAULT_HRESULTS, type QbdFaults } from './faults';
import { DEFAULT_HOST, hcpResponse, processRequestSet, type Host, type Session } from './qbxml-engine';
import { ParseFailure } from './qbxml-in';

export const QBWC_VERSION = '2.3.0.215';

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: false,
  isArray: (n) => n === 'string',
});
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface ConnectorOptions {
  /** The endpoint from the .qwc AppURL, e.g. http://localhost:3000/qbwc */
  url: string;
  userName: string;
  password: string;
  file: CompanyFile;
  faults: QbdFaults;
  host?: Host;
  companyFilePath?: string;
  /** How long "NoOp" pauses (the real Web Connector waits 5 s, and asks again as often as it is told). */
  noOpMs?: number;
}

export interface SessionReport {
  auth: string;
  sets: number;
  requests: number;
  end: 'done' | 'none' | 'nvu' | 'busy' | 'error' | 'dropped' | 'connection-error' | 'refused';
  lastError?: string;
  closeMessage?: string;
  percents: number[];
  /** NoOp pauses taken in this session. */
  noOps: number;
}

export class WebConnector {
  log: SessionReport[] = [];
  private closing = false;
  constructor(readonly o: ConnectorOptions) {}

  /** Someone quits the Web Connector: a session idling in NoOp pauses ends at its next pause. */
  quit(): void {
    this.closing = true;
  }

  private async call(method: string, params: [string, string | number][]): Promise<unknown> {
    const body = params.map(([k, v]) => `<${k}>${esc(String(v))}</${k}>`).join('');
    const envelope =
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope ` +
      `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      `xmlns:xsd="http://www.w3.org/2001/XMLSchema" ` +
      `xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${method} ` +
      `xmlns="http://developer.intuit.com/">${body}</${method}></soap:Body></soap:Envelope>`;
    const res = await fetch(this.o.url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"http://developer.intuit.com/${method}"` },
      body: envelope,
    });
    const text = await res.text();
    const doc = parser.parse(text) as { Envelope?: { Body?: Record<string, Record<string, unknown>> } };
    const b = doc.Envelope?.Body;
    if (!res.ok || !b || b.Fault)
      throw new Error(
        `${method}: HTTP ${res.status} ${String((b?.Fault as Record<string, unknown> | undefined)?.faultstring ?? text.slice(0, 200))}`,
      );
    const result = b[`${method}Response`]?.[`${method}Result`];
    return result === undefined ? '' : result;
  }

  /** One scheduled update: a whole session, as the real Web Connector runs it. */
  async runSession(): Promise<SessionReport> {
    const report: SessionReport = { auth: '', sets: 0, requests: 0, end: 'done', percents: [], noOps: 0 };
    this.log.push(report);
    this.closing = false;
    await this.call('serverVersion', []);
    const cv = String(await this.call('clientVersion', [['strVersion', QBWC_VERSION]]));
    if (cv.startsWith('E:') || cv.startsWith('O:')) {
      report.end = 'refused';
      report.lastError = cv;
      return report;
    }
    const auth = (await this.call('authenticate', [
      ['strUserName', this.o.userName],
      ['strPassword', this.o.password],
    ])) as { string?: string[] } | string;
    const items = typeof auth === 'object' && auth ? (auth.string ?? []).map(String) : [];
    const [ticket = '', status = ''] = items;
    report.auth = status;
    if (status === 'nvu' || status === 'none' || status === 'busy') {
      report.end = status;
      report.closeMessage = String(await this.call('closeConnection', [['ticket', ticket]]));
      return report;
    }
    // Opening the company file (OpenConnection / BeginSession) can fail: connectionError.
    for (const kind of ['not-running', 'single-user-mode'] as const) {
      if (this.o.faults.take(kind)) {
        const f = FAULT_HRESULTS[kind]!;
        await this.call('connectionError', [
          ['ticket', ticket],
          ['hresult', f.hresult],
          ['message', f.message],
        ]);
        report.end = 'connection-error';
        report.lastError = f.hresult;
        report.closeMessage = String(await this.call('closeConnection', [['ticket', ticket]]));
        return report;
      }
    }
    const host = this.o.host ?? DEFAULT_HOST;
    const session: Session = { iterators: new Map() };
    let first = true;
    for (;;) {
      const [major, minor] = host.versions[host.versions.length - 1].split('.');
      const request = String(
        await this.call('sendRequestXML', [
          ['ticket', ticket],
          ['strHCPResponse', first ? hcpResponse(host) : ''],
          [
            'strCompanyFileName',
            this.o.companyFilePath ?? 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Weft Demo.QBW',
          ],
          ['qbXMLCountry', host.country],
          ['qbXMLMajorVers', Number(major)],
          ['qbXMLMinorVers', Number(minor)],
        ]),
      );
      first = false;
      if (request === '') {
        const last = String(await this.call('getLastError', [['ticket', ticket]]));
        if (last === 'NoOp' && !this.closing) {
          report.noOps++;
          await new Promise((ok) => setTimeout(ok, this.o.noOpMs ?? 5000));
          continue;
        }
        // Any other text is shown to the user as the reason the update stopped.
        report.end = last === 'NoOp' ? 'done' : 'error';
        report.lastError = last;
        break;
      }
      report.sets++;
      report.requests += (request.match(/requestID="/g) ?? []).length;
      let response = '';
      let hresult = '';
      let message = '';
      if (this.o.faults.take('modal-dialog')) ({ hresult, message } = FAULT_HRESULTS['modal-dialog']!);
      else {
        try {
          response = processRequestSet(this.o.file, request, session, host);
        } catch (e) {
          if (!(e instanceof ParseFailure)) throw e;
          hresult = '0x80040400';
          message = e.message;
        }
      }
      if (this.o.faults.take('drop-mid-session', request)) {
        report.end = 'dropped';
        return report;
      }
      if (response && this.o.faults.take('malformed-response'))
        response = response.slice(0, Math.floor(response.length / 2));
      const pct = Number(
        await this.call('receiveResponseXML', [
          ['ticket', ticket],
          ['response', response],
          ['hresult', hresult],
          ['message', message],
        ]),
      );
      report.percents.push(pct);
      if (pct < 0) {
        report.end = 'error';
        report.lastError = String(await this.call('getLastError', [['ticket', ticket]]));
        break;
      }
      if (pct >= 100) break;
    }
    report.closeMessage = String(await this.call('closeConnection', [['ticket', ticket]]));
    return report;
  }
}
