// Turns a Weft connection of kind `quickbooks-online` into a ready QboClient:
// settings are parsed here (the one place they are read), rotated tokens are
// saved back through `connection.saveSettings` the moment they arrive — or,
// where the connection offers `withLock` (the run store's vault), refreshed under
// that lock so one worker refreshes and the others use its token (issue 4) — and
// governor waits become the node's status line.
import { z } from 'zod';
import type { ConnectionInfo, NodeContext } from '../../define-node';
import { QboClient } from './qbo-client';
import type { GovernorLimits } from './qbo-governor';
import { QboGovernor } from './qbo-governor';
import { QboTokenSource, type QboTokens, type QboTokenStore, type RotatedTokens } from './qbo-tokens';

/** Settings a person may see again (issue 13: the definition in qbo.connection.ts declares these two). */
export const qboSettings = z.object({
  /** API host: `https://quickbooks.api.intuit.com`, `https://sandbox-quickbooks.api.intuit.com`, or the local sandbox. */
  baseUrl: z.string().url(),
  /** `https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer` for Intuit's hosts (the default); see tokenUrlOf. */
  tokenUrl: z.string().url().optional(),
  /** Disconnect: `https://developer.api.intuit.com/v2/oauth2/tokens/revoke` in production (the default for Intuit's token URL). */
  revokeUrl: z.string().url().optional(),
  realmId: z.string().min(1),
  clientId: z.string().min(1),
  /**
   * Other limits than Intuit's documented ones (qbo-governor.ts): lower when other apps share the
   * company, higher where Intuit raised them for this app.
   */
  limits: z
    .object({
      perMinute: z.number(),
      perSecond: z.number(),
      concurrent: z.number(),
      batchPerMinute: z.number(),
      windowMs: z.number(),
      secondMs: z.number(),
    })
    .partial()
    .optional(),
});

/** Secrets: the app's client secret, and the token state the connector keeps (rotated refresh tokens). */
export const qboSecrets = z.object({
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
  accessToken: z.string().optional(),
  /** ISO 8601 time (or epoch ms) after which the access token is no longer used. */
  accessTokenExpiresAt: z.union([z.string(), z.number()]).optional(),
  /** ISO 8601 time the refresh token dies (Intuit's `x_refresh_token_expires_in`); the Connections screen warns before it. */
  refreshTokenExpiresAt: z.string().optional(),
});

export const qboConnectionSettings = qboSettings.extend(qboSecrets.shape);
export type QboConnectionSettings = z.infer<typeof qboConnectionSettings>;

