// OAuth 2.0 tokens of one QuickBooks company (reference B2). Refresh tokens
// rotate: QuickBooks answers a refresh with the same refresh token for about a day
// (its `x_refresh_token_expires_in` counting down), then with a new one, and only the
// newest keeps working (intuit/oauth-jsclient#74),
// so every rotated token is handed to `saveTokens` at once, and concurrent
// callers share ONE refresh (a second, parallel refresh would spend a token the
// first one already rotated away). Within a process `inflight` makes it one; across
// worker processes a `QboTokenStore` (the run store's connection vault) holds a lock
// around the refresh and saves the rotated token before releasing it (issue 4).
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
export type RotatedTokens = Required<Omit<QboTokens, 'refreshTokenExpiresAt'>> &
  Pick<QboTokens, 'refreshTokenExpiresAt'>;

/**
 * Token state shared by every process using this company (issue 4). `exclusive`
 * runs `refresh` holding a lock all of them honour; `stored` is the newest state
 * any of them saved. What `refresh` returns is saved before the lock is released
 * (null: nothing to save, `stored` is good); the state after that is returned.
 */
export interface QboTokenStore {
  exclusive(refresh: (stored: QboTokens) => Promise<RotatedTokens | null>): Promise<QboTokens>;
}

export interface TokenSourceOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  realmId: string;
  tokens: QboTokens;
  saveTokens?: (tokens: RotatedTokens) => Promise<void> | void;
  /** Given: refreshes are serialized across processes through it, and rotations saved by it (not `saveTokens`). */
  store?: QboTokenStore;
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
  /** The refresh token of a token call whose answer never arrived (it may have been spent). */
  private lostAnswerOf: string | null = null;
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
    if (opts.tokens.refreshToken !== s.tokens.refreshToken && !s.retired.has(opts.tokens.refreshToken))
      s.tokens = { ...opts.tokens };
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
    if (t.accessToken && t.accessTokenExpiresAt !== undefined && t.accessTokenExpiresAt > this.now)
      return t.accessToken;
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
    if (rejected !== undefined && this.tokens.accessToken && this.tokens.accessToken !== rejected)
      return Promise.resolve(this.tokens.accessToken);
    this.inflight = this.doRefresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async doRefresh(): Promise<string> {
    const store = this.opts.store;
    if (!store) {
      const next = await this.callTokenEndpoint(this.tokens.refreshToken);
      this.tokens = next;
      try {
        await this.opts.saveTokens?.(next);
      } catch (e) {
        throw saveFailed(e);
      }
      return next.accessToken;
    }
    // What this process holds is stale or refused; another worker may have replaced it already.
    const mine = this.tokens.accessToken;
    let saved: QboTokens;
    let rotated = false;
    try {
      saved = await store.exclusive(async (stored) => {
        const theirs = stored.accessToken;
        if (
          theirs &&
          theirs !== mine &&
          (stored.accessTokenExpiresAt === undefined || stored.accessTokenExpiresAt > this.now)
        )
          return null;
        const next = await this.callTokenEndpoint(stored.refreshToken);
        rotated = true;
        return next;
      });
    } catch (e) {
      // Losing a rotated token would lock the connection out; say so loudly.
      if (rotated && !(e instanceof QboError)) throw saveFailed(e);
      throw e;
    }
    if (saved.refreshToken !== this.tokens.refreshToken) this.retired.add(this.tokens.refreshToken);
    this.tokens = { ...saved };
    if (!saved.accessToken)
      throw new QboError({
        status: 0,
        code: 'save-failed',
        title: 'No QuickBooks access token after the refresh',
        detail: 'The stored sign-in has no access token.',
        entity: 'sign-in',
      });
    return saved.accessToken;
  }

  /** One call to Intuit's token endpoint with `refreshToken`; the answer as the tokens to keep. */
  private async callTokenEndpoint(used: string): Promise<RotatedTokens> {
    const { tokenUrl, clientId, clientSecret } = this.opts;
    let res: Response;
    let text: string;
    try {
      this.refreshes++;
      res = await (this.opts.fetch ?? fetch)(tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic(clientId, clientSecret)}`,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: used }).toString(),
        // Other workers wait on the lock while this runs: never forever.
        signal: AbortSignal.timeout(30_000),
      });
      text = await res.text();
    } catch (e) {
      this.lostAnswerOf = used;
      throw networkError(e, 'sign-in');
    }
    if (!res.ok) {
      const err = parseQboError(res.status, text, { entity: 'sign-in (token refresh)' });
      // A retry with the same token works within the day QuickBooks keeps its value, which is the
      // documented case (oauth-jsclient#74). If the lost answer carried a new one, nothing can
      // bring it back: Intuit documents no grace for the old token, so Weft relies on none and
      // says plainly what happened instead of a bare invalid_grant.
      if (err.code === 'invalid_grant' && this.lostAnswerOf === used) {
        throw new QboError({
          status: res.status,
          code: 'refresh-lost',
          title: err.title,
          detail: err.detail,
          entity: 'sign-in (token refresh)',
        });
      }
      throw err;
    }
    this.lostAnswerOf = null;
    const body = JSON.parse(text) as {
      access_token: string;
      refresh_token: string;
      expires_in: number;
      x_refresh_token_expires_in?: number;
    };
    const ttl = body.expires_in * 1000;
    // Refresh a little early (a tenth of the lifetime, at most a minute) so a token never expires mid-request.
    const next: RotatedTokens = {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      accessTokenExpiresAt: this.now + ttl - Math.min(60_000, ttl / 10),
    };
    if (typeof body.x_refresh_token_expires_in === 'number')
      next.refreshTokenExpiresAt = this.now + body.x_refresh_token_expires_in * 1000;
    if (next.refreshToken !== used) this.retired.add(used);
    return next;
  }
}

function saveFailed(e: unknown): QboError {
  return new QboError({
    status: 0,
    code: 'save-failed',
    title: 'Could not save the new QuickBooks refresh token',
    detail: String((e as Error)?.message ?? e),
    entity: 'sign-in',
  });
}

export interface RevokeOptions {
  revokeUrl: string;
  clientId: string;
  clientSecret: string;
  /** The refresh token (revoking it ends the grant, access tokens included). */
  token: string;
  fetch?: typeof fetch;
}

/**
 * Disconnect (issue 4; reference B2): `POST {revokeUrl}` with `{"token"}` and Basic
 * auth. Resolves when QuickBooks confirmed; rejects with a plain-words reason.
 */
export async function revokeQboToken(o: RevokeOptions): Promise<void> {
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(o.revokeUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic(o.clientId, o.clientSecret)}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ token: o.token }),
      signal: AbortSignal.timeout(30_000),
    });
    await res.text();
  } catch (e) {
    throw new Error(`QuickBooks could not be reached at ${o.revokeUrl} (${(e as Error).message})`);
  }
  if (res.status === 401) throw new Error('QuickBooks refused the client id or client secret (HTTP 401)');
  if (!res.ok) throw new Error(`QuickBooks answered HTTP ${res.status} at ${o.revokeUrl}`);
}
