// The connection vault (issues 6 and 4): every connection of every workspace in
// the run store, so a `weft worker` that shares only PostgreSQL with the server
// resolves connections the same way the server's own worker does. Secrets are
// stored only sealed (the `Sealer` is the server's SecretBox: the same key), and
// live token state (QuickBooks' rotating refresh token) is kept here too: a
// read-modify-write under SELECT … FOR UPDATE on the row is the lock every worker
// honours, so two workers never spend the same refresh token.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { connectionRegistry } from '../../nodes/connections';
import type { ConnectionInfo } from '../../nodes/define-node';
import type { Queryable } from './run-store';
import { inTransaction } from './transaction';

/** NOTIFY'd with `{ workspaceId, id, version }` when a connection's token state changes (the server copies it to the design store). */
export const CONNECTION_TOKENS_CHANNEL = 'weft_connection_tokens';
/** The secrets that are live token state rather than configuration: what the connection kinds declare as their `state`. */
export const TOKEN_FIELDS: readonly string[] = connectionRegistry.stateKeys();
/** How many refresh-token hashes a row remembers (one per rotation; a copy older than that is not expected). */
const KNOWN_MAX = 50;
/** A worker waiting longer than this for another's refresh gives up with a plain error (the run retries). */
const LOCK_TIMEOUT = '90s';

/** Seals and opens secrets: the server's SecretBox (server/design/secrets.ts), structurally. */
export interface Sealer {
  seal(value: Record<string, unknown>): string;
  open(sealed: string): Record<string, unknown>;
}

export interface VaultEntry {
  workspaceId: string;
  id: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, unknown>;
}

interface Row {
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secrets: string;
  tokens: string | null;
  token_version: number;
  known_refresh: string[];
}

export interface TokenState {
  workspaceId: string;
  id: string;
  version: number;
  tokens: Record<string, unknown>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function split(secrets: Record<string, unknown>): {
  config: Record<string, unknown>;
  tokens: Record<string, unknown> | null;
} {
  const config: Record<string, unknown> = {};
  const tokens: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(secrets)) {
    if (v === undefined) continue;
    if (TOKEN_FIELDS.includes(k)) tokens[k] = v;
    else config[k] = v;
  }
  return { config, tokens: Object.keys(tokens).length > 0 ? tokens : null };
}

function expiry(v: unknown): Date | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(n) ? new Date(n) : null;
}

function remember(known: string[], refreshToken: unknown): string[] {
  if (typeof refreshToken !== 'string' || refreshToken === '') return known;
  const h = sha256(refreshToken);
  return known.includes(h) ? known : [...known, h].slice(-KNOWN_MAX);
}

export class ConnectionVault {
  constructor(
    private readonly pool: pg.Pool,
    private readonly box: Sealer,
    /** Told every secret this vault opens or saves (the server's log redactor learns them). */
    private readonly onSecrets: (secrets: Record<string, unknown>) => void = () => undefined,
  ) {}

