// The plain words of a connection test that could not reach its system (issue 13).
// The errors are shaped as Node's fetch throws them: TypeError "fetch failed" with
// the reason's code on `cause` (a TLS verification failure, DNS, a refused port).
import { describe, expect, it } from 'vitest';
import { unreachableResult } from './connection-test';

const fetchFailed = (code: string) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });

describe('unreachableResult', () => {
  it('says the certificate of the host is not trusted', () => {
    expect(
      unreachableResult(fetchFailed('DEPTH_ZERO_SELF_SIGNED_CERT'), 'https://crm.example.com/0/odata', false),
    ).toEqual({
      ok: false,
      message:
        'The certificate of crm.example.com is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT). Install a ' +
        'certificate from a trusted authority on that server, or check the address.',
    });
  });

  it('says a host name does not exist, and which host did not answer in time', () => {
    expect(unreachableResult(fetchFailed('ENOTFOUND'), 'https://crm.exmaple.com', false).message).toBe(
      'crm.exmaple.com was not found: no such host name. Check the address for typing errors.',
    );
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(unreachableResult(timeout, 'https://crm.example.com:8443', true).message).toMatch(
      /^crm\.example\.com:8443 did not answer within 10 seconds\./,
    );
  });
});
