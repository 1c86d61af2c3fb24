// SOAP 1.1 envelopes of the Web Connector conversation. Requests are read with
// fast-xml-parser ignoring prefixes, so the default Document style
// (`<authenticate xmlns="http://developer.intuit.com/">`) and the RPC style's
// `q1:` elements both parse (reference C1). Responses are
// `<methodResponse><methodResult>` in the Intuit namespace.
import { XMLParser } from 'fast-xml-parser';
import { forLog } from './qbwc-body';
import { QBWC_PARAMS, escapeAttr } from './qbwc-wsdl';

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, processEntities: true, htmlEntities: true, trimValues: false });

export interface SoapCall { method: string; params: Record<string, string> }

export class SoapFault extends Error {
  constructor(readonly faultCode: 'soap:Client' | 'soap:Server', message: string) { super(message); }
}

export function parseSoapCall(xml: string, soapAction?: string): SoapCall {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch {
    throw new SoapFault('soap:Client', 'The request is not well-formed XML.');
  }
  const body = (doc.Envelope as Record<string, unknown> | undefined)?.Body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') throw new SoapFault('soap:Client', 'The request has no SOAP Body.');
  const method = Object.keys(body).find((k) => k in QBWC_PARAMS) ?? soapAction?.replace(/^"|"$/g, '').split('/').pop() ?? '';
  if (!(method in QBWC_PARAMS)) throw new SoapFault('soap:Client', `Unknown method "${forLog(Object.keys(body)[0] ?? method)}".`);
  const raw = (body[method] ?? {}) as Record<string, unknown>;
  const params: Record<string, string> = {};
  for (const name of QBWC_PARAMS[method]) {
    const v = typeof raw === 'object' ? raw[name] : undefined;
    params[name] = v === undefined || v === null ? '' : typeof v === 'object' ? String((v as Record<string, unknown>)['#text'] ?? '') : String(v);
  }
  return { method, params };
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function soapResponse(method: string, result: string | number | string[]): string {
  const inner = Array.isArray(result) ? result.map((s) => `<string>${escapeText(s)}</string>`).join('') : escapeText(String(result));
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body><${method}Response xmlns="http://developer.intuit.com/"><${method}Result>${inner}</${method}Result></${method}Response></soap:Body></soap:Envelope>`;
}

export function soapFault(f: SoapFault): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>${f.faultCode}</faultcode><faultstring>${escapeText(f.message)}</faultstring></soap:Fault></soap:Body></soap:Envelope>`;
}

export { escapeAttr };
