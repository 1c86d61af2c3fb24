#!/usr/bin/env node
// Bundles the server, engine, nodes and sandboxes into dist/server/cli.mjs with
// esbuild (packages stay external), so `weft` runs on plain Node: no TypeScript
// loader thread, ~50 MB less memory per process (measured: 141 → 88 MB at start).
// Split at cli.ts's dynamic imports (chunks in dist/server/chunks): `weft worker`
// loads the engine and the nodes only, never express, tRPC or the sandboxes.
// bin/weft.mjs uses the bundle only while it is newer than every source file.
import { build } from 'esbuild';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_SOURCES, newestSource } from './server-sources.mjs';

const root = new URL('..', import.meta.url).pathname;
const outdir = join(root, 'dist/server');
const out = join(outdir, 'cli.mjs');
if (!process.argv.includes('--force') && existsSync(out) && statSync(out).mtimeMs >= newestSource(root, SERVER_SOURCES))
  process.exit(0);
// Chunk names carry a hash: drop the previous build's so they do not pile up.
rmSync(join(outdir, 'chunks'), { recursive: true, force: true });
await build({
  entryPoints: { cli: join(root, 'server/cli.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
