// `weft run --dry-run --json` as a script uses it, in real processes (issue 14): the same
// summary as a real run, marked dry, with wouldCreate / wouldUpdate / wouldSkip on the sink;
// it moves no Query Start, and the real run that follows writes exactly what it foretold.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './boot';
import { freePort } from './test-free-port';

const dir = mkdtempSync(join(tmpdir(), 'weft-dry-'));
// A port free now for this data folder's embedded PostgreSQL (test-free-port.ts).
const env = { ...process.env, WEFT_DATA_DIR: dir, PORT: '0', DATABASE_URL: '', WEFT_PG_PORT: String(await freePort()) };
const template = join(ROOT, 'templates/creatio-accounts-to-qbo-customers.json');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function weft(args: string[]): Promise<{ code: number | null; summary: Record<string, unknown>; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/weft.mjs'), ...args], { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      let summary: Record<string, unknown> = {};
      try {
        summary = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
      } catch {
        /* the assertions below show stderr */
      }
      resolve({ code, summary, stderr });
    });
  });
}

type NodeLine = Record<string, number | string>;
const nodes = (s: Record<string, unknown>) => s.nodes as NodeLine[];
const sink = (s: Record<string, unknown>) => nodes(s).find((n) => n.id === 'customers')!;

describe('weft run --dry-run --json', () => {
  it('foretells what the real run then does, writing nothing and keeping the Query Starts', async () => {
    const dry = await weft(['run', template, '--dry-run', '--json']);
    expect(dry.stderr).not.toMatch(/weft run:/);
    expect(Object.keys(dry.summary).sort()).toEqual(['dryRun', 'durationMs', 'error', 'nodes', 'runId', 'status']);
    expect(dry.summary.dryRun).toBe(true);
    expect(dry.summary.status).toBe('completed-with-errors'); // the demo's duplicate accounts fail at the binding
    expect(dry.code).toBe(3);
    // Only the node that writes says what it would write; the others keep the plain shape.
    expect(nodes(dry.summary)[0]).toEqual({ id: 'accounts', type: 'creatio.source', in: 300, out: 300, failed: 0 });
    expect(Object.keys(sink(dry.summary)).sort()).toEqual(
      ['failed', 'id', 'in', 'out', 'type', 'wouldCreate', 'wouldSkip', 'wouldUpdate'].sort(),
    );
    const would = sink(dry.summary);
    expect(would.in).toBe(239);
    expect(Number(would.wouldCreate)).toBeGreaterThan(200);
    expect(Number(would.wouldUpdate)).toBeGreaterThan(0);

    const real = await weft(['run', template, '--json']);
    expect(real.summary.dryRun).toBeUndefined();
    // The dry run moved no Query Start: the real run reads the same 300 accounts.
    expect(nodes(real.summary)[0].in).toBe(300);
    expect(sink(real.summary)).toEqual({
      id: 'customers',
      type: 'quickbooks-online.sink',
      in: 239,
      out: 239,
      failed: 0,
      created: would.wouldCreate,
      updated: would.wouldUpdate,
      skipped: would.wouldSkip,
    });
  }, 240_000); // two `weft run`s, each starting its own embedded PostgreSQL and sandboxes
});
