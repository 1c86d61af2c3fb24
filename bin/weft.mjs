#!/usr/bin/env node
// Weft's command line. Runs the esbuild bundle (dist/server/cli.mjs, made by
// `npm start`, `npm run bench` or scripts/build-server.mjs) when it is newer than
// every source; otherwise the TypeScript sources through tsx, so an edit is never
// run stale.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SERVER_SOURCES, newestSource } from '../scripts/server-sources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/server/cli.mjs`;
let main;
if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(root, SERVER_SOURCES)) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../server/cli.ts'));
}
await main(process.argv.slice(2));
