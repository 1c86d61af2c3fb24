// The sources the server bundle is made from, and their newest modification time.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SERVER_SOURCES = [
  'server',
  'flow',
  'engine',
  'nodes',
  'demo',
  'sandbox',
  'wire',
  'scripts/bench.ts',
  'package-lock.json',
];

export function newestSource(root, paths) {
  const walk = (path) => {
    const full = join(root, path);
    if (!existsSync(full)) return 0;
    const s = statSync(full);
    // Tests are not in the bundle: writing one must not send `weft` back to the TypeScript loader.
    if (!s.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : s.mtimeMs;
    return Math.max(0, ...readdirSync(full).map((n) => walk(join(path, n))));
  };
  return Math.max(...paths.map(walk));
}
