// Signing in to Creatio (external-apis.md A2). Forms: POST AuthService.svc/Login,
// keep the cookies, echo BPMCSRF as a header with `ForceUseSession: true`; a refused
// login is HTTP 200 with Code 1 (pitfall 1). OAuth: client-credentials token, Bearer.
import { CreatioError } from './creatio-error';
import { httpSend, safeJson, type HttpOptions } from './creatio-http';

export interface AuthSettings {
  baseUrl: string;
  authKind?: 'forms' | 'oauth';
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  tokenUrl?: string;
}

export class CreatioSession {
  private cookies = new Map<string, string>();
  private token: { value: string; expiresAt: number } | null = null;
  private pending: Promise<void> | null = null;
  /** Bumped on every sign-in, so a late 401 from an older session does not end a newer one. */
  generation = 0;

  constructor(
    private readonly s: AuthSettings,
    private readonly http: HttpOptions,
  ) {}

  get kind(): 'forms' | 'oauth' {
    return this.s.authKind ?? (this.s.clientId && !this.s.username ? 'oauth' : 'forms');
  }

  get signedIn(): boolean {
    if (this.kind === 'oauth') return !!this.token && this.token.expiresAt > Date.now() + 30_000;
    return this.cookies.has('BPMCSRF');
  }

  /** Sign in (concurrent callers share one attempt). Throws CreatioError kind 'auth' when refused. */
  signIn(): Promise<void> {
    this.pending ??= (this.kind === 'oauth' ? this.fetchToken() : this.formsLogin())
      .then(() => {
        this.generation++;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  /** Forget the session after a 401 received under `generation` (ignored if a newer session exists). */
  drop(generation = this.generation): void {
    if (generation !== this.generation) return;
    this.cookies.clear();
    this.token = null;
  }

  headers(): Record<string, string> {
    if (this.kind === 'oauth') return this.token ? { Authorization: `Bearer ${this.token.value}` } : {};
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { Cookie: cookie, BPMCSRF: this.cookies.get('BPMCSRF') ?? '', ForceUseSession: 'true' };
  }

  private async formsLogin(): Promise<void> {
    const base = this.s.baseUrl.replace(/\/+$/, '');
    const res = await httpSend(
      this.http,
      `${base}/ServiceModel/AuthService.svc/Login`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', ForceUseSession: 'true' },
        body: JSON.stringify({ UserName: this.s.username ?? '', UserPassword: this.s.password ?? '' }),
      },
      { action: 'signing in to' },
    );
    const body = safeJson(res.text) as { Code?: number; Message?: string } | undefined;
    if (res.status !== 200 || !body || body.Code !== 0) {
      throw new CreatioError({
        status: res.status === 200 ? 401 : res.status,
        kind: 'auth',
        message:
          `Creatio refused the sign-in of user '${this.s.username ?? ''}': ` +
          `${body?.Message || `HTTP ${res.status}`} Check the user name and password of ` +
          `the connection.`,
        detail: res.text.slice(0, 500),
      });
    }
    this.cookies.clear();
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0];
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    if (!this.cookies.has('BPMCSRF')) {
      throw new CreatioError({
        status: 200,
        kind: 'auth',
        message: 'Creatio accepted the sign-in but sent no BPMCSRF cookie; a proxy may be removing cookies.',
      });
    }
  }

  private async fetchToken(): Promise<void> {
    // Never derived from the site URL: on Creatio cloud the Identity Service is another host (A1, A2).
    const url = this.s.tokenUrl;
    if (!url) {
      throw new CreatioError({
        status: 0,
        kind: 'auth',
        message:
          `The Creatio connection has no token URL for client '${this.s.clientId ?? ''}'. Set it to the Identity Service's ` +
          'token endpoint (on Creatio cloud https://<site>-is.creatio.com/connect/token).',
      });
    }
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.s.clientId ?? '',
      client_secret: this.s.clientSecret ?? '',
    });
    const res = await httpSend(
      this.http,
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
      { action: 'getting a token from' },
      true,
      (status) => status === 400,
    ); // IdentityServer answers 400 {"error":…}
    const body = safeJson(res.text) as { access_token?: string; expires_in?: number; error?: string } | undefined;
    if (res.status !== 200 || !body?.access_token) {
      throw new CreatioError({
        status: res.status === 200 ? 401 : res.status,
        kind: 'auth',
        message:
          `Creatio's identity service refused client '${this.s.clientId ?? ''}' ` +
          `(${body?.error ?? `HTTP ${res.status}`}). Check the client id and secret of the connection.`,
        detail: res.text.slice(0, 500),
      });
    }
    this.token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
  }
}
