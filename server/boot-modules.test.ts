// A Weft started for a customer (WEFT_SANDBOXES=off, `weft start --no-sandboxes`)
// loads no sandbox code at all: the demo (demo/) is a dynamic import taken only
// while sandboxes are on. Proven on a real boot in a child process whose every
// loaded module is noted by a loader hook; the same boot with sandboxes on shows
// that the hook does see demo/ and sandbox/ modules when they are loaded.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../scripts/test-databases';
import { ROOT } from './boot';

const run = promisify(execFile);
const db = testDatabases()[0];
const dirs: string[] = [];

async function bootAndList(
  sandboxes: 'on' | 'off',
): Promise<{ out: { sandboxes: boolean; lines: string[] }; loaded: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-boot-modules-'));
  dirs.push(dir);
  const log = join(dir, 'modules.log');
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    WEFT_PG_SCHEMA: testSchema('mods'),
    WEFT_DATA_DIR: join(dir, 'data'),
    WEFT_MODULE_LOG: log,
    WEFT_SANDBOXES: sandboxes,
  };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/test-boot-modules.ts'], {
    cwd: ROOT,
    env,
    timeout: 120_000,
  });
  const loaded = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((u) => relative(ROOT, fileURLToPath(u)));
  return { out: JSON.parse(stdout.trim().split('\n').pop()!) as { sandboxes: boolean; lines: string[] }, loaded };
}

const ofDemo = (files: string[]) => files.filter((f) => f.startsWith('sandbox/') || f.startsWith('demo/'));

describe('sandboxes off: no sandbox code loaded', () => {
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('WEFT_SANDBOXES=off boots Weft with no module of sandbox/ or demo/ loaded', async () => {
    const { out, loaded } = await bootAndList('off');
    expect(out).toEqual({ sandboxes: false, lines: [] });
    expect(loaded).toContain('server/boot.ts');
    expect(ofDemo(loaded)).toEqual([]);
  }, 180_000);

  it('with sandboxes on, the same boot loads the demo and prints how to reach each sandbox', async () => {
    const { out, loaded } = await bootAndList('on');
    expect(out.sandboxes).toBe(true);
    expect(out.lines.join('\n')).toMatch(/Creatio +http:\/\/127\.0\.0\.1:\d+.*user Supervisor/);
    expect(ofDemo(loaded)).toEqual(expect.arrayContaining(['demo/index.ts', 'sandbox/creatio/index.ts']));
  }, 180_000);
});
