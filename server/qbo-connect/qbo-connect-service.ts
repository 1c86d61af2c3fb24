// QuickBooks Online OAuth 2.0 authorization-code connect (issue 4; reference B2),
// bound to the person who started it (issue 7): `start` stores a pending attempt
// under a random `state` (kept only as its SHA-256) with the signed-in user,
// workspace and a ten-minute end, the client secret sealed; `finish` (the
// redirect back, server/qbo-connect/qbo-callback.ts) accepts the state once, only
// from that same person, exchanges the code at the token endpoint and saves the
// connection with its realm id and tokens (sealed).
import { publicUrl } from '../http/deployment';
// This service is the host side of the QuickBooks Online kind's `oauthConsent` hook (issue 13).
import { qboConnection } from '../../nodes/quickbooks/online/qbo.connection';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { DesignStore } from '../design/design-store';
import { qboConnectAttempts } from '../design/qbo-connect.table';

export const QBO_CALLBACK_PATH = '/oauth/qbo/callback';
export const ATTEMPT_TTL_MS = 10 * 60_000;
const SCOPE = 'com.intuit.quickbooks.accounting';
const INTUIT_AUTHORIZE = 'https://appcenter.intuit.com/connect/oauth2';
const INTUIT_TOKEN = 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer';

/** `revokeUrl` (disconnect, issue 4): Intuit's for Intuit's token URL, else the token URL's host at Intuit's path, unless given. */
export interface QboEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  apiBaseUrl: string;
  revokeUrl?: string;
}
/** Intuit's sandbox or production company, Weft's built-in sandbox, or other URLs (a proxy, a test double). */
export type QboEnvironment = 'sandbox' | 'production' | 'sandbox-local' | QboEndpoints;

