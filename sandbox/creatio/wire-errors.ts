// The three error body shapes a real Creatio sends (external-apis.md A9).
// Handlers throw SimError; the dispatcher turns it into status + body.

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body (object), raw text (string), or undefined for an empty body. */
  body?: unknown;
}

export class SimError extends Error {
  constructor(readonly response: SimResponse) {
    super(`Creatio simulator ${response.status}`);
  }
}

/** OData error object: `{"error":{"code","message","innererror"}}` (query/body problems). */
export function odataError(status: number, message: string): SimError {
  return new SimError({
    status,
    body: { error: { code: '', message, innererror: { message, type: '', stacktrace: '' } } },
  });
}

/** Routing 404 for an entity set that is not registered (e.g. not yet published). Not an OData error object. */
export function routingNotFound(url: string, entity: string): SimError {
  return new SimError({
    status: 404,
    body: {
      Message: `No HTTP resource was found that matches the request URI '${url}'.`,
      MessageDetail: `No type was found that matches the controller named '${entity}'.`,
    },
  });
}

/** ASP.NET unhandled-exception body, used for 500s (database errors and injected faults). */
export function aspNetError(exceptionMessage: string, exceptionType = 'System.Data.SqlClient.SqlException'): SimError {
  return new SimError({
    status: 500,
    body: {
      Message: 'An error has occurred.',
      ExceptionMessage: exceptionMessage,
      ExceptionType: exceptionType,
      StackTrace: '   at Terrasoft.Core.DB.DBExecutor.Execute(...)\r\n   at Terrasoft.Core.Entities.Entity.Save(...)',
    },
  });
}

/** ASP.NET Web API's body for a request without a valid session or token. */
export function unauthorized(): SimError {
  return new SimError({ status: 401, body: { Message: 'Authorization has been denied for this request.' } });
}

export const QUERY_INVALID = 'The query specified in the URI is not valid.';
