// One error type for everything QuickBooks Online can answer, parsed from the
// three wire shapes (reference B9): JSON `Fault` (400), lower-case `fault`
// (401 token problems; 403 code 3100 for a token of another company) and XML
// `IntuitResponse` (429 throttling; 401 code 100, the older wrong-company answer), plus the OAuth endpoint's `{"error":"invalid_grant"}` and
// network failures. The message is written for a support person.
import { XMLParser } from 'fast-xml-parser';

export type QboErrorKind =
  'auth' | 'validation' | 'stale' | 'duplicate' | 'throttle' | 'not-found' | 'server' | 'network';

export interface QboErrorInit {
  status: number;
  code: string;
  title: string;
  detail: string;
  element?: string;
  entity?: string;
  intuitTid?: string;
  /** Seconds, from a Retry-After header. */
  retryAfter?: number;
}

function kindOf(status: number, code: string): QboErrorKind {
  if (status === 0) return 'network';
  if (status === 429 || code === '3001') return 'throttle';
  if (
    status === 401 ||
    status === 403 ||
    ['100', '120', '3100', '3200', 'invalid_grant', 'refresh-lost', 'invalid_client', 'save-failed'].includes(code)
  )
    return 'auth';
  if (code === '5010') return 'stale';
  if (['6240', '6140', '6210'].includes(code)) return 'duplicate';
  if (code === '610' || status === 404) return 'not-found';
  if (status >= 500) return 'server';
  return 'validation';
}

/** Plain words for the codes a sync meets; `element` is the field QuickBooks names. */
function explain(e: QboErrorInit): string {
  const field = e.element ? ` ${e.element}` : ' a field';
  const m = /Max:(\d+)\s+supplied:(\d+)/i.exec(e.detail);
  switch (e.code) {
    case '6240':
      return 'the name is already used by another customer, vendor or employee (names must be unique across all three)';
    case '6140':
    case '6210':
      return 'that document number is already used';
    case '2050':
      return m
        ? `${field.trim()} is too long: ${m[2]} characters, QuickBooks allows at most ${m[1]}`
        : `${field.trim()} has an unsupported length`;
    case '2040':
      return `${field.trim()} contains a character QuickBooks does not allow there (a colon, tab or new line)`;
    case '2020':
      return `a required field is missing:${field}`;
    case '2010':
      return `QuickBooks does not accept${field} (${e.detail})`;
    case '2500':
      return `it refers to something that does not exist in QuickBooks (${e.detail})`;
    case '5010':
      return 'someone changed it in QuickBooks after it was read (stale SyncToken)';
    case '610':
      return `it does not exist in QuickBooks or has been made inactive (${e.detail})`;
    case '6070':
      return 'a line amount is not quantity × unit price';
    case '6080':
      return 'it has no name (DisplayName or a first/last name is required)';
    case '4000':
    case '4001':
      return `the query was not accepted: ${e.detail}`;
    case '1040':
      return 'more than 30 items were sent in one batch';
    case '3001':
      return 'QuickBooks is limiting requests for this company (rate limit); the sync will slow down and retry';
    case '3200':
      return 'the QuickBooks sign-in has expired or was revoked';
    // 3100 (HTTP 403, AuthorizationFailed) is what a token of another company gets today
    // (intuit/oauth-jsclient#2, node-quickbooks#154); 100 is the older XML answer.
    case '100':
    case '120':
    case '3100':
      return "the QuickBooks sign-in does not belong to this company; check the connection's company (realm) id";
    case 'refresh-lost':
      return (
        'the answer to a token refresh was lost on its way back just as QuickBooks replaced the ' +
        'refresh token, so the saved one no longer works; reconnect QuickBooks in Connections'
      );
    case 'invalid_grant':
      return 'the saved QuickBooks refresh token is no longer valid; reconnect QuickBooks in Connections';
    case 'invalid_client':
      return "QuickBooks did not accept the app's client id or secret";
    case 'network':
      return `QuickBooks could not be reached (${e.detail})`;
    default:
      return e.status >= 500
        ? `QuickBooks had an internal error (${e.title})`
        : `${e.title}${e.detail ? `: ${e.detail}` : ''}`;
  }
}

export class QboError extends Error {
  override readonly name = 'QboError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly element?: string;
  readonly entity?: string;
  readonly kind: QboErrorKind;
  readonly intuitTid?: string;
  readonly retryAfter?: number;

  constructor(init: QboErrorInit) {
    const what = init.entity ? `the ${init.entity}` : 'the request';
    super(`QuickBooks refused ${what}: ${explain(init)} (code ${init.code}).`);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.element = init.element || undefined;
    this.entity = init.entity;
    this.kind = kindOf(init.status, init.code);
    this.intuitTid = init.intuitTid;
    this.retryAfter = init.retryAfter;
  }
}

type Json = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Shape 1 (`Fault` with `Error[]`), also used for batch items. */
export function fromFault(fault: Json, status: number, entity?: string, intuitTid?: string): QboError {
  const errors = (fault.Error ?? fault.error ?? []) as Json[];
  const first = errors[0] ?? {};
  return new QboError({
    status,
    code: str(first.code ?? first.Code),
    title: str(first.Message ?? first.message),
    detail: str(first.Detail ?? first.detail),
    element: str(first.element ?? first.Element),
    entity,
    intuitTid,
  });
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });

/** Any non-2xx answer of QuickBooks (API or token endpoint) → QboError. */
export function parseQboError(
  status: number,
  body: string,
  opts: { entity?: string; intuitTid?: string; retryAfter?: string | null } = {},
): QboError {
  const retryAfter = opts.retryAfter && Number.isFinite(Number(opts.retryAfter)) ? Number(opts.retryAfter) : undefined;
  const base = { status, entity: opts.entity, intuitTid: opts.intuitTid, retryAfter };
  const text = body.trim();
  if (text.startsWith('<')) {
    try {
      const doc = xml.parse(text) as Json;
      const resp = (doc.IntuitResponse ?? {}) as Json;
      const err = ((resp.Fault as Json)?.Error ?? {}) as Json;
      const e = Array.isArray(err) ? (err[0] as Json) : err;
      // The XML message reads "message=ThrottleExceeded; errorCode=003001; …"; the code attribute is "3001".
      return new QboError({
        ...base,
        code: str(e['@code']) || String(status),
        title: str(e.Message),
        detail: str(e.Detail),
      });
    } catch {
      /* fall through to the raw text */
    }
  }
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as Json;
      if (json.Fault) return fromFault(json.Fault as Json, status, opts.entity, opts.intuitTid);
      if (json.fault) return fromFault(json.fault as Json, status, opts.entity, opts.intuitTid);
      if (typeof json.error === 'string')
        return new QboError({ ...base, code: json.error, title: json.error, detail: str(json.error_description) });
    } catch {
      /* not JSON after all */
    }
  }
  return new QboError({ ...base, code: String(status), title: `HTTP ${status}`, detail: text.slice(0, 300) });
}

export function networkError(cause: unknown, entity?: string): QboError {
  const c = cause as { message?: string; cause?: { code?: string; message?: string } };
  const detail = c?.cause?.code ?? c?.cause?.message ?? c?.message ?? String(cause);
  return new QboError({ status: 0, code: 'network', title: 'Network error', detail, entity });
}
