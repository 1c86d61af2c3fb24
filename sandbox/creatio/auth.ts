// Forms login with cookies + BPMCSRF, and OAuth 2.0 client-credentials tokens
// (external-apis.md A2). A bad password is HTTP 200 with Code 1, not a 401.
import { unauthorized, type SimError } from './wire-errors';

export interface AuthOptions {
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  /** Sliding session lifetime; every authenticated call extends it. */
  sessionTtlMs: number;
  tokenTtlMs: number;
  now: () => number;
}

interface Session {
  csrf: string;
  /** BPMSESSIONID: the Creatio session the forms ticket (.ASPXAUTH) belongs to. */
  sessionId: string;
  user: string;
  expiresAt: number;
}

const randomToken = (bytes = 24) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export class AuthState {
  private sessions = new Map<string, Session>();
  private tokens = new Map<string, number>();
  constructor(readonly opts: AuthOptions) {}

  /** POST /ServiceModel/AuthService.svc/Login → the JSON body and the cookies to set. */
  login(body: unknown): { body: Record<string, unknown>; cookies: string[] } {
    const b = (body ?? {}) as { UserName?: unknown; UserPassword?: unknown };
    const result = { Code: 0, Message: '', Exception: null, PasswordChangeUrl: null, RedirectUrl: null };
    if (b.UserName !== this.opts.username || b.UserPassword !== this.opts.password) {
      // Still HTTP 200: clients must read Code (pitfall 1). Wording [?].
      return {
        body: {
          ...result,
          Code: 1,
          Message: 'Either user name or password specified incorrectly or user does not exist.',
        },
        cookies: [],
      };
    }
    const aspxauth = randomToken(32);
    const csrf = randomToken(11);
    const sessionId = randomToken(12);
    this.sessions.set(aspxauth, {
      csrf,
      sessionId,
      user: this.opts.username,
      expiresAt: this.opts.now() + this.opts.sessionTtlMs,
    });
    // A real login sets BPMSESSIONID too (Creatio Academy "Authentication of external requests"; clio's
    // CreatioClient keeps it): the session lives under it, and a call without it is not in that session.
    return {
      body: result,
      cookies: [
        `BPMLOADER=${randomToken(12)}; path=/; HttpOnly; SameSite=Lax`,
        `.ASPXAUTH=${aspxauth}; path=/; HttpOnly; SameSite=Lax`,
        `BPMSESSIONID=${sessionId}; path=/; HttpOnly; SameSite=Lax`,
        `BPMCSRF=${csrf}; path=/; SameSite=Lax`,
        `UserName=${encodeURIComponent(this.opts.username)}; path=/; SameSite=Lax`,
      ],
    };
  }

  /** POST /connect/token (form): IdentityServer-style answers. */
  token(form: URLSearchParams): { status: number; body: Record<string, unknown> } {
    if (form.get('grant_type') !== 'client_credentials')
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (form.get('client_id') !== this.opts.clientId || form.get('client_secret') !== this.opts.clientSecret) {
      return { status: 400, body: { error: 'invalid_client' } };
    }
    const token = randomToken(32);
    this.tokens.set(token, this.opts.now() + this.opts.tokenTtlMs);
    return {
      status: 200,
      body: {
        access_token: token,
        expires_in: Math.round(this.opts.tokenTtlMs / 1000),
        token_type: 'Bearer',
        scope: 'ApplicationAccess',
      },
    };
  }

  /** Null when the request may proceed; a 401 otherwise. */
  check(headers: Record<string, string | string[] | undefined>): SimError | null {
    const now = this.opts.now();
    const authz = String(headers.authorization ?? '');
    if (authz.startsWith('Bearer ')) {
      const exp = this.tokens.get(authz.slice(7));
      return exp !== undefined && exp > now ? null : unauthorized();
    }
    const cookies = parseCookies(String(headers.cookie ?? ''));
    const s = this.sessions.get(cookies['.ASPXAUTH'] ?? '');
    if (!s || s.expiresAt <= now || cookies.BPMSESSIONID !== s.sessionId) return unauthorized();
    // CSRF protection since 7.10: the header must echo the BPMCSRF cookie (A2).
    if (headers.bpmcsrf !== s.csrf) return unauthorized();
    s.expiresAt = now + this.opts.sessionTtlMs;
    return null;
  }

  /** End the session (or token) a request carries, as if it had timed out. */
  expire(headers: Record<string, string | string[] | undefined>): void {
    this.sessions.delete(parseCookies(String(headers.cookie ?? ''))['.ASPXAUTH'] ?? '');
    const authz = String(headers.authorization ?? '');
    if (authz.startsWith('Bearer ')) this.tokens.delete(authz.slice(7));
  }

  expireAll(): void {
    this.sessions.clear();
    this.tokens.clear();
  }
}
