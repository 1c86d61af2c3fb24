// Pending QuickBooks Online "connect" attempts (issues 4 and 7): the OAuth `state`
// (stored as its SHA-256) bound to the person and workspace that started it,
// usable once, for ten minutes. The client secret is sealed like connection secrets.
import { sql } from 'drizzle-orm';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const qboConnectAttempts = sqliteTable('qbo_connect_attempts', {
  stateHash: text('state_hash').primaryKey(),
  userId: text('user_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  /** The connection to create (name, URLs, client id, an existing id to reconnect), as JSON. */
  plan: text('plan', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  /** `{ clientSecret }`, AES-256-GCM sealed (server/design/secrets.ts). */
  secrets: text('secrets').notNull(),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
  createdAt: text('created_at').notNull().default(now),
});
