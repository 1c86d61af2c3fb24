// The three error shapes QuickBooks Online puts on the wire (reference B9):
// 1. JSON `Fault` (400 validation/business), 2. lower-case `fault` on 401 token
// problems, 3. XML `IntuitResponse` for throttling (429) and realm/token mismatch
// (401 code 100) — XML even when the client asked for JSON.
import type { Response } from 'express';
import { companyTime } from './company-time';

/** A business or validation error raised inside the simulator; rendered as shape 1. */
export class QboFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly element = '',
    readonly type: 'ValidationFault' | 'SystemFault' | 'AuthenticationFault' = 'ValidationFault',
  ) {
    super(`${code} ${title}: ${detail}`);
  }
}

export const fault = (code: string, title: string, detail: string, element = '') =>
  new QboFault(400, code, title, detail, element);

export function faultBody(f: QboFault): { Fault: unknown } {
  return { Fault: { Error: [{ Message: f.title, Detail: f.detail, code: f.code, element: f.element }], type: f.type } };
}

export function sendFault(res: Response, f: QboFault, timeZone: string): void {
  res.status(f.status).json({ ...faultBody(f), time: companyTime(Date.now(), timeZone, true) });
}

/** Shape 2: expired or unknown access token (observed in python-quickbooks #118, #250). */
export function sendTokenFault(res: Response, detail: string): void {
  res.status(401).json({
    warnings: null,
    intuitObject: null,
    fault: {
      error: [
        {
          message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
          detail,
          code: '3200',
          element: null,
        },
      ],
      type: 'AUTHENTICATION',
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: Date.now(),
    status: null,
    cdcresponse: [],
  });
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function sendXml(
  res: Response,
  status: number,
  type: string,
  code: string,
  message: string,
  detail: string,
  timeZone: string,
) {
  const body =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" ` +
    `time="${companyTime(Date.now(), timeZone, true)}">` +
    (`<Fault type="${type}"><Error ` +
      `code="${code}"><Message>${xmlEscape(message)}</Message><Detail>${xmlEscape(detail)}</Detail></Error></Fault></IntuitResponse>`);
  res.status(status).type('application/xml').send(body);
}

/** Shape 3, HTTP 429 (PHP-SDK #54, oauth-jsclient #91). */
export function sendThrottled(res: Response, timeZone: string, retryAfterSec?: number): void {
  if (retryAfterSec !== undefined) res.set('Retry-After', String(retryAfterSec));
  sendXml(
    res,
    429,
    'SERVICE',
    '3001',
    'message=ThrottleExceeded; errorCode=003001; statusCode=429',
    'The request limit was reached.  Try again later',
    timeZone,
  );
}

/**
 * A valid token used against another company (realm): HTTP 403, code 3100 AuthorizationFailed in the
 * lower-case shape, as clients have logged it (intuit/oauth-jsclient#2, mcohen01/node-quickbooks#154;
 * Intuit's help article "3100 message=AuthorizationFailed; errorCode=003100; statusCode=403").
 */
export function sendRealmMismatch(res: Response): void {
  res.status(403).json({
    warnings: null,
    intuitObject: null,
    fault: {
      error: [
        {
          message: 'message=AuthorizationFailed; errorCode=003100; statusCode=403',
          detail: null,
          code: '3100',
          element: null,
        },
      ],
      type: 'SERVICE',
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: Date.now(),
    status: null,
    cdcresponse: [],
  });
}

/** A 5xx as the real service sends it: JSON `Fault` of type SystemFault. */
export function serverFault(status: number): QboFault {
  return new QboFault(
    status,
    '10000',
    'An application error has occurred while processing your request',
    'System Failure Error: An unexpected error occurred while accessing or saving your data.',
    '',
    'SystemFault',
  );
}
