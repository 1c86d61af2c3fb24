// Intuit OAuth 2.0 as the simulator plays it (reference B2): an auto-approving
// authorize endpoint, the token endpoint with rotating refresh tokens, and the
// bearer check in front of /v3/company/{realmId}.
import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { QboStore } from './store';
import { sendRealmMismatch, sendTokenFault } from './wire-errors';

export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  accessTokenTtlMs: number;
  /** How long a refresh token that was just rotated away still works (parallel refreshes). */
  refreshGraceMs: number;
  defaultRealm: () => string;
  now: () => number;
}

export interface OAuthStats { tokenRequests: number }

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
// Intuit's rolling refresh-token lifetime (~100 days), reported as-is.
const REFRESH_TTL_S = 8726400;

export function issueTokens(store: QboStore, cfg: OAuthConfig, realm: string): Record<string, unknown> {
  const access = token('at-');
  const refresh = token('rt-');
  store.addAccessToken(access, realm, cfg.now() + cfg.accessTokenTtlMs);
  store.addRefreshToken(refresh, realm, cfg.now());
  return { token_type: 'bearer', access_token: access, expires_in: Math.round(cfg.accessTokenTtlMs / 1000), refresh_token: refresh, x_refresh_token_expires_in: REFRESH_TTL_S };
}

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
    if (q.client_id !== cfg.clientId) { res.status(400).send('invalid_client: unknown client_id'); return; }
    if (q.response_type !== 'code' || !q.redirect_uri) { res.status(400).send('invalid_request: response_type=code and redirect_uri are required'); return; }
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
    if (!creds || creds[0] !== cfg.clientId || creds[1] !== cfg.clientSecret) { res.status(401).json({ error: 'invalid_client' }); return; }
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    if (body.grant_type === 'authorization_code') {
      const realm = body.code && body.redirect_uri ? store.useCode(body.code, body.redirect_uri) : undefined;
      if (!realm) { res.status(400).json({ error: 'invalid_grant' }); return; }
      res.json(issueTokens(store, cfg, realm));
      return;
    }
    if (body.grant_type !== 'refresh_token') { res.status(400).json({ error: 'unsupported_grant_type' }); return; }
    const old = body.refresh_token ? store.refreshToken(body.refresh_token) : undefined;
    if (!old) { res.status(400).json({ error: 'invalid_grant' }); return; }
    const now = cfg.now();
    if (old.superseded !== null) {
      // A rotated-away token works only briefly, and then yields the newest one
      // (no second rotation), so two racing refreshes end on the same token.
      if (now - old.superseded > cfg.refreshGraceMs) { res.status(400).json({ error: 'invalid_grant' }); return; }
      let head = old.replacedBy!;
      for (let next = store.refreshToken(head); next?.replacedBy; next = store.refreshToken(head)) head = next.replacedBy;
      const access = token('at-');
      store.addAccessToken(access, old.realm, now + cfg.accessTokenTtlMs);
      res.json({ token_type: 'bearer', access_token: access, expires_in: Math.round(cfg.accessTokenTtlMs / 1000), refresh_token: head, x_refresh_token_expires_in: REFRESH_TTL_S });
      return;
    }
    const issued = issueTokens(store, cfg, old.realm);
    store.supersede(body.refresh_token!, String(issued.refresh_token), now);
    res.json(issued);
  });
  // Disconnect (Intuit: POST developer.api.intuit.com/v2/oauth2/tokens/revoke, JSON {"token"}):
  // revoking either token ends the whole grant of that company: the refresh token
  // (and the ones it rotated from) and every access token issued for it stop working.
  // Served at Intuit's path and, as before, beside the token endpoint.
  r.post(['/v2/oauth2/tokens/revoke', '/oauth2/v1/tokens/revoke'], express.json(), (req, res) => {
    const creds = basicAuth(req);
    if (!creds || creds[0] !== cfg.clientId || creds[1] !== cfg.clientSecret) { res.status(401).json({ error: 'invalid_client' }); return; }
    const t = String((req.body as { token?: unknown })?.token ?? '');
    const realm = store.refreshToken(t)?.realm ?? store.accessToken(t)?.realm;
    if (realm) store.revokeRealm(realm);
    res.status(200).end();
  });
  return r;
}

/** Bearer check for `/v3/company/:realmId/…`: shape 2 for bad/expired tokens, XML 100 for the wrong company. */
export function requireBearer(store: QboStore, cfg: OAuthConfig) {
  return (req: Request, res: Response, next: NextFunction) => {
    const realmId = String(req.params.realmId);
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const tz = store.realm(realmId)?.timeZone ?? 'America/Los_Angeles';
    if (!m) { sendTokenFault(res, 'Authorization header missing or not a Bearer token'); return; }
    const t = store.accessToken(m[1]);
    if (!t) { sendTokenFault(res, 'Token invalid: the access token is unknown or revoked'); return; }
    if (t.expires <= cfg.now()) { sendTokenFault(res, 'Token expired: the access token has expired; refresh it'); return; }
    if (t.realm !== realmId) { sendRealmMismatch(res, tz); return; }
    next();
  };
}
