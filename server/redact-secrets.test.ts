// Secrets never reach a log line or a failed record's payload (issue 7).
import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactText, rememberSecrets } from './redact-secrets';

describe('secret redaction', () => {
  it('masks every remembered secret wherever it appears', () => {
    rememberSecrets({ password: 'Sup3r-Secret&<x>', short: 'abc' });
    expect(redactText('login failed for Sup3r-Secret&<x> at https://x')).toBe(
      `login failed for ${REDACTED} at https://x`,
    );
    expect(redactText('abc stays: too short to be told from words')).toContain('abc');
  });

  it('masks bearer tokens and password=… in messages from other systems', () => {
    expect(redactText('GET /v3 Authorization: Bearer eyJhbGciOi.J9.sig-123')).toBe(
      `GET /v3 Authorization: Bearer ${REDACTED}`,
    );
    expect(redactText('{"refresh_token":"AB12cd34ef"}')).toBe(`{"refresh_token":"${REDACTED}"}`);
    expect(redactText('password=hunter22&user=a')).toBe(`password=${REDACTED}&user=a`);
  });

  it('masks secret-named fields of a failed record and keeps the rest intact', () => {
    const failure = {
      record: { key: '1', data: { Name: 'Ann & "Bo" <Co>', ApiKey: 'k-123456', nested: { accessToken: 'zzz' } } },
      failure: { message: 'Sup3r-Secret&<x> rejected' },
    };
    expect(redactDeep(failure)).toEqual({
      record: { key: '1', data: { Name: 'Ann & "Bo" <Co>', ApiKey: REDACTED, nested: { accessToken: REDACTED } } },
      failure: { message: `${REDACTED} rejected` },
    });
  });
});
