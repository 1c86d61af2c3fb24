// The QuickBooks Online connection kind (issue 13): one company (realm) reached
// through Accounting API v3 with OAuth 2.0 tokens that rotate (reference B2). Admins
// add it through Intuit's consent ("Connect QuickBooks Online", server/qbo-connect);
// scripts may add it with a refresh token they already hold (`weft connections add`).
// Deleting revokes the grant at Intuit first (issue 4).
import { unreachableResult, watchedFetch } from '../../connection-test';
import { defineConnection, type ConnectionTestContext, type ConnectionTestResult } from '../../define-connection';
import {
  parseQboConnection,
  qboClientOf,
  qboConnectionSettings,
  qboSecrets,
  qboSettings,
  revokeUrlOf,
} from './qbo-connection';
import { QboError } from './qbo-error';
import { QBO_ENTITIES } from './qbo-entities';
import { qboFieldCatalogue } from './qbo-fields';
import { refreshExpiryWarning } from './qbo-expiry-warning';
import { shareGovernorsWith } from './qbo-governor';
import { revokeQboToken } from './qbo-tokens';

async function testQbo(ctx: ConnectionTestContext): Promise<ConnectionTestResult> {
  const parsed = parseQboConnection(ctx.connection);
  if ('problem' in parsed) return { ok: false, message: parsed.problem };
  const s = parsed.settings;
  const watched = watchedFetch(ctx.fetch);
  // The company's shared token source: a test never spends a refresh token a running flow holds (qbo-tokens.ts).
  const client = qboClientOf(ctx.connection, s, { signal: ctx.signal, fetch: watched.fetch, retries: 0 });
  try {
    const info = await client.companyInfo();
    const name = typeof info?.CompanyName === 'string' ? info.CompanyName : `realm ${s.realmId}`;
    return {
      ok: true,
      message: `Signed in to the QuickBooks Online company "${name}" (realm ${s.realmId}) at ${s.baseUrl}.`,
    };
  } catch (e) {
    if (e instanceof QboError && e.kind === 'auth') {
      return {
        ok: false,
        message:
          `QuickBooks refused the sign-in for company ${s.realmId} ` +
          `(${e.code || `HTTP ${e.status}`}): the authorization has ended, was revoked, or ` +
          `the client secret is wrong. Reconnect it.`,
      };
    }
    if (e instanceof QboError && e.status > 0)
      return { ok: false, message: `QuickBooks answered for company ${s.realmId}, but with an error: ${e.message}` };
    return unreachableResult(watched.lastError() ?? e, s.baseUrl, ctx.signal.aborted);
  }
}

async function revoke(all: Record<string, unknown>, f?: typeof fetch): Promise<void> {
  const parsed = qboConnectionSettings.safeParse(all);
  if (!parsed.success) throw new Error('the connection has no complete QuickBooks sign-in to revoke');
  const s = parsed.data;
  await revokeQboToken({
    revokeUrl: revokeUrlOf(s),
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    token: s.refreshToken,
    fetch: f,
  });
}

export const qboConnection = defineConnection({
  kind: 'quickbooks-online',
  label: 'QuickBooks Online',
  entities: QBO_ENTITIES,
  fieldList: qboFieldCatalogue,
  description: "A QuickBooks Online company, connected through Intuit's sign-in (OAuth 2.0).",
  settings: qboSettings,
  secrets: qboSecrets,
  state: ['refreshToken', 'accessToken', 'accessTokenExpiresAt', 'refreshTokenExpiresAt'],
  fields: {
    baseUrl: { label: 'API address', placeholder: 'https://quickbooks.api.intuit.com' },
    tokenUrl: { label: 'Token address', help: "Empty: Intuit's token service for Intuit's API addresses." },
    revokeUrl: { label: 'Revoke address', help: "Empty: Intuit's, for Intuit's token service." },
    realmId: { label: 'Company (realm) id' },
    clientId: { label: 'Client id', help: 'Of your app at developer.intuit.com.' },
    clientSecret: { label: 'Client secret', widget: 'password' },
    refreshToken: {
      label: 'Refresh token',
      widget: 'password',
      help: "Only when not connecting through Intuit's sign-in.",
    },
  },
  summary: (s) => `Company (realm) ${s.realmId ?? '—'} · ${s.baseUrl ?? ''}`,
  // The refresh token's end is sealed with the tokens; only the warning about it is shown.
  warning: (all) => refreshExpiryWarning(all.refreshTokenExpiresAt as string | undefined),
  test: testQbo,
  hooks: {
    oauthConsent: { action: 'Connect QuickBooks Online' },
    // Intuit's limits are per company, whatever process sends (reference B10): workers split them.
    sharedThrottle: { shareWith: shareGovernorsWith },
    revoke: {
      run: revoke,
      system: 'QuickBooks',
      byHand: 'sign in to QuickBooks Online as an admin and disconnect it under Settings → Apps → My apps',
      // Intuit's revoke disconnects the app from the company (every token of that grant stops working).
      grantOf: (s) =>
        s.realmId && s.clientId ? `${String(s.baseUrl ?? '')}|${String(s.realmId)}|${String(s.clientId)}` : null,
    },
  },
});