function expiresAt(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Rotated tokens as connection settings (ISO times, as the Connections screen reads them). */
function tokenPatch(t: RotatedTokens): Record<string, unknown> {
  return {
    refreshToken: t.refreshToken,
    accessToken: t.accessToken,
    accessTokenExpiresAt: new Date(t.accessTokenExpiresAt).toISOString(),
    ...(t.refreshTokenExpiresAt !== undefined
      ? { refreshTokenExpiresAt: new Date(t.refreshTokenExpiresAt).toISOString() }
      : {}),
  };
}

function tokensOf(settings: Record<string, unknown>): QboTokens {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const at = settings.accessTokenExpiresAt,
    rt = settings.refreshTokenExpiresAt;
  return {
    refreshToken: String(settings.refreshToken ?? ''),
    accessToken: str(settings.accessToken),
    accessTokenExpiresAt: expiresAt(typeof at === 'number' || typeof at === 'string' ? at : undefined),
    refreshTokenExpiresAt: expiresAt(typeof rt === 'number' || typeof rt === 'string' ? rt : undefined),
  };
}

/** The connection's cross-process lock as the token source's store; none where the connection has no lock. */
export function tokenStoreOf(conn: ConnectionInfo): QboTokenStore | undefined {
  const withLock = conn.withLock;
  if (!withLock) return undefined;
  return {
    exclusive: (refresh) =>
      withLock(async (current) => {
        const next = await refresh(tokensOf(current));
        return { patch: next ? tokenPatch(next) : null, result: next ?? tokensOf(current) };
      }),
  };
}

const INTUIT_TOKEN_HOST = 'oauth.platform.intuit.com';
const INTUIT_TOKEN = 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer';
const INTUIT_REVOKE = 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke';

/**
 * Where tokens are refreshed: the connection's `tokenUrl`; Intuit's token service for
 * Intuit's API hosts (reference B2); else the API host's own origin at Intuit's path
 * (Weft's sandbox serves it there, so `weft connections add` needs no token URL for it).
 */
export function tokenUrlOf(s: Pick<QboConnectionSettings, 'baseUrl' | 'tokenUrl'>): string {
  if (s.tokenUrl) return s.tokenUrl;
  const api = new URL(s.baseUrl);
  if (api.hostname.endsWith('.api.intuit.com')) return INTUIT_TOKEN;
  return new URL('/oauth2/v1/tokens/bearer', api.origin).toString();
}

/**
 * Where to revoke the connection's tokens: its `revokeUrl`; Intuit's for Intuit's
 * token service; else the token service's own host at Intuit's revoke path (Weft's
 * sandbox serves it there), never Intuit for tokens Intuit did not issue.
 */
export function revokeUrlOf(s: Pick<QboConnectionSettings, 'baseUrl' | 'tokenUrl' | 'revokeUrl'>): string {
  if (s.revokeUrl) return s.revokeUrl;
  const token = new URL(tokenUrlOf(s));
  if (token.hostname === INTUIT_TOKEN_HOST) return INTUIT_REVOKE;
  return new URL('/v2/oauth2/tokens/revoke', token.origin).toString();
}

/** The node's status line while a request waits: "waiting 60 s: QuickBooks asked Weft to wait (…); resuming at …". */
export function waitStatus(ms: number, reason: string): string {
  return `waiting ${Math.max(1, Math.round(ms / 1000))} s: ${reason}`;
}

export interface OpenedQbo {
  client: QboClient;
  settings: QboConnectionSettings;
}

export interface QboClientHost {
  signal?: AbortSignal;
  fetch?: typeof fetch;
  onWait?: (ms: number, reason: string) => void;
  retries?: number;
  backoffMs?: number;
}

/** The settings of a connection that can be used for QuickBooks Online, or a plain-words reason it cannot. */
export function parseQboConnection(conn: ConnectionInfo): { settings: QboConnectionSettings } | { problem: string } {
  const parsed = qboConnectionSettings.safeParse(conn.settings);
  if (parsed.success) return { settings: parsed.data };
  const missing = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
  return {
    problem: `Connection "${conn.name}" is not a usable QuickBooks Online connection (check: ${missing}). Reconnect it in Connections.`,
  };
}

/** A client on the company's shared token source (one refresh per process) and its shared governor (Intuit's limits). */
export function qboClientOf(conn: ConnectionInfo, s: QboConnectionSettings, host: QboClientHost): QboClient {
  const tokenUrl = tokenUrlOf(s);
  const tokens = QboTokenSource.for({
    tokenUrl,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    realmId: s.realmId,
    tokens: {
      refreshToken: s.refreshToken,
      accessToken: s.accessToken,
      accessTokenExpiresAt: expiresAt(s.accessTokenExpiresAt),
    },
    saveTokens: (t) => conn.saveSettings(tokenPatch(t)),
    store: tokenStoreOf(conn),
    ...(host.fetch ? { fetch: host.fetch } : {}),
  });
  const governor = QboGovernor.for(`${s.baseUrl}|${s.realmId}`, s.limits as Partial<GovernorLimits> | undefined);
  return new QboClient({
    baseUrl: s.baseUrl,
    realmId: s.realmId,
    tokens,
    governor,
    signal: host.signal,
    ...(host.retries !== undefined ? { retries: host.retries } : {}),
    ...(host.backoffMs !== undefined ? { backoffMs: host.backoffMs } : {}),
    ...(host.fetch ? { fetch: host.fetch } : {}),
    ...(host.onWait ? { onWait: host.onWait } : {}),
  });
}

export async function openQboClient(
  ctx: NodeContext,
  connectionId: string,
  o: { retries?: number; backoffMs?: number } = {},
): Promise<OpenedQbo> {
  const conn = await ctx.connection(connectionId);
  const parsed = parseQboConnection(conn);
  if ('problem' in parsed) throw new Error(parsed.problem);
  const client = qboClientOf(conn, parsed.settings, {
    ...o,
    signal: ctx.signal,
    ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
    onWait: (ms, reason) => ctx.setStatus(waitStatus(ms, reason)),
  });
  return { client, settings: parsed.settings };
}
