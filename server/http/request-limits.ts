// What one HTTP request to /trpc may ask of the server (issue 18), refused with a
// 400 that names the limit before any procedure runs:
// - at most MAX_BATCH calls in one tRPC batch: one request of 100 `changePassword`
//   calls ran 100 scrypt hashes and stalled everyone for 20 s;
// - JSON nested at most MAX_JSON_DEPTH levels (body or `?input=`): a deeply nested
//   document overflowed the stack of the validator and answered 500;
// - cookies that cannot be read (bad percent-encoding) are named, not a 500.
import type express from 'express';

export const MAX_BATCH = 10;
export const MAX_JSON_DEPTH = 64;

/** A 400 in the shape tRPC clients read (`error.message`). */
export function badRequest(res: express.Response, message: string): void {
  res.status(400).json({ error: { message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400 } } });
}

/** Refuses a tRPC batch (`/trpc/a,b,c?batch=1`) of more than MAX_BATCH calls. */
export function limitBatch(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const calls = req.path.split(',').length;
  if (calls <= MAX_BATCH) return next();
  badRequest(
    res,
    `This request holds ${calls} API calls; Weft takes at most ${MAX_BATCH} in one request. Send them in smaller batches.`,
  );
}

/** How deep arrays and objects nest in a JSON text (strings skipped), without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

function depthProblem(text: string, where: string): string | null {
  const depth = jsonDepth(text);
  return depth > MAX_JSON_DEPTH
    ? `The ${where} nests ${depth} levels deep; Weft accepts JSON nested at most ${MAX_JSON_DEPTH} levels.`
    : null;
}

/** For express.json's `verify`: refuses a body nested too deep before it is parsed. */
export function verifyJsonDepth(_req: unknown, _res: unknown, body: Buffer): void {
  const problem = depthProblem(body.toString('utf8'), 'request body');
  if (problem) throw Object.assign(new Error(problem), { status: 400, type: 'weft.json.depth', expose: true });
}

/** The `?input=` of a tRPC query is JSON too. */
export function limitQueryDepth(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const input = req.query.input;
  const problem = typeof input === 'string' ? depthProblem(input, 'input in the address') : null;
  if (problem) return badRequest(res, problem);
  next();
}

/** Names a cookie that cannot be decoded instead of failing the request with a 500. */
export function refuseBadCookies(req: express.Request, res: express.Response, next: express.NextFunction): void {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    try {
      decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      return badRequest(
        res,
        `The cookie "${part.slice(0, i).trim().slice(0, 40)}" could not be read (bad % encoding). Clear this site's cookies in the browser and sign in again.`,
      );
    }
  }
  next();
}