  /**
   * The server's copy of a connection it created or changed. Configuration is
   * replaced; the token state only when its refresh token is one this row never
   * held (a new authorization: connect, reconnect, a new sandbox). A copy
   * carrying a token the vault already rotated past is older than the vault —
   * writing it back would hand workers a dead refresh token.
   */
  /** `version`: of the token state after the copy; `replaced`: whether the copy's tokens became it. */
  async put(c: VaultEntry): Promise<{ version: number; replaced: boolean }> {
    const { config, tokens } = split(c.secrets);
    return this.transaction(async (db) => {
      const row = await selectRow(db, c.workspaceId, c.id, true);
      const fresh =
        tokens !== null &&
        (!row || row.tokens === null || !row.known_refresh.includes(sha256(String(tokens.refreshToken ?? ''))));
      if (!row) {
        await db.query(
          `INSERT INTO weft_connection_vault (workspace_id, connection_id, kind, name, settings, secrets,
          tokens, token_version, refresh_token_expires_at, known_refresh)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            c.workspaceId,
            c.id,
            c.kind,
            c.name,
            JSON.stringify(c.settings),
            this.box.seal(config),
            tokens && this.box.seal(tokens),
            tokens ? 1 : 0,
            expiry(tokens?.refreshTokenExpiresAt),
            remember([], tokens?.refreshToken),
          ],
        );
      } else {
        await db.query(
          `UPDATE weft_connection_vault SET kind = $3, name = $4, settings = $5, secrets = $6, ` +
            `updated_at = now() WHERE workspace_id = $1 AND connection_id = $2`,
          [c.workspaceId, c.id, c.kind, c.name, JSON.stringify(c.settings), this.box.seal(config)],
        );
        if (fresh)
          return { version: await this.saveTokens(db, c.workspaceId, c.id, row, tokens!, true), replaced: true };
        return { version: row.token_version, replaced: false };
      }
      if (tokens) await notify(db, c.workspaceId, c.id, 1);
      return { version: tokens ? 1 : 0, replaced: true };
    });
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.pool.query(`DELETE FROM weft_connection_vault WHERE workspace_id = $1 AND connection_id = $2`, [
      workspaceId,
      id,
    ]);
  }

  /** Every workspace's connection ids (the server's boot sync drops the ones it no longer has). */
  async ids(): Promise<{ workspaceId: string; id: string }[]> {
    const { rows } = await this.pool.query(`SELECT workspace_id, connection_id FROM weft_connection_vault`);
    return rows.map((r) => ({ workspaceId: r.workspace_id as string, id: r.connection_id as string }));
  }

  /** The token state of one connection (or of every connection that has one), opened. */
  async tokenStates(only?: { workspaceId: string; id: string }): Promise<TokenState[]> {
    const { rows } = only
      ? await this.pool.query(
          `SELECT workspace_id, connection_id, tokens, token_version FROM weft_connection_vault WHERE ` +
            `workspace_id = $1 AND connection_id = $2 AND tokens IS NOT NULL`,
          [only.workspaceId, only.id],
        )
      : await this.pool.query(
          `SELECT workspace_id, connection_id, tokens, token_version FROM weft_connection_vault WHERE tokens IS NOT NULL`,
        );
    return rows.map((r) => ({
      workspaceId: r.workspace_id,
      id: r.connection_id,
      version: r.token_version,
      tokens: this.box.open(r.tokens),
    }));
  }

  /** The ConnectionResolver of every worker, local or remote: settings and opened secrets, newest token state included. */
  async resolve(workspaceId: string, id: string): Promise<ConnectionInfo> {
    const row = await selectRow(this.pool, workspaceId, id, false);
    if (!row)
      throw new Error(
        `The connection "${id}" does not exist in this workspace. Choose another connection on the node, or add it under Connections.`,
      );
    const secrets = this.opened(row);
    this.onSecrets(secrets);
    return {
      id,
      kind: row.kind,
      name: row.name,
      settings: { ...row.settings, ...secrets },
      saveSettings: (patch) => this.withLock(workspaceId, id, async () => ({ patch, result: undefined })),
      withLock: (change) => this.withLock(workspaceId, id, change),
    };
  }

  /**
   * Read-modify-write of one connection holding its row lock: `change` sees the
   * newest settings any process saved; its patch is saved (token fields as
   * token state, the rest as configuration) in the same transaction.
   */
  async withLock<T>(
    workspaceId: string,
    id: string,
    change: (current: Record<string, unknown>) => Promise<{ patch: Record<string, unknown> | null; result: T }>,
  ): Promise<T> {
    return this.transaction(async (db) => {
      await db.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      let row: Row | null;
      try {
        row = await selectRow(db, workspaceId, id, true);
      } catch (e) {
        if ((e as { code?: string }).code === '55P03')
          throw new Error(
            `Another worker has held the connection "${id}" for over ${LOCK_TIMEOUT} (refreshing its sign-in); try again shortly.`,
          );
        throw e;
      }
      if (!row)
        throw new Error(
          `The connection "${id}" was deleted while in use. Choose another connection on the node, or add it under Connections.`,
        );
      const { patch, result } = await change({ ...row.settings, ...this.opened(row) });
      if (patch && Object.keys(patch).length > 0) {
        const { config, tokens } = split(patch);
        if (Object.keys(config).length > 0) {
          const merged = { ...this.box.open(row.secrets), ...config };
          this.onSecrets(merged);
          await db.query(
            `UPDATE weft_connection_vault SET secrets = $3, updated_at = now() WHERE workspace_id = $1 AND connection_id = $2`,
            [workspaceId, id, this.box.seal(merged)],
          );
        }
        if (tokens) await this.saveTokens(db, workspaceId, id, row, tokens, false);
      }
      return result;
    });
  }

  private opened(row: Row): Record<string, unknown> {
    return { ...this.box.open(row.secrets), ...(row.tokens ? this.box.open(row.tokens) : {}) };
  }

  /** `replace`: a new authorization (the old token state is dropped); else merged into it. */
  /** The new version of the token state. */
  private async saveTokens(
    db: pg.PoolClient,
    workspaceId: string,
    id: string,
    row: Row,
    tokens: Record<string, unknown>,
    replace: boolean,
  ): Promise<number> {
    const merged = replace ? tokens : { ...(row.tokens ? this.box.open(row.tokens) : {}), ...tokens };
    this.onSecrets(merged);
    const version = row.token_version + 1;
    await db.query(
      `UPDATE weft_connection_vault SET tokens = $3, token_version = $4, refresh_token_expires_at ` +
        `= $5, known_refresh = $6, updated_at = now() WHERE workspace_id = $1 AND connection_id = ` +
        `$2`,
      [
        workspaceId,
        id,
        this.box.seal(merged),
        version,
        expiry(merged.refreshTokenExpiresAt),
        remember(row.known_refresh, merged.refreshToken),
      ],
    );
    await notify(db, workspaceId, id, version);
    return version;
  }

  private async transaction<T>(f: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, f);
  }
}

async function selectRow(db: Queryable, workspaceId: string, id: string, lock: boolean): Promise<Row | null> {
  const { rows } = await db.query(
    `SELECT kind, name, settings, secrets, tokens, token_version, known_refresh FROM ` +
      `weft_connection_vault WHERE workspace_id = $1 AND connection_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [workspaceId, id],
  );
  return (rows[0] as Row | undefined) ?? null;
}

async function notify(db: Queryable, workspaceId: string, id: string, version: number): Promise<void> {
  await db.query(`SELECT pg_notify($1, $2)`, [CONNECTION_TOKENS_CHANNEL, JSON.stringify({ workspaceId, id, version })]);
}

/**
 * `weft rotate-key`: every sealed value of the vault re-sealed under `next`, in
 * the caller's transaction (rows locked until it commits). 0 when this run store
 * has no vault yet.
 */
export async function resealVault(db: pg.ClientBase, old: Sealer, next: Sealer): Promise<number> {
  const exists = (await db.query(`SELECT to_regclass('weft_connection_vault') IS NOT NULL AS ok`)).rows[0]
    .ok as boolean;
  if (!exists) return 0;
  const { rows } = await db.query(
    `SELECT workspace_id, connection_id, secrets, tokens FROM weft_connection_vault FOR UPDATE`,
  );
  let n = 0;
  for (const r of rows) {
    const tokens = r.tokens ? next.seal(old.open(r.tokens)) : null;
    await db.query(
      `UPDATE weft_connection_vault SET secrets = $3, tokens = $4 WHERE workspace_id = $1 AND connection_id = $2`,
      [r.workspace_id, r.connection_id, next.seal(old.open(r.secrets)), tokens],
    );
    n += r.tokens ? 2 : 1;
  }
  return n;
}
