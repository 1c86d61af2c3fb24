// Intuit OAuth 2.0 as the simulator plays it (reference B2): an auto-approving
// authorize endpoint, the token endpoint with rotating refresh tokens, and the
// bearer check in front of /v3/company/{realmId}. Several apps (client ids) may
// hold tokens for one company; each token remembers its app, whose own limits it
// counts against (throttle.ts).
import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { QboStore, StoredRefreshToken } from './store';
import { sendRealmMismatch, sendTokenFault } from './wire-errors';

export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Every app (client id → secret) the token endpoint knows, the first one included. */
  apps: Map<string, string>;
  accessTokenTtlMs: number;
  /**
   * How long a refresh token keeps its value: refreshes within this time return the same
   * refresh token while `x_refresh_token_expires_in` counts down; the first one after it
   * rotates (intuit/oauth-jsclient#74: "the value of refresh token can change every 24-26
   * hour period"). 0: every refresh rotates.
   */
  refreshRotateMs: number;
  /**
   * How long a refresh token that was rotated away still works, yielding the newest. Intuit does
   * not document what an old token answers, so the default is 0 (invalid_grant at once):
   * Weft must not depend on it. Tests of racing refreshes may turn it on.
   */
  refreshGraceMs: number;
  defaultRealm: () => string;
  now: () => number;
}

export interface OAuthStats {
  tokenRequests: number;
}

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
// Intuit's rolling refresh-token lifetime (~100 days, `x_refresh_token_expires_in` of a new token).
export const REFRESH_TTL_S = 8726400;

/** The seconds a refresh token has left, as `x_refresh_token_expires_in` counts them down. */
function secondsLeft(rt: StoredRefreshToken, now: number): number {
  const end = rt.expires ?? rt.created + REFRESH_TTL_S * 1000;
  return Math.max(0, Math.round((end - now) / 1000));
}

function accessAnswer(
  store: QboStore,
  cfg: OAuthConfig,
  realm: string,
  client: string | null,
  refresh: string,
  left: number,
) {
  const access = token('at-');
  store.addAccessToken(access, realm, cfg.now() + cfg.accessTokenTtlMs, client);
  return {
    token_type: 'bearer',
    access_token: access,
    expires_in: Math.round(cfg.accessTokenTtlMs / 1000),
    refresh_token: refresh,
    x_refresh_token_expires_in: left,
  };
}

/** A new grant's tokens for `client` (null: the first app). */
export function issueTokens(
  store: QboStore,
  cfg: OAuthConfig,
  realm: string,
  client: string | null = null,
): Record<string, unknown> {
  const refresh = token('rt-');
  store.addRefreshToken(refresh, realm, cfg.now(), client, cfg.now() + REFRESH_TTL_S * 1000);
  return accessAnswer(store, cfg, realm, client, refresh, REFRESH_TTL_S);
}

/** A token row's app as a client id (null in the row = the first app). */
export const appOf = (cfg: OAuthConfig, client: string | null) => client ?? cfg.clientId;

function basicAuth(req: Request): [string, string] | undefined {
  const m = /^Basic\s+(.+)$/i.exec(req.get('authorization') ?? '');
  if (!m) return undefined;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? undefined : [text.slice(0, i), text.slice(i + 1)];
}

