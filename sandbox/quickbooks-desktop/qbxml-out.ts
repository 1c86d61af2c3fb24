// Writes qbXML answers as QuickBooks does: one `…Rs` per request with requestID,
// statusCode, statusSeverity, statusMessage (reference C4), `…Ret` elements in
// schema order, times with the company's UTC offset, non-ASCII as numeric entities.
import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: false, suppressEmptyNode: true });

/** The demo company keeps Eastern Standard Time, as QuickBooks reports local times with an offset. */
const OFFSET_MS = -5 * 3600_000;

export function qbTime(ms: number): string {
  return `${new Date(ms + OFFSET_MS).toISOString().slice(0, 19)}-05:00`;
}

/** `2026-01-05T09:00:00-05:00`, `…Z`, `2026-01-05T09:00:00` (company local) or `2026-01-05`. NaN if invalid. */
export function parseQbTime(s: string): number {
  const t = s.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return Date.parse(`${t}T00:00:00-05:00`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(t)) return Date.parse(`${t}-05:00`);
  return Date.parse(t);
}

export interface Status { code: number; severity: 'Info' | 'Warn' | 'Error'; message: string }
export const OK: Status = { code: 0, severity: 'Info', message: 'Status OK' };
export const NO_MATCH: Status = { code: 1, severity: 'Info', message: 'A query request did not find a matching object in QuickBooks' };

export function rs(name: string, requestID: string | undefined, status: Status, body: Record<string, unknown> = {}, extra: Record<string, string> = {}): string {
  const attrs: Record<string, string> = {};
  if (requestID !== undefined) attrs['@requestID'] = requestID;
  attrs['@statusCode'] = String(status.code);
  attrs['@statusSeverity'] = status.severity;
  attrs['@statusMessage'] = status.message;
  for (const [k, v] of Object.entries(extra)) attrs[`@${k}`] = v;
  return builder.build({ [name]: { ...attrs, ...body } }) as string;
}

export function responseSet(parts: string[]): string {
  const body = parts.join('').replace(/[^\x00-\x7f]/gu, (ch) => `&#${ch.codePointAt(0)};`);
  return `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>${body}</QBXMLMsgsRs>\n</QBXML>\n`;
}

export const tooLong = (field: string, value: string): Status => ({ code: 3070, severity: 'Error', message: `The string "${value}" in the field "${field}" is too long.` });
export const notFound = (what: string): Status => ({ code: 3120, severity: 'Error', message: `Object "${what}" specified in the request cannot be found.` });
