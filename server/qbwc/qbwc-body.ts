// Reads a SOAP request of the Web Connector with size limits (issue 18: one 49 MB request
// before authentication stalled the server 12 s; three took 2 GB). Anyone may call /qbwc,
// so a request is small until it shows the ticket of an open session: serverVersion,
// clientVersion and authenticate carry a few hundred bytes. Only receiveResponseXML (and
// sendRequestXML's HostQuery answer) grow with the company file: a query answer of a
// large file runs to megabytes, so a session's requests get the large limit.
// Content-Length over the limit is answered 413 before a byte is read; a body sent
// without one (chunked) is read only up to the limit, then refused the same way.
import type { IncomingMessage } from 'node:http';

export interface BodyLimits {
  /** Bytes any caller may send (no ticket of an open session yet). */
  anonymous: number;
  /** Bytes a request carrying the ticket of an open session may send. */
  session: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { anonymous: 64 * 1024, session: 32 * 1024 * 1024 };

/** The large limit from `WEFT_QBWC_MAX_BODY_MB` (whole megabytes), else 32 MB. */
export function bodyLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): BodyLimits {
  const mb = Number(env.WEFT_QBWC_MAX_BODY_MB);
  return Number.isInteger(mb) && mb > 0 ? { ...DEFAULT_BODY_LIMITS, session: mb * 1024 * 1024 } : DEFAULT_BODY_LIMITS;
}

export class BodyTooLarge extends Error {
  constructor(
    readonly limit: number,
    readonly signedIn: boolean,
  ) {
    super(
      signedIn
        ? `The request is larger than Weft takes from a Web Connector session (${size(limit)}). Ask Weft's ` +
            `admin to raise WEFT_QBWC_MAX_BODY_MB, or lower the number of records per request.`
        : `The request is larger than Weft takes from a Web Connector before it signs in (${size(limit)}).`,
    );
  }
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`);

// The ticket is the first parameter of every call that has one (WSDL order, reference C1),
// so it is inside the first kilobytes of any body that needs the large limit.
const TICKET = /<(?:[\w-]+:)?ticket>\s*([0-9a-fA-F-]{36})\s*<\/(?:[\w-]+:)?ticket>/;

/**
 * The body as text, or BodyTooLarge. `openSession(ticket)` says whether the ticket belongs to
 * an open session; it is asked only when a body outgrows the anonymous limit.
 */
export async function readSoapBody(
  req: IncomingMessage,
  limits: BodyLimits,
  openSession: (ticket: string) => Promise<boolean>,
): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (declared > limits.session) throw new BodyTooLarge(limits.session, false);
  const chunks: Buffer[] = [];
  let length = 0;
  let limit = limits.anonymous;
  let asked = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length <= limit) continue;
    if (!asked) {
      asked = true;
      const ticket = TICKET.exec(Buffer.concat(chunks).subarray(0, limits.anonymous).toString('utf8'))?.[1];
      if (ticket && (await openSession(ticket))) limit = limits.session;
    }
    if (length > limit) throw new BodyTooLarge(limit, limit === limits.session);
  }
  return Buffer.concat(chunks, length).toString('utf8');
}

/** A value from outside (a user name, a ticket) cut short for the log: a log line stays a line. */
export function forLog(value: unknown, max = 64): string {
  const text = String(value ?? '');
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