export function oauthRouter(store: QboStore, cfg: OAuthConfig, stats: OAuthStats): Router {
  const r = express.Router();

  r.get('/connect/oauth2', (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    if (q.client_id !== cfg.clientId) {
      res.status(400).send('invalid_client: unknown client_id');
      return;
    }
    if (q.response_type !== 'code' || !q.redirect_uri) {
      res.status(400).send('invalid_request: response_type=code and redirect_uri are required');
      return;
    }
    // Auto-approve: the simulated user always consents, for the company named by
    // `realmId` (a simulator extension) or the first company.
    const realm = q.realmId && store.realm(q.realmId) ? q.realmId : cfg.defaultRealm();
    const code = token('ac-');
    store.addCode(code, realm, q.redirect_uri);
    const url = new URL(q.redirect_uri);
    url.searchParams.set('code', code);
    if (q.state !== undefined) url.searchParams.set('state', q.state);
    url.searchParams.set('realmId', realm);
    res.redirect(302, url.toString());
  });

  r.post('/oauth2/v1/tokens/bearer', express.urlencoded({ extended: false }), (req, res) => {
    stats.tokenRequests++;
    const creds = basicAuth(req);
    if (!creds || cfg.apps.get(creds[0]) !== creds[1]) {
      res.status(401).json({ error: 'invalid_client' });
      return;
    }
    const client = creds[0] === cfg.clientId ? null : creds[0];
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    if (body.grant_type === 'authorization_code') {
      const realm = body.code && body.redirect_uri ? store.useCode(body.code, body.redirect_uri) : undefined;
      if (!realm) {
        res.status(400).json({ error: 'invalid_grant' });
        return;
      }
      res.json(issueTokens(store, cfg, realm, client));
      return;
    }
    if (body.grant_type !== 'refresh_token') {
      res.status(400).json({ error: 'unsupported_grant_type' });
      return;
    }
    const old = body.refresh_token ? store.refreshToken(body.refresh_token) : undefined;
    const now = cfg.now();
    // A token of another app, or past its end, is no grant at all.
    if (!old || appOf(cfg, old.client) !== creds[0] || secondsLeft(old, now) <= 0) {
      res.status(400).json({ error: 'invalid_grant' });
      return;
    }
    if (old.superseded !== null) {
      // A rotated-away token: refused, unless a test turned the grace on (see refreshGraceMs).
      if (now - old.superseded >= cfg.refreshGraceMs) {
        res.status(400).json({ error: 'invalid_grant' });
        return;
      }
      let head = old.replacedBy!;
      for (let next = store.refreshToken(head); next?.replacedBy; next = store.refreshToken(head))
        head = next.replacedBy;
      res.json(accessAnswer(store, cfg, old.realm, old.client, head, secondsLeft(store.refreshToken(head)!, now)));
      return;
    }
    // Within a day the refresh token keeps its value and its end: only the countdown moves
    // (intuit/oauth-jsclient#74). After that a new one with a new ~100-day life replaces it.
    if (now - old.created < cfg.refreshRotateMs) {
      res.json(accessAnswer(store, cfg, old.realm, old.client, body.refresh_token!, secondsLeft(old, now)));
      return;
    }
    const issued = issueTokens(store, cfg, old.realm, old.client);
    store.supersede(body.refresh_token!, String(issued.refresh_token), now);
    res.json(issued);
  });
  // Disconnect (Intuit: POST developer.api.intuit.com/v2/oauth2/tokens/revoke, JSON {"token"}):
  // revoking either token ends the whole grant of that company: the refresh token
  // (and the ones it rotated from) and every access token issued for it stop working.
  // Served at Intuit's path and, as before, beside the token endpoint.
  r.post(['/v2/oauth2/tokens/revoke', '/oauth2/v1/tokens/revoke'], express.json(), (req, res) => {
    const creds = basicAuth(req);
    if (!creds || cfg.apps.get(creds[0]) !== creds[1]) {
      res.status(401).json({ error: 'invalid_client' });
      return;
    }
    const t = String((req.body as { token?: unknown })?.token ?? '');
    const realm = store.refreshToken(t)?.realm ?? store.accessToken(t)?.realm;
    if (realm) store.revokeRealm(realm);
    res.status(200).end();
  });
  return r;
}

/**
 * Bearer check for `/v3/company/:realmId/…`: shape 2 for bad/expired tokens, 403 / 3100 for the
 * wrong company. Sets `res.locals.app` to the token's app (client id) for the per-app limits.
 */
export function requireBearer(store: QboStore, cfg: OAuthConfig) {
  return (req: Request, res: Response, next: NextFunction) => {
    const realmId = String(req.params.realmId);
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!m) {
      sendTokenFault(res, 'Authorization header missing or not a Bearer token');
      return;
    }
    const t = store.accessToken(m[1]);
    if (!t) {
      sendTokenFault(res, 'Token invalid: the access token is unknown or revoked');
      return;
    }
    if (t.expires <= cfg.now()) {
      sendTokenFault(res, 'Token expired: the access token has expired; refresh it');
      return;
    }
    if (t.realm !== realmId) {
      sendRealmMismatch(res);
      return;
    }
    res.locals.app = appOf(cfg, t.client);
    next();
  };
}
