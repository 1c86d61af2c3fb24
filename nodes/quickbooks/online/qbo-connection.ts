// Turns a Weft connection of kind `quickbooks-online` into a ready QboClient:
// settings are parsed here (the one place they are read), rotated tokens are
// saved back through `connection.saveSettings` the moment they arrive, and
// governor waits become the node's status line.
import { z } from 'zod';
import type { NodeContext } from '../../define-node';
import { QboClient } from './qbo-client';
import type { GovernorLimits } from './qbo-governor';
import { QboGovernor } from './qbo-governor';
import { QboTokenSource } from './qbo-tokens';

export const qboConnectionSettings = z.object({
  /** API host: `https://quickbooks.api.intuit.com`, `https://sandbox-quickbooks.api.intuit.com`, or the local sandbox. */
  baseUrl: z.string().url(),
  /** `https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer` in production. */
  tokenUrl: z.string().url(),
  realmId: z.string().min(1),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
  accessToken: z.string().optional(),
  /** ISO 8601 time (or epoch ms) after which the access token is no longer used. */
  accessTokenExpiresAt: z.union([z.string(), z.number()]).optional(),
  /** ISO 8601 time the refresh token dies (Intuit's `x_refresh_token_expires_in`); the Connections screen warns before it. */
  refreshTokenExpiresAt: z.string().optional(),
  /** Lower limits than Intuit's (e.g. a second app shares the company). */
  limits: z.object({ perMinute: z.number(), concurrent: z.number(), batchPerMinute: z.number(), windowMs: z.number() }).partial().optional(),
});
export type QboConnectionSettings = z.infer<typeof qboConnectionSettings>;

function expiresAt(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(n) ? n : undefined;
}

export interface OpenedQbo { client: QboClient; settings: QboConnectionSettings }

export async function openQboClient(ctx: NodeContext, connectionId: string, o: { retries?: number; backoffMs?: number } = {}): Promise<OpenedQbo> {
  const conn = await ctx.connection(connectionId);
  const parsed = qboConnectionSettings.safeParse(conn.settings);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Connection "${conn.name}" is not a usable QuickBooks Online connection (check: ${missing}). Reconnect it in Connections.`);
  }
  const s = parsed.data;
  const tokens = QboTokenSource.for({
    tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.clientSecret, realmId: s.realmId,
    tokens: { refreshToken: s.refreshToken, accessToken: s.accessToken, accessTokenExpiresAt: expiresAt(s.accessTokenExpiresAt) },
    saveTokens: (t) => conn.saveSettings({
      refreshToken: t.refreshToken, accessToken: t.accessToken, accessTokenExpiresAt: new Date(t.accessTokenExpiresAt).toISOString(),
      ...(t.refreshTokenExpiresAt !== undefined ? { refreshTokenExpiresAt: new Date(t.refreshTokenExpiresAt).toISOString() } : {}),
    }),
  });
  const governor = QboGovernor.for(`${s.baseUrl}|${s.realmId}`, s.limits as Partial<GovernorLimits> | undefined);
  const client = new QboClient({
    baseUrl: s.baseUrl, realmId: s.realmId, tokens, governor, signal: ctx.signal, ...o,
    onWait: (ms, reason) => ctx.setStatus(`waiting: ${reason}, ${Math.max(1, Math.round(ms / 1000))} s`),
  });
  return { client, settings: s };
}
