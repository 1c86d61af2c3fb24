// Issue 18: a large answer of a company file is read without holding the event loop for the
// whole of it, and reads back exactly (entities cut at slice ends, "&amp;lt;", character references).
import { describe, expect, it } from 'vitest';
import { parseSoapCall } from './qbwc-envelope';

const envelope = (response: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
  `<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t-1</ticket><response>${response}</response>` +
  `<hresult></hresult><message>all &amp; well</message></receiveResponseXML></soap:Body></soap:Envelope>`;
const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('SOAP envelope of the Web Connector', () => {
  it('reads a 4 MB answer exactly, and lets other work run while it does', async () => {
    // Odd lengths put entities across every slice boundary somewhere.
    const unit = '<CustomerRet><Name>D&#233;cor &amp; "Sons" \u00e9 ☃</Name><Notes>a&lt;b</Notes></CustomerRet>';
    const answer = `<?xml version="1.0" ?><QBXML>${unit.repeat(Math.ceil((4 * 1024 * 1024) / unit.length))}</QBXML>`;
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const call = await parseSoapCall(envelope(escape(answer)).replace('\u00e9', '&#xE9;'));
    clearInterval(ticking);
    expect(call.method).toBe('receiveResponseXML');
    expect(call.params.ticket).toBe('t-1');
    expect(call.params.message).toBe('all & well');
    expect(call.params.response.length).toBe(answer.length);
    expect(call.params.response === answer).toBe(true);
    expect(turns).toBeGreaterThan(0); // timers ran between slices: the parse did not hold the loop throughout
  });

  it('reads small calls as before', async () => {
    const call = await parseSoapCall(envelope(escape('<QBXML/>')));
    expect(call.params.response).toBe('<QBXML/>');
  });
});
