#!/usr/bin/env node
// `npm test`: every test Weft has, in the order a failure is cheapest to read.
// 1. type check (the whole repo, then each tier: designer with DOM types only, nodes
// and flow without DOM), 2. lint (house rules: import boundaries, max-lines, no `any`,
// no floating promises) and formatting (Prettier), 3. unit + integration tests
// (vitest, real PostgreSQL and HTTP), 4. the designer built and driven in real
// Chromium (Playwright).
// Chromium comes from Debian (/usr/bin/chromium); Playwright's own download does not
// work on these machines. As root, the script installs it if it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const steps = [];
function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: ((Date.now() - t0) / 1000).toFixed(0) });
  return ok;
}

function chromium() {
  const path = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (process.getuid?.() === 0) {
    console.log('Chromium is missing: installing the Debian package "chromium"…');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (existsSync(path)) return path;
  }
  console.error(`Chromium was not found at ${path}. Install it (apt-get install chromium) or set WEFT_CHROMIUM.`);
  return null;
}

/** What the vitest step said of single tests: failed, or passed only when retried. */
const testLines = [];
const only = process.argv[2]; // optional: "unit" or "browser"
let ok = true;
if (!only || only === 'unit') {
  ok = step('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) && ok;
  // The designer tier reads the API's type from its declarations: emit them first.
  ok = step('API declarations', 'npx', ['tsc', '-p', 'tsconfig.api-types.json']) && ok;
  for (const tier of ['designer', 'isomorphic'])
    ok = step(`type check: ${tier} tier`, 'npx', ['tsc', '--noEmit', '-p', `tsconfig.${tier}.json`]) && ok;
  ok = step('lint', 'npx', ['eslint', '.']) && ok;
  ok = step('import cycles', 'node', ['scripts/import-cycles.mjs']) && ok;
  ok = step('formatting', 'npx', ['prettier', '--check', '.']) && ok;
  // Heavy tests (crash loads, full syncs on both databases) share two cores: one retry keeps a
  // timing hiccup from failing the run, and the summary still names every test that needed it.
  const summary = join(tmpdir(), `weft-vitest-${process.pid}.txt`);
  const reporters = ['--reporter=default', '--reporter=./scripts/vitest-summary.ts', '--retry=1'];
  ok = step('unit and integration tests', 'npx', ['vitest', 'run', ...reporters], { WEFT_TEST_SUMMARY: summary }) && ok;
  if (existsSync(summary)) testLines.push(...readFileSync(summary, 'utf8').split('\n').filter(Boolean));
  rmSync(summary, { force: true });
}
if (!only || only === 'browser') {
  const browser = chromium();
  if (!browser) {
    steps.push({ name: 'browser tests', ok: false, seconds: '0' });
    ok = false;
  } else {
    ok = step('build the designer', 'npm', ['run', 'build', '--silent']) && ok;
    ok =
      step('browser tests', 'npx', ['playwright', 'test', '-c', 'designer/playwright.config.ts'], {
        WEFT_CHROMIUM: browser,
      }) && ok;
  }
}
console.log('\n=== summary');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds} s)`);
for (const line of testLines) console.log(`  ${line}`);
const passed = steps.filter((s) => s.ok).length;
console.log(`${passed} passed, ${steps.length - passed} failed`);
process.exit(ok ? 0 : 1);
