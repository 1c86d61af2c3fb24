// OAuth 2.0 tokens of one QuickBooks company (reference B2). Refresh tokens
// rotate: each refresh may return a new one, and only the newest keeps working,
// so every rotated token is handed to `saveTokens` at once, and concurrent
// callers share ONE refresh (a second, parallel refresh would spend a token the
// first one already rotated away).
import { networkError, parseQboError, QboError } from './qbo-error';

export interface QboTokens {
  refreshToken: string;
  accessToken?: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt?: number;
  /** Epoch milliseconds when the refresh token dies (`x_refresh_token_expires_in`); reconnect before then. */
  refreshTokenExpiresAt?: number;
}

/** What a refresh hands to `saveTokens`: everything but the refresh token's end, which Intuit may omit. */
export type RotatedTokens = Required<Omit<QboTokens, 'refreshTokenExpiresAt'>> & Pick<QboTokens, 'refreshTokenExpiresAt'>;

export interface TokenSourceOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  realmId: string;
  tokens: QboTokens;
  saveTokens?: (tokens: RotatedTokens) => Promise<void> | void;
  fetch?: typeof fetch;
  now?: () => number;
}

const sources = new Map<string, QboTokenSource>();

function basic(id: string, secret: string): string {
  const bytes = new TextEncoder().encode(`${id}:${secret}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export class QboTokenSource {
  private tokens: QboTokens;
  private retired = new Set<string>();
  private inflight: Promise<string> | null = null;
  /** How many refreshes this source made (tests, diagnostics). */
  refreshes = 0;

  private constructor(private opts: TokenSourceOptions) {
    this.tokens = { ...opts.tokens };
  }

  /**
   * The shared source of one company's tokens. If this process already rotated
   * away from the token in `opts`, the newer one it holds wins; a token it has
   * never seen (a reconnect, another process) is adopted.
   */
  static for(opts: TokenSourceOptions): QboTokenSource {
    const key = `${opts.tokenUrl}|${opts.clientId}|${opts.realmId}`;
    const s = sources.get(key);
    if (!s) {
      const created = new QboTokenSource(opts);
      sources.set(key, created);
      return created;
    }
    s.opts = { ...opts, tokens: s.tokens };
    if (opts.tokens.refreshToken !== s.tokens.refreshToken && !s.retired.has(opts.tokens.refreshToken)) s.tokens = { ...opts.tokens };
    return s;
  }

  /** A fresh instance outside the registry (tests, one-off tools). */
  static standalone(opts: TokenSourceOptions): QboTokenSource {
    return new QboTokenSource(opts);
  }

  get current(): Readonly<QboTokens> {
    return this.tokens;
  }

  private get now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** A usable access token, refreshing first if ours is missing or about to expire. */
  async accessToken(): Promise<string> {
    const t = this.tokens;
    if (t.accessToken && t.accessTokenExpiresAt !== undefined && t.accessTokenExpiresAt > this.now) return t.accessToken;
    if (t.accessToken && t.accessTokenExpiresAt === undefined) return t.accessToken;
    return this.refresh();
  }

  /** QuickBooks refused this access token (401): stop using it, unless it was already replaced. */
  invalidate(rejected: string): void {
    if (this.tokens.accessToken === rejected) this.tokens = { ...this.tokens, accessTokenExpiresAt: 0 };
  }

  /**
   * Refresh because `rejected` was refused (401). If another caller already
   * replaced that token, use theirs; if a refresh is running, join it.
   */
  refresh(rejected?: string): Promise<string> {
    if (this.inflight) return this.inflight;
    if (rejected !== undefined && this.tokens.accessToken && this.tokens.accessToken !== rejected) return Promise.resolve(this.tokens.accessToken);
    this.inflight = this.doRefresh().finally(() => { this.inflight = null; });
    return this.inflight;
  }

  private async doRefresh(): Promise<string> {
    const { tokenUrl, clientId, clientSecret } = this.opts;
    const used = this.tokens.refreshToken;
    let res: Response;
    let text: string;
    try {
      this.refreshes++;
      res = await (this.opts.fetch ?? fetch)(tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${basic(clientId, clientSecret)}`, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: used }).toString(),
      });
      text = await res.text();
    } catch (e) {
      throw networkError(e, 'sign-in');
    }
    if (!res.ok) throw parseQboError(res.status, text, { entity: 'sign-in (token refresh)' });
    const body = JSON.parse(text) as { access_token: string; refresh_token: string; expires_in: number; x_refresh_token_expires_in?: number };
    const ttl = body.expires_in * 1000;
    // Refresh a little early (a tenth of the lifetime, at most a minute) so a token never expires mid-request.
    const next: RotatedTokens = { accessToken: body.access_token, refreshToken: body.refresh_token, accessTokenExpiresAt: this.now + ttl - Math.min(60_000, ttl / 10) };
    if (typeof body.x_refresh_token_expires_in === 'number') next.refreshTokenExpiresAt = this.now + body.x_refresh_token_expires_in * 1000;
    if (next.refreshToken !== used) this.retired.add(used);
    this.tokens = next;
    try {
      await this.opts.saveTokens?.(next);
    } catch (e) {
      // Losing a rotated token would lock the connection out; say so loudly.
      throw new QboError({ status: 0, code: 'save-failed', title: 'Could not save the new QuickBooks refresh token', detail: String((e as Error)?.message ?? e), entity: 'sign-in' });
    }
    return next.accessToken;
  }
}
