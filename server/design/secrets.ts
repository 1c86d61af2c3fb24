// Secrets at rest: AES-256-GCM with a key from WEFT_SECRET_KEY (base64, 32 bytes)
// or a key file created with mode 0600 beside the data on first start.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static open(dataDir: string): SecretBox {
    const fromEnv = process.env.WEFT_SECRET_KEY;
    if (fromEnv) return new SecretBox(checkKey(Buffer.from(fromEnv, 'base64'), 'WEFT_SECRET_KEY'));
    const file = join(dataDir, 'secret.key');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    return new SecretBox(checkKey(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), file));
  }

  seal(value: Record<string, unknown>): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(JSON.stringify(value), 'utf8'), c.final()]);
    return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  open(sealed: string): Record<string, unknown> {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1') throw new Error('Unknown secret format');
    const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return JSON.parse(Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8'));
  }
}

function checkKey(key: Buffer, from: string): Buffer {
  if (key.length !== 32) throw new Error(`The secret key in ${from} must be 32 bytes, base64-encoded.`);
  return key;
}
