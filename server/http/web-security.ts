// Browser-facing hardening (issue 7): security headers with a strict Content
// Security Policy, and CSRF protection for tRPC mutations by double submit — a
// random `weft_csrf` cookie that a page of this origin reads and echoes in the
// `x-weft-csrf` header; a page of another site can neither read the cookie nor
// send the header without a CORS preflight (which Weft never grants). The session
// cookie is also SameSite=Strict. OWASP CSRF Prevention Cheat Sheet.
import type express from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'weft_session';
/** A browser this person signed in on before (issue 18: its wrong passwords are counted apart from strangers'). */
export const DEVICE_COOKIE = 'weft_device';
export const CSRF_COOKIE = 'weft_csrf';
export const CSRF_HEADER = 'x-weft-csrf';

/**
 * Scripts only from Weft itself (no inline script, no eval, no CDN). Styles allow
 * inline: React Flow positions nodes with style attributes and Monaco injects its
 * styles at run time. Monaco's language workers are same-origin files (Vite's
 * `?worker`), blob: covers its fallback.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(req: express.Request, res: express.Response, next: express.NextFunction): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  next();
}

export function readCookies(req: express.Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (!(name in out)) out[name] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export function cookie(
  req: express.Request,
  name: string,
  value: string,
  opts: { httpOnly: boolean; maxAgeSeconds?: number },
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Strict'];
  if (opts.httpOnly) parts.push('HttpOnly');
  if (req.secure) parts.push('Secure');
  if (opts.maxAgeSeconds !== undefined) parts.push(`Max-Age=${opts.maxAgeSeconds}`);
  return parts.join('; ');
}

export function appendCookie(res: express.Response, value: string): void {
  const prev = res.getHeader('Set-Cookie');
  res.setHeader('Set-Cookie', [...(Array.isArray(prev) ? prev : prev ? [String(prev)] : []), value]);
}

/** Gives every browser a CSRF token cookie (readable by Weft's own pages only). */
export function csrfCookie(req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (!readCookies(req)[CSRF_COOKIE])
    appendCookie(res, cookie(req, CSRF_COOKIE, randomBytes(24).toString('base64url'), { httpOnly: false }));
  next();
}

/** Refuses a state-changing tRPC request (POST) that does not prove it comes from a Weft page. */
export function requireCsrf(req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const cookies = readCookies(req);
  // A machine client with a bearer token sends no cookies: nothing a browser could be tricked into sending.
  if (/^Bearer /i.test(req.headers.authorization ?? '') && !cookies[SESSION_COOKIE]) return next();
  const expected = cookies[CSRF_COOKIE] ?? '';
  const sent = String(req.headers[CSRF_HEADER] ?? '');
  const sameToken =
    expected.length > 0 && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  const origin = req.headers.origin;
  const sameOrigin = !origin || origin === `${req.protocol}://${req.headers.host}`;
  if (sameToken && sameOrigin) return next();
  res.status(403).json({
    error: {
      message: 'This request was refused: it did not come from a Weft page. Reload Weft and try again.',
      code: -32003,
      data: { code: 'FORBIDDEN', httpStatus: 403 },
    },
  });
}
