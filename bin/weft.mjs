#!/usr/bin/env -S node --max-semi-space-size=8
// --max-semi-space-size=8 (MB; V8's default is 16): a smaller young generation
// keeps a worker's peak RSS down (npm run bench, 100k: 155 → 136 MB) for a little
// more scavenging. `package.json` scripts pass the same flag; `node bin/weft.mjs`
// without it works too, with V8's default heap. (Node flags cannot be set from
// inside the process, and re-launching it would orphan a child on SIGKILL.)
// Weft's command line. Runs the esbuild bundle (dist/server/cli.mjs, made by
// `npm start`, `npm run bench` or scripts/build-server.mjs) when it is newer than
// every source; otherwise the TypeScript sources through tsx, so an edit is never
// run stale. WEFT_BUNDLE=1 takes the bundle even so (the bench's engine process:
// an edit during a bench must not switch it to the TypeScript loader).
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SERVER_SOURCES, newestSource } from '../scripts/server-sources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/server/cli.mjs`;
let main;
if (
  existsSync(bundle) &&
  (process.env.WEFT_BUNDLE === '1' || statSync(bundle).mtimeMs >= newestSource(root, SERVER_SOURCES))
) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../server/cli.ts'));
}
await main(process.argv.slice(2));
