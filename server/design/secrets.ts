// Secrets at rest: AES-256-GCM with a key from WEFT_SECRET_KEY (base64, 32 bytes)
// or a key file created with mode 0600 beside the data on first start.
// `weft rotate-key` (rotate-key.ts) re-seals everything under a new key; a sealed
// value names its key (v2.<key id>.…) so a rotation cut short is never fatal:
// the box opens values sealed under any key it holds.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE = 'secret.key';
/** The new key while a rotation is under way (renamed over KEY_FILE when it is done). */
export const NEXT_KEY_FILE = 'secret.key.next';

export class SecretBox {
  /** keys[0] seals; every key opens. */
  private constructor(private readonly keys: Buffer[]) {}

  static withKeys(keys: Buffer[]): SecretBox {
    return new SecretBox(keys.map((k, i) => checkKey(k, `key ${i + 1}`)));
  }

  static open(dataDir: string): SecretBox {
    const keys: Buffer[] = [];
    const fromEnv = process.env.WEFT_SECRET_KEY;
    if (fromEnv) keys.push(checkKey(Buffer.from(fromEnv, 'base64'), 'WEFT_SECRET_KEY'));
    const file = join(dataDir, KEY_FILE);
    if (!fromEnv && !existsSync(file)) {
      try {
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another Weft made it first
      }
    }
    if (existsSync(file)) keys.push(readKeyFile(file));
    // A rotation that stopped half-way: values may be sealed under either key.
    const next = join(dataDir, NEXT_KEY_FILE);
    if (existsSync(next)) keys.push(readKeyFile(next));
    return new SecretBox(keys);
  }

  /**
   * The key of a `weft worker` serving another machine's Weft (issues 6, 4): it
   * opens the connection vault the server sealed, so it needs that same key —
   * `--key-file`, else WEFT_SECRET_KEY, else secret.key in the data folder. It
   * never makes a key: a new one would open nothing.
   */
  static forWorker(dataDir: string, keyFile?: string): SecretBox {
    if (keyFile) {
      if (!existsSync(keyFile))
        throw new Error(
          `There is no key file ${keyFile}. Copy secret.key from the data folder of the Weft this worker serves.`,
        );
      return new SecretBox([readKeyFile(keyFile)]);
    }
    const fromEnv = process.env.WEFT_SECRET_KEY;
    const file = join(dataDir, KEY_FILE);
    if (!fromEnv && !existsSync(file)) {
      throw new Error(
        `A worker needs the secret key of the Weft it serves, to open its connections: set WEFT_SECRET_KEY ` +
          `to the contents of secret.key in that Weft's data folder, or pass --key-file with a copy of ` +
          `it (readable only by this user).`,
      );
    }
    return SecretBox.open(dataDir);
  }

  seal(value: Record<string, unknown>): string {
    const key = this.keys[0];
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([c.update(JSON.stringify(value), 'utf8'), c.final()]);
    return ['v2', keyId(key), iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join(
      '.',
    );
  }

  open(sealed: string): Record<string, unknown> {
    const parts = sealed.split('.');
    if (parts[0] === 'v1' && parts.length === 4) {
      for (const key of this.keys) {
        try {
          return decrypt(key, parts[1], parts[2], parts[3]);
        } catch {
          // try the next key
        }
      }
      throw new Error(
        'A stored secret cannot be opened with the secret key: was secret.key or WEFT_SECRET_KEY replaced?',
      );
    }
    if (parts[0] !== 'v2' || parts.length !== 5) throw new Error('Unknown secret format');
    const key = this.keys.find((k) => keyId(k) === parts[1]);
    if (!key)
      throw new Error(
        'A stored secret was sealed with a key Weft does not have: was secret.key or WEFT_SECRET_KEY replaced?',
      );
    return decrypt(key, parts[2], parts[3], parts[4]);
  }

  /** The value, when `sealed` is a sealed value that opens under one of this box's keys; else null (never throws). */
  tryOpen(sealed: string): Record<string, unknown> | null {
    try {
      return this.open(sealed);
    } catch {
      return null;
    }
  }

  /** Whether this looks like a value `seal` made; only opening it proves it (see tryOpen). */
  static isSealed(value: unknown): value is string {
    return typeof value === 'string' && /^(v1\.[^.]+\.[^.]+\.[^.]+|v2\.[\w-]{8}\.[^.]+\.[^.]+\.[^.]+)$/.test(value);
  }
}

function decrypt(key: Buffer, iv: string, tag: string, body: string): Record<string, unknown> {
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  d.setAuthTag(Buffer.from(tag, 'base64'));
  return JSON.parse(Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8'));
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

export function writeKeyFile(file: string, key: Buffer): void {
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  chmodSync(file, 0o600);
}

export function readKeyFile(file: string): Buffer {
  return checkKey(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), file);
}

function checkKey(key: Buffer, from: string): Buffer {
  if (key.length !== 32) throw new Error(`The secret key in ${from} must be 32 bytes, base64-encoded.`);
  return key;
}
