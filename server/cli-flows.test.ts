// `weft flows export | import` (issue 14) as a script uses them, in real processes on
// one data folder with no Weft running: a template imported as a flow file, exported,
// imported again and exported to the same bytes; a broken file refused with exit 1,
// naming node and field.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './boot';
import { freePort } from './test-free-port';

const dir = mkdtempSync(join(tmpdir(), 'weft-cli-flows-'));
// A port free now for this data folder's embedded PostgreSQL (see cli-connections.test.ts).
const pgPort = await freePort();
const env = { ...process.env, WEFT_DATA_DIR: dir, PORT: '0', DATABASE_URL: '', WEFT_PG_PORT: String(pgPort) };
/** Each command starts its own process and opens the stores (about 10 s on a busy 2-core machine). */
const CLI_TIMEOUT = 300_000;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function weft(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/weft.mjs'), ...args], { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const lastJson = (out: string) => JSON.parse(out.trim().split('\n').pop()!) as { id: string | null };

describe('weft flows', () => {
  it(
    'imports a flow file, exports it, and the export imported again exports the same bytes',
    async () => {
      const crm = ['connections', 'add', 'creatio', '--name', 'Our CRM', '--set', 'url=http://127.0.0.1:9'];
      expect((await weft([...crm, '--set', 'username=u', '--secrets-stdin'], '{"password":"p-123456"}')).code).toBe(0);
      const books = ['connections', 'add', 'quickbooks-online', '--name', 'Our books', '--set', 'realmId=1'];
      const secrets = '{"clientSecret":"s-123456","refreshToken":"r-123456"}';
      const added = await weft(
        [...books, '--set', 'clientId=c', '--set', 'baseUrl=http://127.0.0.1:9', '--secrets-stdin'],
        secrets,
      );
      expect(added.code, added.stderr).toBe(0);

      const first = await weft([
        'flows',
        'import',
        join(ROOT, 'templates/creatio-accounts-to-qbo-customers.json'),
        '--json',
      ]);
      expect(first.code, first.stderr).toBe(0);
      const { id } = lastJson(first.stdout);
      expect(id).toMatch(/^creatio-accounts-quickbooks-customers-[0-9a-f]{6}$/);

      const exported = await weft(['flows', 'export', id!]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toContain('"connection": "Our CRM"');
      expect(exported.stdout).not.toMatch(/p-123456|s-123456|r-123456/);
      const file = join(dir, 'flow.weft.json');
      writeFileSync(file, exported.stdout);

      const again = await weft(['flows', 'import', file, '--json']);
      expect(again.code, again.stderr).toBe(0);
      const second = lastJson(again.stdout).id!;
      expect(second).not.toBe(id);
      const reexported = await weft(['flows', 'export', second]);
      expect(reexported.stdout).toBe(readFileSync(file, 'utf8'));
    },
    CLI_TIMEOUT,
  );

  it(
    'refuses a broken file with exit 1, each problem naming its node and field, and saves nothing',
    async () => {
      const file = JSON.parse(readFileSync(join(dir, 'flow.weft.json'), 'utf8'));
      file.nodes.find((n: { id: string }) => n.id === 'map-customer').config.mappings[2].target = 42;
      file.nodes.find((n: { id: string }) => n.id === 'customers').config.connection = 'Books we do not have';
      const broken = join(dir, 'broken.weft.json');
      writeFileSync(broken, JSON.stringify(file, null, 2));
      const r = await weft(['flows', 'import', broken, '--json']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('was not imported (2 problem(s)); nothing saved');
      expect(r.stderr).toMatch(/- Node "map-customer" \(Mapping\): .* at config\.mappings\.2\.target\./);
      expect(r.stderr).toMatch(/- Node "customers" \(.+\): there is no connection named "Books we do not have"/);
      expect(lastJson(r.stdout).id).toBeNull();

      const missing = await weft(['flows', 'export', 'no-such-flow']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('Flow "no-such-flow" was not found.');
    },
    CLI_TIMEOUT,
  );
});
