#!/usr/bin/env node
// Bundles the server, engine, nodes and sandboxes into dist/server/cli.mjs with
// esbuild (packages stay external), so `weft` runs on plain Node: no TypeScript
// loader thread, ~50 MB less memory per process (measured: 141 → 88 MB at start).
// bin/weft.mjs uses the bundle only while it is newer than every source file.
import { build } from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_SOURCES, newestSource } from './server-sources.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist/server/cli.mjs');
if (!process.argv.includes('--force') && existsSync(out) && statSync(out).mtimeMs >= newestSource(root, SERVER_SOURCES)) process.exit(0);
await build({
  entryPoints: [join(root, 'server/cli.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
