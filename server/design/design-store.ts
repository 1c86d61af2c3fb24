// The design store: SQLite file in the data folder, drizzle over better-sqlite3,
// migrations from migrations/design applied at open (idempotent, milliseconds).
import Database from 'better-sqlite3';
import { and, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { randomUUID } from 'node:crypto';
import type { FlowDocument } from '../../flow/flow-document';
import type { ConnectionInfo } from '../../nodes/define-node';
import type { ConnectionSummary } from './connection-summary';
import { auditLog, connections, flowVersions, flows, workspaces } from './design.table';
import { currentActor } from '../auth/current-actor';
import { rememberSecrets } from '../redact-secrets';
import type { SecretBox } from './secrets';
import { connectionRegistry } from '../../nodes/connections';

import { StaleDraftError, type ConnectionChange, type FlowRow, type NewConnection } from './design-types';

// The store's row and change shapes live beside it (design-types.ts); importers keep using this module.
export { StaleDraftError };
export type { ConnectionChange, FlowRow, NewConnection };

export class DesignStore {
  readonly db: BetterSQLite3Database;
  private readonly listeners: ((c: ConnectionChange) => void)[] = [];

  constructor(
    readonly sqlite: Database.Database,
    private readonly box: SecretBox,
    migrationsDir: string,
  ) {
    // stack-notes: foreign keys are per connection; WAL for a reader beside the writer.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    this.db = drizzle(sqlite);
    migrate(this.db, { migrationsFolder: migrationsDir });
  }

  static open(file: string, box: SecretBox, migrationsDir: string): DesignStore {
    return new DesignStore(new Database(file), box, migrationsDir);
  }

  ensureWorkspace(id: string, name: string): void {
    this.db.insert(workspaces).values({ id, name }).onConflictDoNothing().run();
  }

  workspaceExists(id: string): boolean {
    return this.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, id)).get() !== undefined;
  }

  listFlows(workspaceId: string): FlowRow[] {
    return this.db
      .select()
      .from(flows)
      .where(and(eq(flows.workspaceId, workspaceId), isNull(flows.deletedAt)))
      .orderBy(desc(flows.updatedAt))
      .all();
  }

  getFlow(workspaceId: string, id: string): FlowRow | null {
    return (
      this.db
        .select()
        .from(flows)
        .where(and(eq(flows.id, id), eq(flows.workspaceId, workspaceId), isNull(flows.deletedAt)))
        .get() ?? null
    );
  }

  createFlow(
    workspaceId: string,
    doc: FlowDocument,
    templateId: string | null,
    actor: string,
    fixedId?: string,
    templateVersion: number | null = null,
  ): string {
    const id = fixedId ?? workspaceFlowId(workspaceId, `${slug(doc.name)}-${randomUUID().slice(0, 6)}`);
    this.db
      .insert(flows)
      .values({
        id,
        workspaceId,
        name: doc.name,
        templateId,
        templateVersion,
        draft: doc,
        updatedBy: currentActor() ?? actor,
      })
      .run();
    this.audit(workspaceId, actor, 'flow.create', id, { templateId, templateVersion });
    return id;
  }

  /**
   * Replaces the draft; null when there is no such flow. With `baseRevision` (the revision
   * the editor loaded), a draft someone saved since is not overwritten: StaleDraftError.
   */
  saveFlow(workspaceId: string, id: string, doc: FlowDocument, actor: string, baseRevision?: number): string | null {
    return this.sqlite.transaction(() => {
      const current = this.getFlow(workspaceId, id);
      if (!current) return null;
      if (baseRevision !== undefined && current.revision !== baseRevision)
        throw new StaleDraftError(current.updatedBy ?? 'someone', current.updatedAt, current.revision);
      const updatedAt = new Date().toISOString();
      this.db
        .update(flows)
        .set({
          draft: doc,
          name: doc.name,
          updatedAt,
          updatedBy: currentActor() ?? actor,
          revision: sql`${flows.revision} + 1`,
        })
        .where(eq(flows.id, id))
        .run();
      this.audit(workspaceId, actor, 'flow.save', id, {});
      return updatedAt;
    })();
  }

  setFlowState(workspaceId: string, id: string, state: 'started' | 'stopped', actor: string): void {
    this.db
      .update(flows)
      .set({ state })
      .where(and(eq(flows.id, id), eq(flows.workspaceId, workspaceId)))
      .run();
    this.audit(workspaceId, actor, state === 'started' ? 'flow.start' : 'flow.stop', id, {});
  }

  /** Freezes the current draft as the next version number. */
  publish(
    workspaceId: string,
    id: string,
    notes: string,
    actor: string,
  ): { version: number; document: FlowDocument } | null {
    return this.sqlite.transaction(() => {
      const flow = this.getFlow(workspaceId, id);
      if (!flow) return null;
      const last =
        this.db
          .select({ v: max(flowVersions.version) })
          .from(flowVersions)
          .where(eq(flowVersions.flowId, id))
          .get()?.v ?? 0;
      const version = last + 1;
      const publishedBy = currentActor() ?? actor;
      this.db.insert(flowVersions).values({ flowId: id, version, document: flow.draft, notes, publishedBy }).run();
      this.audit(workspaceId, actor, 'flow.publish', id, { version, notes });
      return { version, document: flow.draft };
    })();
  }

  versions(
    flowId: string,
  ): { version: number; publishedAt: string; publishedBy: string; notes: string; document: FlowDocument }[] {
    return this.db
      .select()
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flowId))
      .orderBy(desc(flowVersions.version))
      .all();
  }

  /** Called after every connection change (in the order they happen). */
  onConnectionChange(listener: (c: ConnectionChange) => void): () => void {
    this.listeners.push(listener);
    return () => void this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  private changed(c: ConnectionChange): void {
    for (const l of this.listeners) l(c);
  }

  upsertConnection(c: NewConnection): void {
    rememberSecrets(c.secrets);
    const values = { ...c, secrets: this.box.seal(c.secrets), updatedAt: new Date().toISOString() };
    this.db.insert(connections).values(values).onConflictDoUpdate({ target: connections.id, set: values }).run();
    this.changed({ kind: 'put', connection: c });
  }

  /** False when there was no such connection in the workspace. */
  deleteConnection(workspaceId: string, id: string): boolean {
    const r = this.db
      .delete(connections)
      .where(and(eq(connections.id, id), eq(connections.workspaceId, workspaceId)))
      .run();
    if (r.changes > 0) this.changed({ kind: 'delete', workspaceId, id });
    return r.changes > 0;
  }

  /** Every connection with its opened secrets (the vault's copy at boot). */
  allConnections(): NewConnection[] {
    return this.db
      .select()
      .from(connections)
      .all()
      .map((r) => ({
        id: r.id,
        workspaceId: r.workspaceId,
        kind: r.kind,
        name: r.name,
        settings: r.settings,
        secrets: this.box.open(r.secrets),
      }));
  }

  /**
   * The vault's newer token state (a worker, maybe on another machine, refreshed)
   * copied into this store, which the Connections screen's warnings read. Not a
   * change to pass on: the vault has it already.
   */
  copyTokens(workspaceId: string, id: string, tokens: Record<string, unknown>): void {
    const row = this.db
      .select()
      .from(connections)
      .where(and(eq(connections.id, id), eq(connections.workspaceId, workspaceId)))
      .get();
    if (!row) return;
    const current = this.box.open(row.secrets);
    if (Object.entries(tokens).every(([k, v]) => current[k] === v)) return;
    const merged = { ...current, ...tokens };
    rememberSecrets(merged);
    this.db
      .update(connections)
      .set({ secrets: this.box.seal(merged), updatedAt: new Date().toISOString() })
      .where(eq(connections.id, id))
      .run();
  }

  listConnections(workspaceId: string): ConnectionSummary[] {
    const rows = this.db.select().from(connections).where(eq(connections.workspaceId, workspaceId)).all();
    // Only plain text settings are shown; secrets never leave the server.
    return rows.map((r) => {
      const def = connectionRegistry.get(r.kind);
      const secrets = this.box.open(r.secrets);
      return {
        id: r.id,
        kind: r.kind,
        name: r.name,
        details: Object.fromEntries(
          Object.entries(r.settings).flatMap(([k, v]) =>
            typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : [],
          ),
        ),
        // Which secrets are set, never their values (a Web Connector password still to set, issue 5).
        secretsSet: Object.keys(secrets).filter((k) => secrets[k] !== undefined && secrets[k] !== ''),
        warning: def?.warning?.({ ...r.settings, ...secrets }) ?? null,
      };
    });
  }

  /** Connections of these kinds in every workspace, without secrets (the Web Connector service finds a user's file). */
  connectionsOfKinds(
    kinds: string[],
  ): { id: string; workspaceId: string; kind: string; name: string; settings: Record<string, unknown> }[] {
    if (kinds.length === 0) return [];
    return this.db
      .select({
        id: connections.id,
        workspaceId: connections.workspaceId,
        kind: connections.kind,
        name: connections.name,
        settings: connections.settings,
      })
      .from(connections)
      .where(inArray(connections.kind, kinds))
      .all();
  }

  /** The workspace a connection id belongs to (ids are unique across workspaces), or null. */
  connectionWorkspace(id: string): string | null {
    return (
      this.db.select({ ws: connections.workspaceId }).from(connections).where(eq(connections.id, id)).get()?.ws ?? null
    );
  }

  /** Settings and decrypted secrets for a run; rotated secrets are written back at once. */
  resolveConnection(workspaceId: string, id: string): ConnectionInfo {
    const row = this.db
      .select()
      .from(connections)
      .where(and(eq(connections.id, id), eq(connections.workspaceId, workspaceId)))
      .get();
    if (!row)
      throw new Error(
        `The connection "${id}" does not exist in this workspace. Choose another connection on the node, or add it under Connections.`,
      );
    const secrets = this.box.open(row.secrets);
    rememberSecrets(secrets);
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      settings: { ...row.settings, ...secrets },
      saveSettings: async (patch) => {
        const current = this.db.select().from(connections).where(eq(connections.id, id)).get()!;
        const merged = { ...this.box.open(current.secrets), ...patch };
        rememberSecrets(merged);
        this.db
          .update(connections)
          .set({ secrets: this.box.seal(merged), updatedAt: new Date().toISOString() })
          .where(eq(connections.id, id))
          .run();
        this.changed({
          kind: 'put',
          connection: {
            id,
            workspaceId: current.workspaceId,
            kind: current.kind,
            name: current.name,
            settings: current.settings,
            secrets: merged,
          },
        });
      },
    };
  }

  /** Seals and opens secrets kept outside connections (pending QuickBooks connects). */
  seal(value: Record<string, unknown>): string {
    return this.box.seal(value);
  }

  open(sealed: string): Record<string, unknown> {
    return this.box.open(sealed);
  }

  /** Teaches the log redactor every stored secret (at start, before anything logs). */
  rememberAllSecrets(): void {
    for (const row of this.db.select({ secrets: connections.secrets }).from(connections).all())
      rememberSecrets(this.box.open(row.secrets));
  }

  audit(workspaceId: string, actor: string, action: string, subject: string, detail: Record<string, unknown>): void {
    // Inside an API call the signed-in person is the actor, whatever the caller passed (issue 7).
    this.db
      .insert(auditLog)
      .values({ workspaceId, actor: currentActor() ?? actor, action, subject, detail })
      .run();
  }

  close(): void {
    this.sqlite.close();
  }
}

/**
 * Flow ids are unique across workspaces (the run store keys schedules, Query Starts and
 * runs by them). So that no workspace can learn another's ids by bumping into them
 * (issue 18: an import answered "taken"), ids made in a workspace other than the first
 * one (`default`, whose ids `weft run` and older flows use as they are) carry their
 * workspace: `<workspace>.<id>`. A name typed for an import never holds a dot, so it
 * can only ever name a flow of the caller's own workspace.
 */
export function workspaceFlowId(workspaceId: string, id: string): string {
  return workspaceId === 'default' ? id : `${workspaceId}.${id}`;
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .slice(0, 40) || 'flow'
  );
}
