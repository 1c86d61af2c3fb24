// The last resort of `weft start` / `weft worker` (last-resort.ts), in a process of
// its own (test-last-resort-child.ts): an error nobody handled inside a run fails that
// run only and the process goes on; outside any run a rejection is logged, an uncaught
// exception is logged and ends the process.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './boot';

describe('the last resort for errors nobody handled', () => {
  it('fails the run they came from, keeps the process for the others, and names the run in the log', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'server/test-last-resort-child.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const [first, last] = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(first.a).toMatch(
      /^RunFault: Weft met an unexpected error in this run and ended it: page 2 could not be read/,
    );
    expect(first.b).toBeNull(); // the other run went on untouched
    expect(first.logged.map((l: { runId?: string }) => l.runId)).toEqual(['run-a', 'run-a', undefined]);
    expect(first.logged[2].message).toContain('outside any run');
    // Outside any run, an uncaught exception still ends the process (Node: not safe to go on).
    expect(last.exitAsked).toBe(1);
  }, 60_000);
});
