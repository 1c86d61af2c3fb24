// SQLite state of every simulated company (realm): entity rows, OAuth tokens
// and the requestid ledger. All SQL lives here; the rest of the simulator
// works on plain objects.
import Database from 'better-sqlite3';

export interface StoredRow {
  entity: string;
  id: string;
  /** Writable and computed fields, without Id/SyncToken/MetaData (rendered on the way out). */
  body: Record<string, unknown>;
  syncToken: number;
  created: number;
  updated: number;
  deleted: boolean;
}

export interface RealmInfo {
  id: string;
  name: string;
  timeZone: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS realm (id TEXT PRIMARY KEY, name TEXT NOT NULL, time_zone TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS row (
  realm TEXT NOT NULL, entity TEXT NOT NULL, id INTEGER NOT NULL, body TEXT NOT NULL, sync INTEGER NOT NULL,
  name_key TEXT, created INTEGER NOT NULL, updated INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (realm, entity, id));
CREATE INDEX IF NOT EXISTS row_name ON row (realm, name_key);
CREATE TABLE IF NOT EXISTS access_token (token TEXT PRIMARY KEY, realm TEXT NOT NULL, expires INTEGER NOT NULL, client TEXT);
CREATE TABLE IF NOT EXISTS refresh_token (token TEXT PRIMARY KEY, realm TEXT NOT NULL, created INTEGER NOT NULL,
  superseded INTEGER, replaced_by TEXT, client TEXT, expires INTEGER);
CREATE TABLE IF NOT EXISTS auth_code (code TEXT PRIMARY KEY, realm TEXT NOT NULL, redirect_uri TEXT NOT NULL, used INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS request (realm TEXT NOT NULL, request_id TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (realm, request_id));
`;

export interface StoredRefreshToken {
  realm: string;
  created: number;
  superseded: number | null;
  replacedBy: string | null;
  client: string | null;
  expires: number | null;
}

/** Names compare case-insensitively and without surrounding blanks (6240 fires for "acme" vs "Acme "). */
export const nameKey = (name: string) => name.trim().toLowerCase();
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

export class QboStore {
  readonly db: Database.Database;
  /** Prepared once, used for every request: preparing a statement cost more than running it. */
  private readonly statements = new Map<string, Database.Statement>();
  private readonly inTransaction: (fn: () => unknown) => unknown;

  constructor(path = ':memory:') {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
    // Files made before tokens knew their app (client id) and the refresh token its end: add the columns.
    for (const [table, column] of [
      ['access_token', 'client'],
      ['refresh_token', 'client'],
      ['refresh_token', 'expires'],
    ]) {
      const has = (this.db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);
      if (!has) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${column === 'client' ? 'TEXT' : 'INTEGER'}`);
    }
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn());
  }

  private prepare(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      if (this.statements.size >= 500) this.statements.clear(); // IN lists of every length: start over rather than grow
      this.statements.set(sql, (s = this.db.prepare(sql)));
    }
    return s;
  }

  transaction<T>(fn: () => T): T {
    return this.inTransaction(fn) as T;
  }

  wipe(): void {
    this.db.exec(
      'DELETE FROM realm; DELETE FROM row; DELETE FROM access_token; DELETE FROM refresh_token; DELETE FROM auth_code; DELETE FROM request;',
    );
  }

  addRealm(r: RealmInfo): void {
    this.prepare('INSERT INTO realm (id, name, time_zone) VALUES (?, ?, ?)').run(r.id, r.name, r.timeZone);
  }

  realm(id: string): RealmInfo | undefined {
    const r = this.prepare('SELECT id, name, time_zone AS timeZone FROM realm WHERE id = ?').get(id) as
      RealmInfo | undefined;
    return r;
  }

  realms(): RealmInfo[] {
    return this.prepare('SELECT id, name, time_zone AS timeZone FROM realm ORDER BY id').all() as RealmInfo[];
  }

  // ---- rows -------------------------------------------------------------
  private toRow(r: {
    entity: string;
    id: number;
    body: string;
    sync: number;
    created: number;
    updated: number;
    deleted: number;
  }): StoredRow {
    return {
      entity: r.entity,
      id: String(r.id),
      body: JSON.parse(r.body),
      syncToken: r.sync,
      created: r.created,
      updated: r.updated,
      deleted: r.deleted === 1,
    };
  }

  get(realm: string, entity: string, id: string): StoredRow | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    const r = this.prepare('SELECT * FROM row WHERE realm = ? AND entity = ? AND id = ?').get(
      realm,
      entity,
      Number(id),
    );
    return r ? this.toRow(r as never) : undefined;
  }

  /** Every live row of an entity in Id order (the query engine filters in memory). */
  all(realm: string, entity: string, includeDeleted = false): StoredRow[] {
    const rows = this.prepare(
      `SELECT * FROM row WHERE realm = ? AND entity = ? ${includeDeleted ? '' : 'AND deleted = 0'} ORDER BY id`,
    ).all(realm, entity);
    return rows.map((r) => this.toRow(r as never));
  }

  changedSince(realm: string, entity: string, since: number): StoredRow[] {
    const rows = this.prepare(
      'SELECT * FROM row WHERE realm = ? AND entity = ? AND updated > ? ORDER BY updated, id',
    ).all(realm, entity, since);
    return rows.map((r) => this.toRow(r as never));
  }

  /**
   * Live rows of the given entities holding any of these names (case-insensitive), in no set
   * order. Through the index on names: without it SQLite picked the primary key and read every
   * row of the entity.
   */
  byName(realm: string, entities: string[], names: string[]): StoredRow[] {
    if (!names.length) return [];
    const rows = this.prepare(
      `SELECT * FROM row INDEXED BY row_name WHERE realm = ? AND entity IN ` +
        `(${marks(entities.length)}) AND name_key IN (${marks(names.length)}) AND deleted = 0`,
    ).all(realm, ...entities, ...names.map(nameKey));
    return rows.map((r) => this.toRow(r as never));
  }

  /** Which live rows hold this name: entity and Id only (the uniqueness check of every write needs no body). */
  nameHolders(realm: string, entities: string[], name: string): { entity: string; id: string }[] {
    const rows = this.prepare(
      `SELECT entity, id FROM row WHERE realm = ? AND entity IN (${marks(entities.length)}) AND name_key = ? AND deleted = 0`,
    ).all(realm, ...entities, nameKey(name)) as { entity: string; id: number }[];
    return rows.map((r) => ({ entity: r.entity, id: String(r.id) }));
  }

  insert(
    realm: string,
    entity: string,
    body: Record<string, unknown>,
    name: string | undefined,
    now: number,
  ): StoredRow {
    const next = (
      this.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS n FROM row WHERE realm = ? AND entity = ?').get(
        realm,
        entity,
      ) as { n: number }
    ).n;
    this.prepare(
      'INSERT INTO row (realm, entity, id, body, sync, name_key, created, updated) VALUES (?, ?, ?, ?, 0, ?, ?, ?)',
    ).run(realm, entity, next, JSON.stringify(body), name === undefined ? null : nameKey(name), now, now);
    return { entity, id: String(next), body, syncToken: 0, created: now, updated: now, deleted: false };
  }

  update(
    realm: string,
    row: StoredRow,
    body: Record<string, unknown>,
    name: string | undefined,
    now: number,
    deleted = false,
  ): StoredRow {
    this.prepare(
      'UPDATE row SET body = ?, sync = sync + 1, name_key = ?, updated = ?, deleted = ? WHERE realm = ? AND entity = ? AND id = ?',
    ).run(
      JSON.stringify(body),
      name === undefined ? null : nameKey(name),
      now,
      deleted ? 1 : 0,
      realm,
      row.entity,
      Number(row.id),
    );
    return { ...row, body, syncToken: row.syncToken + 1, updated: now, deleted };
  }

  /** Change computed fields (balances) without a new SyncToken. */
  setBody(realm: string, row: StoredRow, body: Record<string, unknown>): void {
    this.prepare('UPDATE row SET body = ? WHERE realm = ? AND entity = ? AND id = ?').run(
      JSON.stringify(body),
      realm,
      row.entity,
      Number(row.id),
    );
  }

  // ---- OAuth ------------------------------------------------------------
  /** `client`: the app (OAuth client id) the token was issued to; null = the sandbox's first app. */
  addAccessToken(token: string, realm: string, expires: number, client: string | null = null): void {
    this.prepare('INSERT INTO access_token (token, realm, expires, client) VALUES (?, ?, ?, ?)').run(
      token,
      realm,
      expires,
      client,
    );
  }

  accessToken(token: string): { realm: string; expires: number; client: string | null } | undefined {
    return this.prepare('SELECT realm, expires, client FROM access_token WHERE token = ?').get(token) as never;
  }

  expireAccessTokens(now: number): void {
    this.prepare('UPDATE access_token SET expires = ? WHERE expires > ?').run(now - 1, now - 1);
  }

  /** `expires`: epoch ms the refresh token dies (null: the sandbox's rolling lifetime from `created`). */
  addRefreshToken(
    token: string,
    realm: string,
    now: number,
    client: string | null = null,
    expires: number | null = null,
  ): void {
    this.prepare('INSERT INTO refresh_token (token, realm, created, client, expires) VALUES (?, ?, ?, ?, ?)').run(
      token,
      realm,
      now,
      client,
      expires,
    );
  }

  refreshToken(token: string): StoredRefreshToken | undefined {
    return this.prepare(
      'SELECT realm, created, superseded, replaced_by AS replacedBy, client, expires FROM refresh_token WHERE token = ?',
    ).get(token) as never;
  }

  supersede(token: string, by: string, now: number): void {
    this.prepare('UPDATE refresh_token SET superseded = ?, replaced_by = ? WHERE token = ?').run(now, by, token);
  }

  revokeRealm(realm: string): void {
    this.prepare('DELETE FROM refresh_token WHERE realm = ?').run(realm);
    this.prepare('DELETE FROM access_token WHERE realm = ?').run(realm);
  }

  addCode(code: string, realm: string, redirectUri: string): void {
    this.prepare('INSERT INTO auth_code (code, realm, redirect_uri) VALUES (?, ?, ?)').run(code, realm, redirectUri);
  }

  /** Returns the code's realm once; a second use fails like the real service. */
  useCode(code: string, redirectUri: string): string | undefined {
    const r = this.prepare('SELECT realm, redirect_uri AS uri, used FROM auth_code WHERE code = ?').get(code) as
      { realm: string; uri: string; used: number } | undefined;
    if (!r || r.used || r.uri !== redirectUri) return undefined;
    this.prepare('UPDATE auth_code SET used = 1 WHERE code = ?').run(code);
    return r.realm;
  }

  // ---- requestid ledger (reference B1: a repeat returns the original response) ----
  /** The stored answer to a requestid: its status and its body's JSON text. */
  recorded(realm: string, requestId: string): { status: number; json: string } | undefined {
    const r = this.prepare('SELECT status, body FROM request WHERE realm = ? AND request_id = ?').get(
      realm,
      requestId,
    ) as { status: number; body: string } | undefined;
    return r ? { status: r.status, json: r.body } : undefined;
  }

  record(realm: string, requestId: string, status: number, json: string): void {
    this.prepare('INSERT OR REPLACE INTO request (realm, request_id, status, body) VALUES (?, ?, ?, ?)').run(
      realm,
      requestId,
      status,
      json,
    );
  }

  close(): void {
    this.db.close();
  }
}
