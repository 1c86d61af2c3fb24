// `weft connections add | test | list` and `weft run --connection` as a script uses
// them (issue 13), in real processes on one data folder with no Weft running:
// sandboxes started alone (`weft sandbox creatio|qbo`), connections added in a
// second workspace with secrets on stdin, the accounts → customers template run
// against them there.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './boot';
import { freePort } from './test-free-port';

const dir = mkdtempSync(join(tmpdir(), 'weft-cli-connections-'));
// A port free now for the embedded PostgreSQL of this data folder: the one derived from the folder's
// path can collide with another test's server (a CI run failed so: "did not start").
const pgPort = await freePort();
const env = { ...process.env, WEFT_DATA_DIR: dir, PORT: '0', DATABASE_URL: '', WEFT_PG_PORT: String(pgPort) };
const children: ChildProcess[] = [];
/** Each command starts its own process and opens the stores (about 10 s on a busy 2-core machine). */
const CLI_TIMEOUT = 300_000;

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  rmSync(dir, { recursive: true, force: true });
});

function weft(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/weft.mjs'), ...args], { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** `weft sandbox <which>` in its own process; resolves with the JSON line it prints when ready. */
async function sandbox(which: string): Promise<Record<string, string>> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/weft.mjs'), 'sandbox', which, '--port', '0', '--accounts', '20'],
    { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  for await (const line of createInterface({ input: child.stdout! }))
    if (line.startsWith('{')) return JSON.parse(line) as Record<string, string>;
  throw new Error(`weft sandbox ${which} ended before it was ready`);
}

const lastJson = (out: string) => JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;

describe('weft connections', () => {
  let creatio: Record<string, string>;
  let qbo: Record<string, string>;
  beforeAll(async () => {
    [creatio, qbo] = await Promise.all([sandbox('creatio'), sandbox('qbo')]);
  });

  it(
    'adds, tests and lists connections in a second workspace, secrets only from stdin',
    async () => {
      const add = await weft(
        [
          'connections',
          'add',
          'creatio',
          '--name',
          'Acme CRM',
          '--workspace',
          'acme',
          '--set',
          `url=${creatio.baseUrl}`,
          '--set',
          `username=${creatio.username}`,
          '--secrets-stdin',
        ],
        JSON.stringify({ password: creatio.password }),
      );
      expect(add.stderr).toContain('Made the workspace "acme".');
      expect(add.stdout).toMatch(/^Added the creatio connection "Acme CRM" \(id acme-crm-[0-9a-f]{6}\)\./);
      const books = await weft(
        [
          'connections',
          'add',
          'quickbooks-online',
          '--name',
          'Acme books',
          '--workspace',
          'acme',
          '--set',
          `baseUrl=${qbo.baseUrl}`,
          '--set',
          `realmId=${qbo.realmId}`,
          '--set',
          `clientId=${qbo.clientId}`,
          '--secrets-stdin',
        ],
        JSON.stringify({ clientSecret: qbo.clientSecret, refreshToken: qbo.refreshToken }),
      );
      expect(books.code).toBe(0);
      const wrong = await weft(
        [
          'connections',
          'add',
          'creatio',
          '--name',
          'Acme CRM (old password)',
          '--workspace',
          'acme',
          '--set',
          `url=${creatio.baseUrl}`,
          '--set',
          `username=${creatio.username}`,
          '--secrets-stdin',
        ],
        '{"password":"last-years-password"}',
      );
      expect(wrong.code).toBe(0);

      const ok = await weft(['connections', 'test', 'Acme CRM', '--workspace', 'acme', '--json']);
      expect(lastJson(ok.stdout)).toEqual({
        ok: true,
        message: `Signed in to ${creatio.baseUrl} as ${creatio.username}.`,
      });
      expect(ok.code).toBe(0);
      const refused = await weft(['connections', 'test', 'Acme CRM (old password)', '--workspace', 'acme', '--json']);
      expect(lastJson(refused.stdout)).toEqual({
        ok: false,
        message: `The password was refused for ${creatio.username} at ${creatio.baseUrl}. Check the user name and password.`,
      });
      expect(refused.code).toBe(1);

      const list = await weft(['connections', 'list', '--workspace', 'acme', '--json']);
      const rows = JSON.parse(list.stdout.trim()) as { name: string; kind: string; settings: Record<string, string> }[];
      expect(rows.map((r) => `${r.kind} ${r.name}`).sort()).toEqual([
        'creatio Acme CRM',
        'creatio Acme CRM (old password)',
        'quickbooks-online Acme books',
      ]);
      expect(rows.find((r) => r.name === 'Acme CRM')!.settings).toMatchObject({
        baseUrl: creatio.baseUrl,
        username: creatio.username,
      });
      for (const secret of [creatio.password, qbo.clientSecret, qbo.refreshToken, 'last-years-password'])
        expect(list.stdout).not.toContain(secret);
      // Not in the first workspace.
      expect(
        JSON.parse((await weft(['connections', 'list', '--json'])).stdout.trim()).some(
          (r: { name: string }) => r.name === 'Acme CRM',
        ),
      ).toBe(false);
    },
    CLI_TIMEOUT,
  );

  it(
    'refuses a secret given in argv, and a setting the kind does not have',
    async () => {
      const r = await weft([
        'connections',
        'add',
        'creatio',
        '--name',
        'X',
        '--workspace',
        'acme',
        '--set',
        `url=${creatio.baseUrl}`,
        '--set',
        'password=hunter2',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        '"password" is a secret of Creatio: give it with the secrets (on stdin for the command line), never as a setting.',
      );
      const s = await weft([
        'connections',
        'add',
        'creatio',
        '--name',
        'X',
        '--workspace',
        'acme',
        '--set',
        'colour=red',
      ]);
      expect(s.stderr).toContain('Creatio has no setting "colour"');
    },
    CLI_TIMEOUT,
  );

  it(
    'runs the accounts → customers template against the named connections of the second workspace',
    async () => {
      const r = await weft([
        'run',
        'creatio-accounts-to-qbo-customers',
        '--workspace',
        'acme',
        '--connection',
        'creatio=Acme CRM',
        '--connection',
        'quickbooks-online=Acme books',
        '--json',
      ]);
      if (!r.stdout.trim()) throw new Error(`weft run printed nothing; it said: ${r.stderr}`);
      const summary = lastJson(r.stdout) as {
        status: string;
        nodes: { id: string; in: number; out: number; failed: number }[];
      };
      expect(summary.nodes[0]).toMatchObject({ id: 'accounts', in: 20, out: 20, failed: 0 });
      expect(summary.nodes.at(-1)!.id).toBe('customers');
      expect(summary.nodes.at(-1)!.out).toBeGreaterThan(0);
      expect(['succeeded', 'completed-with-errors']).toContain(summary.status);
      const unknown = await weft([
        'run',
        'creatio-accounts-to-qbo-customers',
        '--workspace',
        'acme',
        '--connection',
        'creatio=Nobody',
      ]);
      expect(unknown.stderr).toMatch(
        /there is no connection "Nobody" in this workspace\. Connections: "Acme CRM" \(creatio\)/,
      );
    },
    CLI_TIMEOUT,
  );

  it(
    'through a running Weft: a company file added in the second workspace is served at /qbwc to `weft sandbox qbd`',
    async () => {
      const server = spawn(process.execPath, [join(ROOT, 'bin/weft.mjs'), 'start'], {
        env,
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(server);
      let url = '';
      for await (const line of createInterface({ input: server.stdout! })) {
        url ||= /Weft is ready in [\d.]+ s\. Open (http:\/\/\S+) in your browser\./.exec(line)?.[1] ?? '';
        if (url && /^Data folder:/.test(line)) break;
      }
      const add = await weft([
        'connections',
        'add',
        'quickbooks-desktop',
        '--name',
        'Acme company file',
        '--workspace',
        'acme',
        '--set',
        'userName=acme-file',
        '--json',
      ]);
      expect(add.stderr).toContain(`Using the Weft running at ${url}.`);
      const { generated } = lastJson(add.stdout) as { generated: { password: string } };
      const notYet = await weft(['connections', 'test', 'Acme company file', '--workspace', 'acme', '--json']);
      expect(lastJson(notYet.stdout)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^The Web Connector has not called yet as acme-file\./),
      });

      const qbd = spawn(
        process.execPath,
        [
          join(ROOT, 'bin/weft.mjs'),
          'sandbox',
          'qbd',
          '--weft-url',
          url,
          '--user',
          'acme-file',
          '--password',
          generated.password,
          '--every',
          '1',
        ],
        { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      children.push(qbd);
      for await (const line of createInterface({ input: qbd.stdout! })) if (line.startsWith('{')) break;
      let answer: Record<string, unknown> = {};
      for (let i = 0; i < 10 && answer.ok !== true; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        answer = lastJson(
          (await weft(['connections', 'test', 'Acme company file', '--workspace', 'acme', '--json'])).stdout,
        );
      }
      expect(answer).toMatchObject({
        ok: true,
        message: expect.stringMatching(/^The Web Connector called as acme-file; last call at \d{4}-/),
      });
      qbd.kill('SIGTERM');
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    },
    CLI_TIMEOUT,
  );
});
