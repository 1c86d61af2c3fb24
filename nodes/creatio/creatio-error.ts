// One error type for everything that can go wrong talking to Creatio, parsed from
// the three body shapes it sends (external-apis.md A9): the OData `{"error":{…}}`
// object, the routing 404 `{Message, MessageDetail}` and the ASP.NET
// `{Message, ExceptionMessage, ExceptionType, StackTrace}`. Messages are plain words
// naming the entity and field; the server's own text stays in `detail`.

export type CreatioErrorKind = 'auth' | 'bad-request' | 'not-found' | 'rate-limit' | 'server' | 'network';

export interface CreatioErrorInit {
  status: number;
  kind: CreatioErrorKind;
  message: string;
  code?: string;
  detail?: string;
  entity?: string;
  field?: string;
  retryAfterMs?: number;
  /** A 5xx that sending again cannot fix (a database refusal of this record's data). */
  permanent?: boolean;
}

export class CreatioError extends Error {
  /** HTTP status; 0 for network failures. */
  readonly status: number;
  readonly kind: CreatioErrorKind;
  /** Server code: OData error code or ASP.NET exception type, if any. */
  readonly code: string;
  /** The server's own message, verbatim. */
  readonly detail: string;
  readonly entity?: string;
  readonly field?: string;
  readonly retryAfterMs?: number;
  readonly permanent: boolean;

  constructor(init: CreatioErrorInit) {
    super(init.message);
    this.name = 'CreatioError';
    this.status = init.status;
    this.kind = init.kind;
    this.code = init.code ?? '';
    this.detail = init.detail ?? '';
    this.entity = init.entity;
    this.field = init.field;
    this.retryAfterMs = init.retryAfterMs;
    this.permanent = init.permanent ?? false;
  }

  /** Worth retrying as is: network failures, throttling, server errors. */
  get transient(): boolean {
    return !this.permanent && (this.kind === 'network' || this.kind === 'rate-limit' || this.kind === 'server');
  }
}

export function kindOfStatus(status: number): CreatioErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limit';
  if (status >= 500) return 'server';
  return 'bad-request';
}

interface Parsed {
  code: string;
  serverMessage: string;
  extra: string;
}

/** Read any of the three shapes (or HTML/text) into code + message. */
export function parseErrorBody(text: string): Parsed {
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  const err = json?.error as { code?: string; message?: string; innererror?: { message?: string } } | undefined;
  if (err && typeof err === 'object') {
    return { code: err.code ?? '', serverMessage: err.message ?? '', extra: err.innererror?.message ?? '' };
  }
  if (json && typeof json.ExceptionMessage === 'string') {
    return {
      code: String(json.ExceptionType ?? ''),
      serverMessage: json.ExceptionMessage,
      extra: String(json.Message ?? ''),
    };
  }
  if (json && typeof json.Message === 'string') {
    return { code: '', serverMessage: json.Message, extra: String(json.MessageDetail ?? '') };
  }
  // HTML from IIS or a proxy (e.g. 503): keep the visible text, short.
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { code: '', serverMessage: plain.slice(0, 300), extra: '' };
}

export interface ErrorContext {
  entity?: string;
  /** What we were doing, e.g. "reading", "creating a record in". */
  action?: string;
}

