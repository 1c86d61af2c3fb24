// Password hashing with scrypt, Node's built-in memory-hard KDF (no extra package).
// N = 2^17, r = 8, p = 1 (128 MiB per hash) follows OWASP's password storage
// cheat sheet; the parameters are stored with each hash so they can be raised later.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 12;

/**
 * At most this many hashes at once (issue 18). scrypt runs on libuv's thread pool (4
 * threads), never on the event loop; but each takes 128 MiB and a core for a while, and
 * a burst (one tRPC batch of 100 password checks) used to fill the pool, stalling file
 * and DNS work of every other request. Further hashes wait their turn, in order.
 */
export const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  // A finished hash hands its slot straight to the next in line (no `running` change in between).
  if (running < MAX_CONCURRENT_HASHES) running++;
  else await new Promise<void>((r) => waiting.push(r));
  try {
    const options: ScryptOptions = { ...o, maxmem: 256 * o.N * o.r + 16 * 1024 * 1024 };
    return await new Promise((ok, fail) =>
      scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (e, key) => (e ? fail(e) : ok(key))),
    );
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, N, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Spends the same time as a real check, so "no such user" is not faster than "wrong password". */
let dummy: Promise<string> | null = null;
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('weft-dummy-password');
  await verifyPassword(password, await dummy);
  return false;
}

/** A problem with a new password, in plain words, or null. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters for the password.`;
  if (password.length > 200) return 'Use at most 200 characters for the password.';
  if (email && password.toLowerCase().includes(email.split('@')[0].toLowerCase()) && email.split('@')[0].length >= 4)
    return 'Do not use your email name in the password.';
  return null;
}

export function generatePassword(): string {
  // 18 random bytes = 24 base64url characters, ~144 bits.
  return randomBytes(18).toString('base64url');
}
