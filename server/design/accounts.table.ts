// Accounts (issue 7): people, their role in each workspace, browser sessions and
// machine tokens. Passwords, session ids and tokens are stored only as hashes.
import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { workspaces } from './design.table';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** scrypt hash (server/auth/passwords.ts); null for machine users, who cannot sign in. */
  passwordHash: text('password_hash'),
  /** Wrong passwords in a row from browsers this person never signed in on; reset by a good one. */
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: text('locked_until'),
  createdAt: text('created_at').notNull().default(now),
  /** The workspace this person last acted in: where the next sign-in lands (issue 18). */
  lastWorkspaceId: text('last_workspace_id'),
});

/**
 * Browsers a person signed in on (the long-lived `weft_device` cookie, issue 18): wrong
 * passwords sent with it are counted here, apart from strangers', so whoever guesses
 * at an account locks only themselves out, not the owner's known computers.
 */
export const devices = sqliteTable(
  'devices',
  {
    /** SHA-256 of the cookie; one browser may be known to several people (a shared computer). */
    tokenHash: text('token_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: text('locked_until'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.tokenHash, t.userId] })],
);

/** A workspace admin asked this person in; they become a member only when they accept (issue 18). */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['admin', 'specialist', 'analyst', 'operator', 'support'] }).notNull(),
    invitedBy: text('invited_by').notNull(),
    /** The invitation made the account (a new person): accepted by their first sign-in. */
    newAccount: integer('new_account', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [unique().on(t.workspaceId, t.userId)],
);

export const memberships = sqliteTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['admin', 'specialist', 'analyst', 'operator', 'support'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.workspaceId] })],
);

export const sessions = sqliteTable('sessions', {
  /** SHA-256 of the cookie value: a copy of the database does not sign anyone in. */
  idHash: text('id_hash').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The workspace this browser acts in (the header's switcher). */
  workspaceId: text('workspace_id').notNull(),
  createdAt: text('created_at').notNull().default(now),
  lastSeenAt: text('last_seen_at').notNull().default(now),
  expiresAt: text('expires_at').notNull(),
});

/** Bearer tokens for machines: `weft run` over HTTP (kind machine) and `/metrics` (kind metrics, one workspace). */
export const apiTokens = sqliteTable('api_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  kind: text('kind', { enum: ['machine', 'metrics'] }).notNull(),
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  createdAt: text('created_at').notNull().default(now),
});
