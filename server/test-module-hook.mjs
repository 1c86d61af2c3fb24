// A module-loading hook for server/boot-modules.test.ts: notes every file module
// the process loads (one URL a line) in the file named by WEFT_MODULE_LOG.
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.WEFT_MODULE_LOG, `${url}\n`);
  return next(url, context);
}