/** Build a CreatioError from an HTTP answer. */
export function creatioErrorFromResponse(
  status: number,
  bodyText: string,
  ctx: ErrorContext = {},
  retryAfter?: string | null,
): CreatioError {
  const { code, serverMessage, extra } = parseErrorBody(bodyText);
  const entity = ctx.entity;
  const what = entity
    ? `${ctx.action ?? 'working with'} Creatio object '${entity}'`
    : `${ctx.action ?? 'calling'} Creatio`;
  const detail = [serverMessage, extra && extra !== serverMessage ? extra : ''].filter(Boolean).join(' — ');
  let field: string | undefined;
  let message: string;
  // Database constraint refusals come back as 500s but are about the data: retrying cannot help.
  const permanent = /would be truncated|FOREIGN KEY|REFERENCE constraint|PRIMARY KEY/.test(serverMessage);
  let m: RegExpExecArray | null;
  if ((m = /No type was found that matches the controller named '([^']+)'/.exec(extra + serverMessage))) {
    message = `Creatio has no object named '${m[1]}'. Check the spelling; a newly created object needs to be published (1–2 minutes) before it can be used.`;
  } else if (
    (m =
      /(?:Could not find a property named|The property) '([^']+)' (?:on type|does not exist on type) '[^']*?([A-Za-z0-9_]+)'/.exec(
        serverMessage,
      ))
  ) {
    field = m[1];
    message = `Creatio object '${m[2]}' has no field '${m[1]}'. Check the field name (names are case-sensitive, e.g. 'Name', 'UsrQBFullName').`;
  } else if ((m = /Column by path ([\w.]+) not found in schema (\w+)/.exec(serverMessage))) {
    field = m[1];
    const nav = m[1].endsWith('Id') ? `${m[1].slice(0, -2)}/Id` : m[1];
    message = `Creatio cannot filter '${m[2]}' on '${m[1]}'. A lookup is filtered by its path, e.g. '${nav} eq <id>'.`;
  } else if ((m = /would be truncated in table '(?:dbo\.)?(\w+)', column '(\w+)'/.exec(serverMessage))) {
    field = m[2];
    message = `A value is too long for field '${m[2]}' of Creatio object '${m[1]}'. Shorten it or map a shorter value.`;
  } else if ((m = /FOREIGN KEY constraint "FK(\w+?)Id\w*".*table "(?:dbo\.)?(\w+)"/.exec(serverMessage))) {
    field = `${m[1]}Id`;
    message = `Field '${field}' of Creatio object '${entity ?? '?'}' points to a ${m[2]} record that does not exist.`;
  } else if (/REFERENCE constraint/.test(serverMessage)) {
    message = `Creatio refused to delete the ${entity ?? ''} record because other records still refer to it.`.replace(
      '  ',
      ' ',
    );
  } else if (status === 401) {
    message =
      `Creatio refused access while ${what}: the session has expired or the ` +
      `credentials are not accepted. Check the connection's user name and password.`;
  } else if (status === 403) {
    message = `The Creatio user has no rights for ${what}. Ask the Creatio administrator to grant access.`;
  } else if (status === 404) {
    message = `Creatio could not find the record while ${what}; it may have been deleted.`;
  } else if (status === 429) {
    message = `Creatio is limiting the request rate while ${what}. Weft slows down and retries.`;
  } else if (status >= 500) {
    message =
      `Creatio had an internal error while ${what} (HTTP ${status}). Usually ` +
      `temporary; if it repeats, give support this detail: ${detail || 'no detail'}.`;
  } else {
    message = `Creatio rejected the request while ${what}: ${detail || `HTTP ${status}`}`;
  }
  const seconds = retryAfter ? Number(retryAfter) : NaN;
  return new CreatioError({
    status,
    kind: kindOfStatus(status),
    message,
    code,
    detail,
    entity,
    field,
    retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : undefined,
    permanent,
  });
}

export function networkError(cause: unknown, ctx: ErrorContext & { baseUrl: string }): CreatioError {
  const reason = (cause as { cause?: { code?: string; message?: string } })?.cause;
  const why = reason?.code ?? reason?.message ?? (cause as Error)?.message ?? 'unknown';
  return new CreatioError({
    status: 0,
    kind: 'network',
    message:
      `Could not reach Creatio at ${ctx.baseUrl}${ctx.entity ? ` while ${ctx.action ?? 'working with'} '${ctx.entity}'` : ''}: ` +
      `the connection failed (${why}). Check the address and that the site is up.`,
    detail: String((cause as Error)?.message ?? cause),
    entity: ctx.entity,
  });
}
