// The .qwc file a customer opens in the Web Connector to add Weft (reference
// C2): root QBWCXML; AppURL is Weft's /qbwc (https, or http on localhost);
// AppSupport on the same domain; one OwnerID for the Weft application and a
// FileID per company-file connection. The password is never inside: the
// Web Connector asks for it, and it is set on the connection in Weft.
import { createHash } from 'node:crypto';
import { escapeText } from './qbwc-envelope';

/** Weft's application GUID: the same for every file and version (C2: OwnerID is per application). */
export const WEFT_OWNER_ID = '{5f7a2c1e-9b3d-4e8f-a6c2-0d1e2f3a4b5c}';

export interface QwcConnection {
  id: string;
  name: string;
  userName: string;
  fileId?: string;
  runEveryMinutes?: number;
  readOnly?: boolean;
}

/** A stable GUID for the connection, so downloading the file again does not look like a new application. */
export function fileIdFor(connectionId: string): string {
  const h = createHash('sha256').update(`weft-qbwc-file:${connectionId}`).digest('hex');
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`.toUpperCase();
}

export function qwcFileName(connectionId: string): string {
  return `weft-${connectionId.replace(/[^A-Za-z0-9_-]+/g, '-')}.qwc`;
}

export function qwcFile(c: QwcConnection, origin: string): string {
  const base = origin.replace(/\/+$/, '');
  const url = new URL(base);
  if (url.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    throw new Error(
      `The Web Connector only talks to https addresses (or localhost); Weft is at ${base}. Serve Weft over https ` +
        '(WEFT_TLS_CERT and WEFT_TLS_KEY, or an https reverse proxy with WEFT_TRUST_PROXY=1), set WEFT_PUBLIC_URL to that ' +
        'https address, then download the file again.',
    );
  }
  const tag = (name: string, value: string) => `  <${name}>${escapeText(value)}</${name}>`;
  return [
    '<?xml version="1.0"?>',
    '<QBWCXML>',
    tag('AppName', `Weft - ${c.name}`.slice(0, 100)),
    tag('AppID', ''),
    tag('AppURL', `${base}/qbwc`),
    tag('AppDescription', `Weft keeps Creatio and this QuickBooks company file in sync.`.slice(0, 80)),
    tag('AppSupport', `${base}/`),
    tag('UserName', c.userName),
    tag('OwnerID', WEFT_OWNER_ID),
    tag('FileID', c.fileId || fileIdFor(c.id)),
    tag('QBType', 'QBFS'),
    '  <Scheduler>',
    `    <RunEveryNMinutes>${Math.max(1, Math.round(c.runEveryMinutes ?? 5))}</RunEveryNMinutes>`,
    '  </Scheduler>',
    tag('IsReadOnly', String(c.readOnly ?? false)),
    tag('PersonalDataPref', 'pdpOptional'),
    tag('UnattendedModePref', 'umpOptional'),
    tag('AuthFlags', '0xF'),
    tag('Style', 'Document'),
    '</QBWCXML>',
    '',
  ].join('\n');
}
