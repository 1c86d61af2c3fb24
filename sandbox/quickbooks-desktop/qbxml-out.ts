// Writes qbXML answers as QuickBooks does: one `…Rs` per request with requestID,
// statusCode, statusSeverity, statusMessage (reference C4), `…Ret` elements in
// schema order (times as QuickBooks writes them: company-clock.ts), non-ASCII as numeric entities.
import { XMLBuilder } from 'fast-xml-parser';
import { readModifiedDate } from './company-clock';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: false,
  suppressEmptyNode: true,
});

export interface Status {
  code: number;
  severity: 'Info' | 'Warn' | 'Error';
  message: string;
}
export const OK: Status = { code: 0, severity: 'Info', message: 'Status OK' };
export const NO_MATCH: Status = {
  code: 1,
  severity: 'Info',
  message: 'A query request did not find a matching object in QuickBooks',
};

export function rs(
  name: string,
  requestID: string | undefined,
  status: Status,
  body: Record<string, unknown> = {},
  extra: Record<string, string> = {},
): string {
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

export const tooLong = (field: string, value: string): Status => ({
  code: 3070,
  severity: 'Error',
  message: `The string "${value}" in the field "${field}" is too long.`,
});
export const notFound = (what: string): Status => ({
  code: 3120,
  severity: 'Error',
  message: `Object "${what}" specified in the request cannot be found.`,
});

/** 3020 for the first of From/ToModifiedDate that is not a date. */
export function badDate(from: string | undefined, to: string | undefined): Status {
  const [f, v] =
    from !== undefined && Number.isNaN(readModifiedDate(from)) ? ['FromModifiedDate', from] : ['ToModifiedDate', to];
  return {
    code: 3020,
    severity: 'Error',
    message: `There was an error when converting the date value "${v}" in the field "${f}".`,
  };
}
