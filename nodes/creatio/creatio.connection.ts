// The Creatio connection kind (issue 13): a site reached over OData 4, signed in by
// forms login (AuthService.svc/Login, external-apis.md A2) or by OAuth 2.0 client
// credentials at its identity service — on Creatio cloud a separate host,
// `<site>-is.creatio.com`, whose `/connect/token` is the `tokenUrl` (Creatio Academy,
// "Identity Service overview"; the same setting h17b's token URL uses).
import { z } from 'zod';
import { unreachableResult, watchedFetch } from '../connection-test';
import { defineConnection, type ConnectionTestContext, type ConnectionTestResult } from '../define-connection';
import { CreatioSession } from './creatio-auth';
import { CreatioError } from './creatio-error';
import { APGL_OBJECT_NAMES } from './creatio-requirements-apgl';

export const creatioSettings = z.object({
  baseUrl: z.string().url(),
  authKind: z.enum(['forms', 'oauth']).default('forms'),
  username: z.string().optional(),
  clientId: z.string().optional(),
  /** OAuth only: the identity service's token endpoint (`https://<site>-is.creatio.com/connect/token` on cloud). */
  tokenUrl: z.string().url().optional(),
  odataPath: z.enum(['/0/odata', '/odata']).default('/0/odata'),
});

export const creatioSecrets = z.object({
  password: z.string().optional(),
  clientSecret: z.string().optional(),
});

type All = z.infer<typeof creatioSettings> & z.infer<typeof creatioSecrets>;

export const CREATIO_SETTINGS_PROBLEM =
  'A Creatio connection needs a user name and password (forms login) or a client id and secret (OAuth).';

/**
 * On Creatio cloud the Identity Service is a host of its own (`https://{site}-is.creatio.com/connect/token`),
 * so its token URL cannot be derived from the site URL (reference A1, A2).
 */
export const CREATIO_TOKEN_URL_PROBLEM =
  "OAuth needs the Identity Service's token URL (on Creatio cloud https://<site>-is.creatio.com/connect/token; " +
  'on-site, the OAuth20IdentityServerUrl system setting + /connect/token).';

export function creatioSettingsProblem(
  s: Pick<All, 'authKind' | 'username' | 'clientId' | 'clientSecret' | 'tokenUrl'>,
): string | null {
  if (!(s.authKind === 'oauth' ? !!s.clientId && !!s.clientSecret : !!s.username)) return CREATIO_SETTINGS_PROBLEM;
  return s.authKind === 'oauth' && !s.tokenUrl ? CREATIO_TOKEN_URL_PROBLEM : null;
}

