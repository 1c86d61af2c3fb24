import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, sha256Hex, sha256HexOfParts, toHex } from './sha256';

// Request ids and idempotency keys are these digests: a change of bytes would make a rerun
// after an upgrade write again what it had written, so every form must agree.
describe('SHA-256 for request ids', () => {
  const text = 'key|create|{"DisplayName":"Café — Déjà Vu","Notes":"<tags> & \\"quotes\\""}';
  const expected = createHash('sha256').update(text, 'utf8').digest('hex');

  it('gives the same hex digest whole, in parts and as bytes', async () => {
    expect(await sha256Hex(text)).toBe(expected);
    expect(await sha256HexOfParts(['key', '|', 'create', '|', text.slice('key|create|'.length)])).toBe(expected);
    expect(toHex(await sha256(text))).toBe(expected);
  });

  it('hashes no parts as the empty text', async () => {
    expect(await sha256HexOfParts([])).toBe(createHash('sha256').update('').digest('hex'));
  });
});
