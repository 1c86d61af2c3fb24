// Who is calling over HTTP: a browser session (httpOnly cookie) or a machine
// token (`Authorization: Bearer`, used by `weft run`). Becomes the tRPC context.
// The cookie may live 7 days; the server ends the session itself after 12 idle hours.
import type express from 'express';
import { SESSION_MAX_MS } from '../auth/account-store';
import type { Services } from '../services';
import type { Context } from '../trpc';
import { appendCookie, cookie, DEVICE_COOKIE, readCookies, SESSION_COOKIE } from './web-security';

/** The device cookie outlives sessions: 400 days, the longest browsers keep a cookie (RFC 6265bis §5.5). */
const DEVICE_MAX_AGE_SECONDS = 400 * 24 * 3600;

/** The header a machine token names the workspace it acts in with (`weft … --workspace W`). */
export const WORKSPACE_HEADER = 'x-weft-workspace';

export function contextFromRequest(services: Services, req: express.Request, res: express.Response): Context {
  const store = services.accounts.store;
  const cookies = readCookies(req);
  const http: Context['http'] = {
    clientKey: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    deviceToken: cookies[DEVICE_COOKIE],
    setSessionCookie: (token) =>
      appendCookie(
        res,
        token
          ? cookie(req, SESSION_COOKIE, token, { httpOnly: true, maxAgeSeconds: SESSION_MAX_MS / 1000 })
          : cookie(req, SESSION_COOKIE, '', { httpOnly: true, maxAgeSeconds: 0 }),
      ),
    setDeviceCookie: (token) =>
      appendCookie(res, cookie(req, DEVICE_COOKIE, token, { httpOnly: true, maxAgeSeconds: DEVICE_MAX_AGE_SECONDS })),
  };
  const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  if (bearer) {
    const t = store.token(bearer);
    // Metrics tokens read /metrics only; they never act on the API.
    if (t?.kind === 'machine' && t.userId)
      return {
        services,
        actor: { userId: t.userId, workspaceId: machineWorkspace(services, t.userId, req) ?? t.workspaceId },
        sessionHash: null,
        http,
      };
    return { services, actor: null, sessionHash: null, http };
  }
  const token = cookies[SESSION_COOKIE];
  const session = token ? store.session(token) : null;
  if (!session) return { services, actor: null, sessionHash: null, http };
  return {
    services,
    actor: { userId: session.userId, workspaceId: session.workspaceId },
    sessionHash: session.idHash,
    http,
  };
}

/**
 * `weft run` / `weft connections --workspace W` (issue 13): the machine token is the
 * data folder's owner's, so it may act in any existing workspace it names; it is made
 * admin there on first use (the audit log shows it). Unknown workspaces are not made.
 */
function machineWorkspace(services: Services, userId: string, req: express.Request): string | null {
  const named = req.headers[WORKSPACE_HEADER];
  if (typeof named !== 'string' || !named) return null;
  const store = services.accounts.store;
  if (!store.roleIn(userId, named)) {
    if (!services.accounts.workspaceExists(named)) return named; // the permission check refuses it: not a member
    store.setRole(userId, named, 'admin');
  }
  return named;
}
