// People, memberships, sessions and machine tokens in the design store (SQLite).
// Session ids and tokens are random 32-byte values; only their SHA-256 is kept.
import { and, eq, gt, isNotNull, ne, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { apiTokens, memberships, sessions, users } from '../design/accounts.table';
import { workspaces } from '../design/design.table';
import type { Role } from './roles';

/** A browser session ends after 12 idle hours, and in any case 7 days after sign-in. */
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_MAX_MS = 7 * 24 * 3600_000;

export interface UserRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  failedLogins: number;
  lockedUntil: string | null;
  lastWorkspaceId: string | null;
}

export interface SessionRow {
  idHash: string;
  userId: string;
  workspaceId: string;
}

export interface WorkspaceRole {
  workspaceId: string;
  workspaceName: string;
  role: Role;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export class AccountStore {
  constructor(private readonly db: BetterSQLite3Database) {}

  countPeople(): number {
    return this.db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(isNotNull(users.passwordHash))
      .get()!.n;
  }

  createUser(u: { email: string; name: string; passwordHash: string | null; id?: string }): string {
    const id = u.id ?? randomUUID();
    this.db
      .insert(users)
      .values({ id, email: normalEmail(u.email), name: u.name, passwordHash: u.passwordHash })
      .run();
    return id;
  }

  userByEmail(email: string): UserRow | null {
    return (
      this.db
        .select()
        .from(users)
        .where(eq(users.email, normalEmail(email)))
        .get() ?? null
    );
  }

  userById(id: string): UserRow | null {
    return this.db.select().from(users).where(eq(users.id, id)).get() ?? null;
  }

  setPassword(userId: string, passwordHash: string): void {
    this.db.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId)).run();
  }

  setRole(userId: string, workspaceId: string, role: Role): void {
    this.db
      .insert(memberships)
      .values({ userId, workspaceId, role })
      .onConflictDoUpdate({ target: [memberships.userId, memberships.workspaceId], set: { role } })
      .run();
  }

  removeMember(userId: string, workspaceId: string): void {
    this.db
      .delete(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)))
      .run();
  }

  roleIn(userId: string, workspaceId: string): Role | null {
    return (
      this.db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)))
        .get()?.role ?? null
    );
  }

  workspacesOf(userId: string): WorkspaceRole[] {
    return this.db
      .select({ workspaceId: memberships.workspaceId, workspaceName: workspaces.name, role: memberships.role })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, userId))
      .orderBy(workspaces.name)
      .all();
  }

  membersOf(workspaceId: string): { userId: string; email: string; name: string; role: Role; locked: boolean }[] {
    const now = new Date().toISOString();
    return this.db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: memberships.role,
        lockedUntil: users.lockedUntil,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), isNotNull(users.passwordHash)))
      .orderBy(users.email)
      .all()
      .map(({ lockedUntil, ...m }) => ({ ...m, locked: !!lockedUntil && lockedUntil > now }));
  }

  createSession(userId: string, workspaceId: string): string {
    const token = newToken();
    const expiresAt = new Date(Date.now() + SESSION_IDLE_MS).toISOString();
    this.db
      .insert(sessions)
      .values({ idHash: sha256(token), userId, workspaceId, expiresAt })
      .run();
    return token;
  }

  /** The live session for a cookie value; slides its idle expiry (at most once a minute). */
  session(token: string): SessionRow | null {
    const now = Date.now();
    const row = this.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.idHash, sha256(token)), gt(sessions.expiresAt, new Date(now).toISOString())))
      .get();
    if (!row) return null;
    if (Date.parse(row.createdAt) + SESSION_MAX_MS < now) {
      this.endSession(row.idHash);
      return null;
    }
    if (now - Date.parse(row.lastSeenAt) > 60_000) {
      const lastSeenAt = new Date(now).toISOString();
      this.db
        .update(sessions)
        .set({ lastSeenAt, expiresAt: new Date(now + SESSION_IDLE_MS).toISOString() })
        .where(eq(sessions.idHash, row.idHash))
        .run();
    }
    return { idHash: row.idHash, userId: row.userId, workspaceId: row.workspaceId };
  }

  switchWorkspace(idHash: string, workspaceId: string): void {
    const row = this.db
      .update(sessions)
      .set({ workspaceId })
      .where(eq(sessions.idHash, idHash))
      .returning({ userId: sessions.userId })
      .get();
    if (row) this.setLastWorkspace(row.userId, workspaceId);
  }

  /** Where the person's next sign-in lands (issue 18). */
  setLastWorkspace(userId: string, workspaceId: string): void {
    this.db.update(users).set({ lastWorkspaceId: workspaceId }).where(eq(users.id, userId)).run();
  }

  /** Whether a session is still live, by its stored hash (live streams re-check it, issue 18). */
  sessionAlive(idHash: string): boolean {
    return !!this.db
      .select({ h: sessions.idHash })
      .from(sessions)
      .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, new Date().toISOString())))
      .get();
  }

  endSession(idHash: string): void {
    this.db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
  }

  /** Signs the person out everywhere, except (optionally) the session that asked. */
  endSessionsOf(userId: string, keepIdHash?: string): number {
    const where = keepIdHash
      ? and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash))
      : eq(sessions.userId, userId);
    return this.db.delete(sessions).where(where).run().changes;
  }

  createToken(kind: 'machine' | 'metrics', workspaceId: string, userId: string | null): string {
    const token = newToken();
    if (kind === 'metrics')
      this.db
        .delete(apiTokens)
        .where(and(eq(apiTokens.kind, 'metrics'), eq(apiTokens.workspaceId, workspaceId)))
        .run();
    this.db
      .insert(apiTokens)
      .values({ tokenHash: sha256(token), kind, workspaceId, userId })
      .run();
    return token;
  }

  token(token: string): { kind: 'machine' | 'metrics'; workspaceId: string; userId: string | null } | null {
    return (
      this.db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.tokenHash, sha256(token)))
        .get() ?? null
    );
  }

  deleteTokens(kind: 'machine' | 'metrics', workspaceId: string): void {
    this.db
      .delete(apiTokens)
      .where(and(eq(apiTokens.kind, kind), eq(apiTokens.workspaceId, workspaceId)))
      .run();
  }
}

export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}
