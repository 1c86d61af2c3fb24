// The three Creatio error shapes (external-apis.md A9), written out by hand as they
// appear on the wire, plus an HTML page from IIS: each becomes one plain-words error.
import { describe, expect, it } from 'vitest';
import { creatioErrorFromResponse, parseErrorBody } from './creatio-error';

describe('creatioErrorFromResponse', () => {
  it('reads the OData error object', () => {
    const body = JSON.stringify({
      error: {
        code: '',
        message:
          "The query specified in the URI is not valid. Could not find a property named 'Emial' on type 'Terrasoft.Configuration.OData.Contact'.",
        innererror: { message: 'x', type: '', stacktrace: '' },
      },
    });
    const e = creatioErrorFromResponse(400, body, { entity: 'Contact', action: 'reading' });
    expect(e).toMatchObject({ status: 400, kind: 'bad-request', field: 'Emial', entity: 'Contact' });
    expect(e.message).toBe(
      "Creatio object 'Contact' has no field 'Emial'. Check the field name (names are case-sensitive, e.g. 'Name', 'UsrQBFullName').",
    );
    expect(e.detail).toMatch(/^The query specified in the URI is not valid/);
  });

  it('reads the routing 404, which is not an OData error object', () => {
    const body = JSON.stringify({
      Message: "No HTTP resource was found that matches the request URI 'https://x/0/odata/UsrNew'.",
      MessageDetail: "No type was found that matches the controller named 'UsrNew'.",
    });
    const e = creatioErrorFromResponse(404, body);
    expect(e.kind).toBe('not-found');
    expect(e.message).toMatch(/^Creatio has no object named 'UsrNew'\..*published/);
  });

  it('reads the ASP.NET exception body and keeps the exception type as code', () => {
    const body = JSON.stringify({
      Message: 'An error has occurred.',
      ExceptionMessage: 'Object reference not set to an instance of an object.',
      ExceptionType: 'System.NullReferenceException',
      StackTrace: '   at …',
    });
    const e = creatioErrorFromResponse(500, body, { entity: 'Account', action: 'updating a record of' });
    expect(e).toMatchObject({ kind: 'server', code: 'System.NullReferenceException', transient: true });
    expect(e.message).toMatch(
      /^Creatio had an internal error while updating a record of Creatio object 'Account' \(HTTP 500\)\. .*Object reference not set/,
    );
  });

  it('recognises the shapes by content even when the status is lost', () => {
    expect(parseErrorBody(JSON.stringify({ error: { code: '42', message: 'm' } }))).toMatchObject({
      code: '42',
      serverMessage: 'm',
    });
    expect(parseErrorBody(JSON.stringify({ Message: 'a', MessageDetail: 'b' }))).toMatchObject({
      serverMessage: 'a',
      extra: 'b',
    });
    expect(parseErrorBody(JSON.stringify({ Message: 'a', ExceptionMessage: 'c', ExceptionType: 'T' }))).toMatchObject({
      code: 'T',
      serverMessage: 'c',
    });
  });

  it('turns an HTML error page into short text and reads Retry-After', () => {
    const e = creatioErrorFromResponse(503, '<html><body><h1>Service Unavailable</h1></body></html>', {}, '3');
    expect(e.detail).toBe('Service Unavailable');
    expect(e.retryAfterMs).toBe(3000);
    expect(creatioErrorFromResponse(429, '').kind).toBe('rate-limit');
    expect(creatioErrorFromResponse(401, '').kind).toBe('auth');
  });
});
