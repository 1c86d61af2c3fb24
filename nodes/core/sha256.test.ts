import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, sha256Hex, sha256HexNow, toHex } from './sha256';

// Request ids and idempotency keys are these digests: a change of bytes would make a rerun
// after an upgrade write again what it had written, so every form must agree.
describe('SHA-256 for request ids', () => {
  const text = 'key|create|{"DisplayName":"Café — Déjà Vu","Notes":"<tags> & \\"quotes\\""}';
  const expected = createHash('sha256').update(text, 'utf8').digest('hex');

  it('gives the same hex digest at once, awaited and as bytes', async () => {
    expect(await sha256Hex(text)).toBe(expected);
    expect(sha256HexNow(text)).toBe(expected);
    expect(toHex(await sha256(text))).toBe(expected);
  });

  it('hashes the empty text', () => {
    expect(sha256HexNow('')).toBe(createHash('sha256').update('').digest('hex'));
  });
});
