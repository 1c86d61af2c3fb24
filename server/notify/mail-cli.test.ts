// `weft mail test --to` as a set-up script runs it: a real process, a real SMTP server.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../boot';
import { startTestSmtp, type TestSmtp } from './test-smtp';

let smtp: TestSmtp;
beforeAll(async () => (smtp = await startTestSmtp()));
afterAll(() => smtp.close());

function weftMail(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/weft.mjs'), 'mail', ...args], {
      env: { ...process.env, ...env },
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('sends a test mail from the given sender and says where it went (exit 0)', async () => {
  const r = await weftMail(['test', '--to', 'ops@example.com', '--json'], {
    WEFT_SMTP_URL: smtp.url,
    WEFT_MAIL_FROM: 'weft@acme.example',
  });
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, message: expect.stringContaining('ops@example.com') });
  expect(smtp.mails.at(-1)).toMatchObject({
    from: 'weft@acme.example',
    to: ['ops@example.com'],
    subject: 'Weft test mail',
  });
}, 60_000);

it('says in plain words when no mail server is set or it cannot be reached (exit 1)', async () => {
  const none = await weftMail(['test', '--to', 'ops@example.com'], { WEFT_SMTP_URL: '' });
  expect(none.code).toBe(1);
  expect(none.stdout).toMatch(/No mail server is set\. Set WEFT_SMTP_URL/);
  const down = await weftMail(['test', '--to', 'ops@example.com'], { WEFT_SMTP_URL: 'smtp://127.0.0.1:9' });
  expect(down.code).toBe(1);
  expect(down.stdout).toMatch(/127\.0\.0\.1:9 refused the connection/);
}, 60_000);