export interface LocalQboSandbox {
  authorizeUrl: string;
  tokenUrl: string;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface StartConnect {
  name: string;
  environment: QboEnvironment;
  clientId?: string;
  clientSecret?: string;
  /** Weft's address as the browser sees it: the redirect comes back to `{origin}/oauth/qbo/callback`. */
  origin: string;
  /** Reconnect this existing QuickBooks Online connection instead of adding one. */
  connectionId?: string;
}

export interface CallbackQuery {
  code?: string;
  state?: string;
  realmId?: string;
  error?: string;
}

/** A refusal whose message is meant for the person in front of the browser. */
export class ConnectRefused extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface QboConnectService {
  start(
    actor: { userId: string; workspaceId: string },
    input: StartConnect,
  ): { authorizeUrl: string; expiresAt: string };
  finish(
    actor: { userId: string; email: string } | null,
    query: CallbackQuery,
    canAdminister: (workspaceId: string) => boolean,
  ): Promise<{ connectionId: string; realmId: string }>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const START_AGAIN = 'Start again from Connections → Connect QuickBooks Online.';

export function createQboConnect(deps: {
  design: DesignStore;
  localSandbox?: LocalQboSandbox | null;
  fetch?: typeof fetch;
  now?: () => number;
}): QboConnectService {
  const { design } = deps;
  const now = deps.now ?? Date.now;
  const table = qboConnectAttempts;

  function endpoints(
    env: QboEnvironment,
    input: StartConnect,
  ): QboEndpoints & { clientId: string; clientSecret: string } {
    if (env === 'sandbox-local') {
      const s = deps.localSandbox;
      if (!s)
        throw new ConnectRefused(
          'The built-in QuickBooks Online sandbox is not running in this Weft. Choose Intuit sandbox or production.',
        );
      return {
        authorizeUrl: s.authorizeUrl,
        tokenUrl: s.tokenUrl,
        apiBaseUrl: s.baseUrl,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
      };
    }
    const clientId = input.clientId?.trim() ?? '';
    const clientSecret = input.clientSecret?.trim() ?? '';
    if (!clientId || !clientSecret)
      throw new ConnectRefused(
        "Type your Intuit app's client id and client secret (Intuit developer portal → your app → Keys and credentials).",
      );
    if (env === 'production')
      return {
        authorizeUrl: INTUIT_AUTHORIZE,
        tokenUrl: INTUIT_TOKEN,
        apiBaseUrl: 'https://quickbooks.api.intuit.com',
        clientId,
        clientSecret,
      };
    if (env === 'sandbox')
      return {
        authorizeUrl: INTUIT_AUTHORIZE,
        tokenUrl: INTUIT_TOKEN,
        apiBaseUrl: 'https://sandbox-quickbooks.api.intuit.com',
        clientId,
        clientSecret,
      };
    for (const u of [env.authorizeUrl, env.tokenUrl, env.apiBaseUrl, ...(env.revokeUrl ? [env.revokeUrl] : [])]) {
      if (!/^https?:\/\//i.test(u))
        throw new ConnectRefused(`"${u}" is not a web address (it must start with https://).`);
    }
    return {
      authorizeUrl: env.authorizeUrl,
      tokenUrl: env.tokenUrl,
      apiBaseUrl: env.apiBaseUrl.replace(/\/+$/, ''),
      ...(env.revokeUrl ? { revokeUrl: env.revokeUrl } : {}),
      clientId,
      clientSecret,
    };
  }

  return {
    start(actor, input) {
      const name = input.name.trim();
      if (!name) throw new ConnectRefused('Give the connection a name, such as the company it connects to.');
      if (input.connectionId) {
        const existing = design.listConnections(actor.workspaceId).find((c) => c.id === input.connectionId);
        if (existing?.kind !== qboConnection.kind)
          throw new ConnectRefused(
            `There is no QuickBooks Online connection "${input.connectionId}" in this workspace to reconnect.`,
            404,
          );
      }
      let origin: URL;
      try {
        origin = new URL(input.origin);
      } catch {
        throw new ConnectRefused(`"${input.origin}" is not Weft's web address.`);
      }
      const e = endpoints(input.environment, input);
      // Intuit must redirect to the address people reach Weft at (WEFT_PUBLIC_URL behind a proxy).
      const redirectUri = `${publicUrl(origin.origin)}${QBO_CALLBACK_PATH}`;
      const state = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now() + ATTEMPT_TTL_MS).toISOString();
      // Attempts older than a day are of no use to anyone: forget them.
      design.db
        .delete(table)
        .where(lt(table.expiresAt, new Date(now() - 86_400_000).toISOString()))
        .run();
      design.db
        .insert(table)
        .values({
          stateHash: sha256(state),
          userId: actor.userId,
          workspaceId: actor.workspaceId,
          plan: {
            name,
            authorizeUrl: e.authorizeUrl,
            tokenUrl: e.tokenUrl,
            apiBaseUrl: e.apiBaseUrl,
            clientId: e.clientId,
            redirectUri,
            ...(e.revokeUrl ? { revokeUrl: e.revokeUrl } : {}),
            ...(input.connectionId ? { connectionId: input.connectionId } : {}),
          },
          secrets: design.seal({ clientSecret: e.clientSecret }),
          expiresAt,
        })
        .run();
      const url = new URL(e.authorizeUrl);
      for (const [k, v] of Object.entries({
        client_id: e.clientId,
        redirect_uri: redirectUri,
        state,
        scope: SCOPE,
        response_type: 'code',
      }))
        url.searchParams.set(k, v);
      return { authorizeUrl: url.toString(), expiresAt };
    },

    async finish(actor, q, canAdminister) {
      if (q.error)
        throw new ConnectRefused(`QuickBooks did not grant access (${q.error.slice(0, 100)}). ${START_AGAIN}`);
      if (!q.state)
        throw new ConnectRefused(`This address is not an answer to a QuickBooks connect Weft started. ${START_AGAIN}`);
      const row = design.db
        .select()
        .from(table)
        .where(eq(table.stateHash, sha256(q.state)))
        .get();
      if (!row)
        throw new ConnectRefused(
          `This QuickBooks connect link is unknown to Weft (it may be from another Weft, or older than a day). ${START_AGAIN}`,
        );
      if (!actor)
        throw new ConnectRefused(
          `Sign in to Weft as the person who started this QuickBooks connect, then ${START_AGAIN[0].toLowerCase()}${START_AGAIN.slice(1)}`,
          401,
        );
      if (row.userId !== actor.userId)
        throw new ConnectRefused(
          `This QuickBooks connect was started by someone else, so it cannot finish in your session. ${START_AGAIN}`,
          403,
        );
      if (row.usedAt) throw new ConnectRefused(`This QuickBooks connect link was already used. ${START_AGAIN}`);
      if (Date.parse(row.expiresAt) <= now())
        throw new ConnectRefused(`This QuickBooks connect took longer than 10 minutes and expired. ${START_AGAIN}`);
      if (!canAdminister(row.workspaceId))
        throw new ConnectRefused(
          'Only an admin of the workspace can connect QuickBooks, and you are no longer one. Ask a workspace admin.',
          403,
        );
      const used = design.db
        .update(table)
        .set({ usedAt: new Date(now()).toISOString() })
        .where(and(eq(table.stateHash, row.stateHash), isNull(table.usedAt)))
        .run();
      if (used.changes === 0) throw new ConnectRefused(`This QuickBooks connect link was already used. ${START_AGAIN}`);
      if (!q.code || !q.realmId)
        throw new ConnectRefused(`QuickBooks answered without a sign-in code or company (realm) id. ${START_AGAIN}`);

      const plan = row.plan;
      const clientSecret = String(design.open(row.secrets).clientSecret ?? '');
      const tokens = await exchangeCode(
        deps.fetch ?? fetch,
        plan.tokenUrl,
        plan.clientId,
        clientSecret,
        q.code,
        plan.redirectUri,
      );
      const at = now();
      const ttl = tokens.expires_in * 1000;
      const id = plan.connectionId ?? `qbo-${slug(plan.name)}-${randomBytes(3).toString('hex')}`;
      design.upsertConnection({
        id,
        workspaceId: row.workspaceId,
        kind: qboConnection.kind,
        name: plan.name,
        settings: {
          baseUrl: plan.apiBaseUrl,
          tokenUrl: plan.tokenUrl,
          ...(plan.revokeUrl ? { revokeUrl: plan.revokeUrl } : {}),
          realmId: q.realmId,
          clientId: plan.clientId,
        },
        secrets: {
          clientSecret,
          refreshToken: tokens.refresh_token,
          accessToken: tokens.access_token,
          // As the token source does: stop using the access token a little early.
          accessTokenExpiresAt: new Date(at + ttl - Math.min(60_000, ttl / 10)).toISOString(),
          ...(typeof tokens.x_refresh_token_expires_in === 'number'
            ? { refreshTokenExpiresAt: new Date(at + tokens.x_refresh_token_expires_in * 1000).toISOString() }
            : {}),
        },
      });
      design.audit(row.workspaceId, actor.email, plan.connectionId ? 'connection.reconnect' : 'connection.create', id, {
        kind: qboConnection.kind,
        realmId: q.realmId,
        name: plan.name,
      });
      return { connectionId: id, realmId: q.realmId };
    },
  };
}

interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  x_refresh_token_expires_in?: number;
}

async function exchangeCode(
  f: typeof fetch,
  tokenUrl: string,
  clientId: string,
  clientSecret: string,
  code: string,
  redirectUri: string,
): Promise<TokenAnswer> {
  let res: Response;
  let text: string;
  try {
    res = await f(tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    text = await res.text();
  } catch (e) {
    throw new ConnectRefused(
      `Weft could not reach QuickBooks' token service (${(e as Error).message}). Check the network, ` +
        `then ${START_AGAIN[0].toLowerCase()}${START_AGAIN.slice(1)}`,
      502,
    );
  }
  let body: Partial<TokenAnswer> & { error?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    /* not JSON: reported below */
  }
  if (!res.ok) {
    const why =
      body.error === 'invalid_client'
        ? 'the client id or client secret is wrong'
        : body.error === 'invalid_grant'
          ? 'the sign-in code was already used or has expired'
          : `HTTP ${res.status}${body.error ? `, ${body.error}` : ''}`;
    throw new ConnectRefused(`QuickBooks refused the sign-in (${why}). ${START_AGAIN}`, 502);
  }
  if (!body.access_token || !body.refresh_token || typeof body.expires_in !== 'number')
    throw new ConnectRefused(`QuickBooks' token service gave an answer Weft cannot use. ${START_AGAIN}`, 502);
  return body as TokenAnswer;
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .slice(0, 30) || 'company'
  );
}