async function testCreatio(ctx: ConnectionTestContext): Promise<ConnectionTestResult> {
  const parsed = creatioSettings.extend(creatioSecrets.shape).safeParse(ctx.connection.settings);
  if (!parsed.success)
    return {
      ok: false,
      message: `The connection is incomplete: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
    };
  const s = parsed.data;
  const problem = creatioSettingsProblem(s);
  if (problem) return { ok: false, message: problem };
  const base = s.baseUrl.replace(/\/+$/, '');
  const watched = watchedFetch(ctx.fetch);
  // One try: a test answers now, a run retries (creatio-http.ts).
  const http = {
    fetch: watched.fetch,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    baseUrl: base,
    signal: ctx.signal,
  };
  const session = new CreatioSession(s, http);
  const who = s.authKind === 'oauth' ? `client ${s.clientId}` : (s.username ?? '');
  try {
    await session.signIn();
    // Signed in is not yet allowed to read: ask for one account id, as a source would.
    const res = await watched.fetch(`${base}${s.odataPath}/Account?$top=1&$select=Id`, {
      headers: { Accept: 'application/json', ...session.headers() },
      signal: ctx.signal,
    });
    if (res.status === 401 || res.status === 403) {
      return {
        ok: false,
        message: `Signed in to ${base} as ${who}, but Creatio refused to let ${who} read accounts (HTTP ${res.status}). Give that user read access to Account.`,
      };
    }
    if (!res.ok)
      return {
        ok: false,
        message:
          `Signed in to ${base} as ${who}, but its OData service at ${s.odataPath} answered HTTP ` +
          `${res.status}. Check the OData path (/0/odata on .NET Framework, /odata on .NET Core).`,
      };
    return { ok: true, message: `Signed in to ${base} as ${who}.` };
  } catch (e) {
    // A refused forms login is HTTP 200 with Code 1 (made 401 by creatio-auth.ts); a token endpoint refuses a
    // client with 400 or 401 `invalid_client` (RFC 6749 §5.2), both kind 'auth'.
    if (e instanceof CreatioError && e.kind === 'auth' && (s.authKind === 'oauth' || e.status === 401)) {
      if (s.authKind === 'oauth')
        return {
          ok: false,
          message: `The client secret was refused for ${who} by ${s.tokenUrl ?? base}. Check the client id and secret.`,
        };
      return {
        ok: false,
        message: `The password was refused for ${who} at ${base}. Check the user name and password.`,
      };
    }
    if (e instanceof CreatioError && e.status > 0)
      return { ok: false, message: `${base} answered, but not as Creatio does (${e.message}). Check the site URL.` };
    return unreachableResult(
      watched.lastError() ?? e,
      s.authKind === 'oauth' && s.tokenUrl ? s.tokenUrl : base,
      ctx.signal.aborted,
    );
  }
}

export const creatioConnection = defineConnection({
  kind: 'creatio',
  label: 'Creatio',
  // The objects a flow writes most; the Creatio sink takes any object name, a Mapping offers these.
  entities: [
    'Account',
    'Contact',
    'Opportunity',
    'Order',
    'Invoice',
    'Product',
    'Activity',
    'Lead',
    // The custom objects QuickBooks money comes back into (seed §3.1 Table 2, payment processing).
    'UsrPaymentQB',
    'UsrCreditMemo',
    'UsrTransaction',
    // The accounting objects (chart of accounts, deposits, journals, vendor credits, time).
    ...APGL_OBJECT_NAMES,
  ],
  description: 'A Creatio site (cloud or on-site), read and written through its OData 4 service.',
  settings: creatioSettings,
  secrets: creatioSecrets,
  check: creatioSettingsProblem,
  aliases: { url: 'baseUrl', user: 'username' },
  fields: {
    baseUrl: {
      label: 'Site URL',
      placeholder: 'https://mycompany.creatio.com',
      help: 'The address you open Creatio at, without /0/…',
    },
    authKind: {
      label: 'Sign-in',
      options: [
        { value: 'forms', label: 'User name and password (forms login)' },
        { value: 'oauth', label: 'OAuth client credentials' },
      ],
    },
    username: { label: 'User name', help: "Forms login: a Creatio user allowed to read and write the flows' objects." },
    password: {
      label: 'Password',
      widget: 'password',
      help: 'Forms login. Left empty when editing: the saved one is kept.',
    },
    clientId: { label: 'Client id', help: 'OAuth: from System Designer → OAuth 2.0 integrated applications.' },
    clientSecret: {
      label: 'Client secret',
      widget: 'password',
      help: 'OAuth. Left empty when editing: the saved one is kept.',
    },
    tokenUrl: {
      label: 'Identity service token URL',
      placeholder: 'https://mycompany-is.creatio.com/connect/token',
      help: 'OAuth: on Creatio cloud the identity service is a separate host ending in -is.creatio.com.',
    },
    odataPath: { label: 'OData path', help: '/0/odata on .NET Framework sites, /odata on .NET Core.' },
  },
  summary: (s) => `${s.baseUrl ?? ''}${s.username ? ` · ${s.username}` : s.clientId ? ` · client ${s.clientId}` : ''}`,
  test: testCreatio,
});
