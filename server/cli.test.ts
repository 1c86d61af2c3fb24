// The command line as a newcomer uses it, in real processes: `weft run` alone and
// through a running Weft, and `weft start` surviving a SIGKILL with its data.
// Children use the embedded PostgreSQL (DATABASE_URL removed), as `npm start` does.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './boot';
import { freePort } from './test-free-port';

const dir = mkdtempSync(join(tmpdir(), 'weft-cli-'));
// A port free now for this data folder's embedded PostgreSQL (test-free-port.ts).
const env = { ...process.env, WEFT_DATA_DIR: dir, PORT: '0', DATABASE_URL: '', WEFT_PG_PORT: String(await freePort()) };
const template = join(ROOT, 'templates/creatio-accounts-to-qbo-customers.json');
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dir, { recursive: true, force: true });
});

function weft(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/weft.mjs'), ...args], { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `weft start` and resolves with its URL once it says it is ready (and the first admin, if it printed one). */
async function start(): Promise<{
  child: ChildProcess;
  url: string;
  admin: { email: string; password: string } | null;
}> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/weft.mjs'), 'start'], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let url = '';
  let email = '';
  for await (const line of createInterface({ input: child.stdout! })) {
    const m = /Weft is ready in [\d.]+ s\. Open (http:\/\/\S+) in your browser\./.exec(line);
    if (m) url = m[1];
    const a = /First start: sign in as (\S+)/.exec(line);
    if (a) email = a[1];
    const p = /with the password (\S+)/.exec(line);
    if (p) return { child, url, admin: { email, password: p[1] } };
    if (/^Data folder:/.test(line) && url) return { child, url, admin: null };
  }
  throw new Error('weft start ended before it was ready');
}

async function trpc(url: string, path: string, input: unknown = undefined): Promise<any> {
  const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  // Issue 7: the API needs a signed-in caller; the machine token of the data folder is one.
  const r = await fetch(`${url}/trpc/${path}${q}`, {
    headers: { authorization: `Bearer ${readFileSync(join(dir, 'machine.token'), 'utf8')}` },
  });
  return ((await r.json()) as { result: { data: unknown } }).result.data;
}

describe('weft command line', () => {
  it('runs a template file headless and prints the JSON summary, nodes in plan order', async () => {
    const r = await weft(['run', template, '--json']);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(Object.keys(summary).sort()).toEqual(['durationMs', 'error', 'nodes', 'runId', 'status']);
    expect(summary.status).toBe('completed-with-errors');
    expect(r.code).toBe(3);
    expect(summary.nodes.map((n: { id: string }) => n.id)).toEqual([
      'accounts',
      'active',
      'bind-customers',
      'options',
      'map-customer',
      'customers',
    ]);
    expect(summary.nodes[0]).toEqual({ id: 'accounts', type: 'creatio.source', in: 300, out: 300, failed: 0 });
    expect(summary.nodes[5]).toMatchObject({
      id: 'customers',
      type: 'quickbooks-online.sink',
      in: 239,
      out: 239,
      failed: 0,
    });
    expect(summary.durationMs).toBeGreaterThan(0);
  });

  it('goes through a running Weft, and a SIGKILLed Weft comes back with all its data', async () => {
    const first = await start();
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    // The first start prints the admin's credentials once; the token of `weft run` is readable by its owner only.
    expect(first.admin).toMatchObject({ email: 'admin@weft.local' });
    expect(first.admin!.password.length).toBeGreaterThanOrEqual(20);
    expect(statSync(join(dir, 'machine.token')).mode & 0o077).toBe(0);
    const r = await weft(['run', template, '--json']);
    expect(r.stderr).toContain(`Using the Weft running at ${first.url}`);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(summary.status).toBe('succeeded');
    expect(summary.nodes[0].in).toBe(0); // the watermark of the first run holds

    first.child.kill('SIGKILL');
    await new Promise((res) => first.child.once('exit', res));
    const second = await start();
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    expect(second.admin).toBeNull();
    expect((await fetch(`${second.url}/trpc/flows.list`)).status).toBe(401);
    const flows = (await trpc(second.url, 'flows.list')) as { id: string; lastRun: { status: string } }[];
    const flow = flows.find((f) => f.id === 'file-creatio-accounts-to-qbo-customers');
    expect(flow?.lastRun?.status).toBe('succeeded');
    const runs = (await trpc(second.url, 'runs.list', { flowId: flow!.id })) as unknown[];
    expect(runs).toHaveLength(2);
    const marks = (await trpc(second.url, 'flows.watermarks', { id: flow!.id })) as { value: string }[];
    expect(marks[0].value).toMatch(/\|/);
    second.child.kill('SIGTERM');
    await new Promise((res) => second.child.once('exit', res));
  }, 180_000); // starts Weft twice (once after a SIGKILL): slow on a busy machine
});
