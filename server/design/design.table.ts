// The design store's tables (SQLite through drizzle). Small data that belongs to
// the server: workspaces, flows and their published versions, connections, audit.
import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { FlowDocument } from '../../flow/flow-document';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull().default(now),
});

export const flows = sqliteTable('flows', {
  id: text('id').primaryKey(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  name: text('name').notNull(),
  templateId: text('template_id'),
  /** The template version the flow was made from or last updated to (issue 15): the base of the next update. */
  templateVersion: integer('template_version'),
  /** The analyst's working copy; may be invalid while being edited. */
  draft: text('draft', { mode: 'json' }).$type<FlowDocument>().notNull(),
  /** The operator's switch: scheduled runs happen only while started. */
  state: text('state', { enum: ['started', 'stopped'] })
    .notNull()
    .default('stopped'),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
  /** Bumped by every save: a save based on an older revision is refused (two people editing, issue 14). */
  revision: integer('revision').notNull().default(0),
  /** Who saved the draft last (their email, or `weft`). */
  updatedBy: text('updated_by'),
  /** Deleted flows stay for the audit (their versions; their runs are in the run store), hidden everywhere else. */
  deletedAt: text('deleted_at'),
});

/** Published versions are immutable: schedules and runs point at them. */
export const flowVersions = sqliteTable(
  'flow_versions',
  {
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    document: text('document', { mode: 'json' }).$type<FlowDocument>().notNull(),
    notes: text('notes').notNull().default(''),
    publishedAt: text('published_at').notNull().default(now),
    /** Who published (their email, or `weft`); empty for versions published before it was kept. */
    publishedBy: text('published_by').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.version] })],
);

export const connections = sqliteTable('connections', {
  id: text('id').primaryKey(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  /** Settings a person may see (base URL, realm id, user name). */
  settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  /** Passwords and tokens, AES-256-GCM encrypted (server/design/secrets.ts). */
  secrets: text('secrets').notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull().default(now),
  workspaceId: text('workspace_id').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  subject: text('subject').notNull(),
  detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
});

/**
 * Templates (issue 15). The shipped ones (templates/) are version 1 of built-in
 * templates, workspace '' (every workspace sees them); a specialist publishes new
 * templates and new versions in their own workspace, which only it sees.
 */
export const templates = sqliteTable('templates', {
  id: text('id').primaryKey(),
  workspaceId: text('workspace_id').notNull().default(''),
  builtIn: integer('built_in', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(now),
});

export const templateVersions = sqliteTable(
  'template_versions',
  {
    templateId: text('template_id')
      .notNull()
      .references(() => templates.id, { onDelete: 'cascade' }),
    /** '' for a version shipped with Weft; otherwise the workspace that published it. */
    workspaceId: text('workspace_id').notNull().default(''),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    objects: text('objects', { mode: 'json' }).$type<string[]>().notNull(),
    direction: text('direction').notNull(),
    description: text('description').notNull().default(''),
    releaseNote: text('release_note').notNull().default(''),
    document: text('document', { mode: 'json' }).$type<FlowDocument>().notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: text('published_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.workspaceId, t.version] })],
);
