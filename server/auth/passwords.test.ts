// Password hashing (scrypt, memory-hard) and the per-computer sign-in limit.
import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';

describe('passwords', () => {
  it('stores a salted scrypt hash with its parameters, never the password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('explains a weak new password in plain words', () => {
    expect(passwordProblem('short')).toBe('Use at least 12 characters for the password.');
    expect(passwordProblem('maria-1234567', 'maria@example.com')).toBe('Do not use your email name in the password.');
    expect(passwordProblem('a long enough passphrase')).toBeNull();
  });
});

describe('password checks per computer', () => {
  it('makes a computer wait once it made the limit of checks in the window, gives back right ones, and lets it go after', () => {
    const l = new LoginLimiter(3, 60_000);
    expect([l.attempt('ip', 0), l.attempt('ip', 1), l.attempt('ip', 2)]).toEqual([0, 0, 0]);
    expect(l.attempt('ip', 3)).toBe(59_997);
    expect(l.attempt('other', 3)).toBe(0);
    l.succeeded('ip');
    expect(l.attempt('ip', 4)).toBe(0);
    expect(l.attempt('ip', 5)).toBe(59_995);
    expect(l.attempt('ip', 60_001)).toBe(0);
  });
});
