// SOAP 1.1 envelopes of the Web Connector conversation. Requests are read with
// fast-xml-parser ignoring prefixes, so the default Document style
// (`<authenticate xmlns="http://developer.intuit.com/">`) and the RPC style's
// `q1:` elements both parse (reference C1). Responses are
// `<methodResponse><methodResult>` in the Intuit namespace.
import { XMLParser } from 'fast-xml-parser';
import { forLog } from './qbwc-body';
import { QBWC_PARAMS, escapeAttr } from './qbwc-wsdl';

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: false,
});

export interface SoapCall {
  method: string;
  params: Record<string, string>;
}

export class SoapFault extends Error {
  constructor(
    readonly faultCode: 'soap:Client' | 'soap:Server',
    message: string,
  ) {
    super(message);
  }
}

// A company file's answers arrive as one escaped text parameter of receiveResponseXML (megabytes
// for a big file). fast-xml-parser took 1 s per MB of it, the event loop blocked all the while
// (issue 18: 32 MB, 23 s on a loaded machine). So the large parameters are cut out of the envelope
// first and their text decoded with native replaces, 1 MB at a time with a turn of the event loop
// between slices; the small rest goes through the parser as before.
const LARGE_PARAMS = /<((?:[\w-]+:)?(response|strHCPResponse))(?:\s[^>]*)?>/g;
const LARGE = 64 * 1024;
const PLACEHOLDER = '\u0001weft-large-param\u0001';

/** XML text content decoded: the five predefined entities and character references (XML 1.0 §4.6, §4.1). */
function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  let out = text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'");
  if (out.includes('&#'))
    out = out.replace(/&#(x[0-9a-fA-F]+|\d+);/g, (_, n: string) =>
      String.fromCodePoint(n[0] === 'x' ? parseInt(n.slice(1), 16) : Number(n)),
    );
  return out.replaceAll('&amp;', '&'); // last: "&amp;lt;" stands for the text "&lt;"
}

const SLICE = 1024 * 1024;

/** decodeXmlText a slice at a time, letting other requests run between slices. */
async function decodeYielding(text: string): Promise<string> {
  if (text.length <= SLICE) return decodeXmlText(text);
  const parts: string[] = [];
  for (let i = 0; i < text.length;) {
    let end = Math.min(i + SLICE, text.length);
    // Never cut an entity in two: the longest, &#x10FFFF;, has 10 characters.
    const amp = text.lastIndexOf('&', end - 1);
    if (end < text.length && amp > i && amp >= end - 10) end = amp;
    parts.push(decodeXmlText(text.slice(i, end)));
    i = end;
    await new Promise((r) => setImmediate(r));
  }
  return parts.join('');
}

/** The envelope with its large text parameters taken out (and those parameters, decoded). */
async function takeLargeParams(xml: string): Promise<{ skeleton: string; large: Record<string, string> }> {
  const large: Record<string, string> = {};
  if (xml.length < LARGE) return { skeleton: xml, large };
  let skeleton = '';
  let from = 0;
  LARGE_PARAMS.lastIndex = 0;
  for (let m = LARGE_PARAMS.exec(xml); m; m = LARGE_PARAMS.exec(xml)) {
    const start = m.index + m[0].length;
    const end = xml.indexOf(`</${m[1]}>`, start);
    if (end < 0) break; // not well-formed: the parser says so
    const content = xml.slice(start, end);
    if (content.includes('<')) continue; // CDATA or markup inside: the parser decides
    large[m[2]] = await decodeYielding(content);
    skeleton += xml.slice(from, start) + PLACEHOLDER;
    from = end;
    LARGE_PARAMS.lastIndex = end;
  }
  return { skeleton: skeleton + xml.slice(from), large };
}

export async function parseSoapCall(xml: string, soapAction?: string): Promise<SoapCall> {
  const { skeleton, large } = await takeLargeParams(xml);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(skeleton) as Record<string, unknown>;
  } catch {
    throw new SoapFault('soap:Client', 'The request is not well-formed XML.');
  }
  const body = (doc.Envelope as Record<string, unknown> | undefined)?.Body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') throw new SoapFault('soap:Client', 'The request has no SOAP Body.');
  const method =
    Object.keys(body).find((k) => k in QBWC_PARAMS) ?? soapAction?.replace(/^"|"$/g, '').split('/').pop() ?? '';
  if (!(method in QBWC_PARAMS))
    throw new SoapFault('soap:Client', `Unknown method "${forLog(Object.keys(body)[0] ?? method)}".`);
  const raw = (body[method] ?? {}) as Record<string, unknown>;
  const params: Record<string, string> = {};
  for (const name of QBWC_PARAMS[method]) {
    const v = typeof raw === 'object' ? raw[name] : undefined;
    params[name] =
      v === undefined || v === null
        ? ''
        : typeof v === 'object'
          ? String((v as Record<string, unknown>)['#text'] ?? '')
          : String(v);
    if (params[name] === PLACEHOLDER && name in large) params[name] = large[name];
  }
  return { method, params };
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function soapResponse(method: string, result: string | number | string[]): string {
  const inner = Array.isArray(result)
    ? result.map((s) => `<string>${escapeText(s)}</string>`).join('')
    : escapeText(String(result));
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope ` +
    `xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
    `xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body><${method}Response ` +
    `xmlns="http://developer.intuit.com/"><${method}Result>${inner}</${method}Result></${method}Response></soap:Body></soap:Envelope>`
  );
}

export function soapFault(f: SoapFault): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope ` +
    `xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>` +
    `<faultcode>${f.faultCode}</faultcode><faultstring>${escapeText(f.message)}</faultstring>` +
    `</soap:Fault></soap:Body></soap:Envelope>`
  );
}

export { escapeAttr };
