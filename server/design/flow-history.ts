// A flow's history in the design store (issue 14): its published versions with who
// published them, rolling the draft back to one (a new draft: history is never
// rewritten), and deleting a flow (hidden, kept for the audit).
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { FlowDocument } from '../../flow/flow-document';
import { currentActor } from '../auth/current-actor';
import type { DesignStore } from './design-store';
import { flowVersions, flows } from './design.table';

export interface VersionInfo {
  version: number;
  publishedAt: string;
  /** Email of the person (or `weft`); empty for versions published before it was kept. */
  publishedBy: string;
  notes: string;
}

/** Newest first, without the documents (a long history stays cheap to list). */
export function versionList(store: DesignStore, flowId: string): VersionInfo[] {
  return store.db
    .select({
      version: flowVersions.version,
      publishedAt: flowVersions.publishedAt,
      publishedBy: flowVersions.publishedBy,
      notes: flowVersions.notes,
    })
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flowId))
    .orderBy(desc(flowVersions.version))
    .all();
}

export function versionDocument(store: DesignStore, flowId: string, version: number): FlowDocument | null {
  return (
    store.db
      .select({ document: flowVersions.document })
      .from(flowVersions)
      .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, version)))
      .get()?.document ?? null
  );
}

/**
 * The draft becomes a copy of `version`; the versions stay as they were. 'no-flow' or
 * 'no-version' when there is nothing to roll back to. Audit-logged as `flow.rollback`.
 */
export function rollbackDraft(
  store: DesignStore,
  workspaceId: string,
  flowId: string,
  version: number,
  actor: string,
): { revision: number; updatedAt: string } | 'no-flow' | 'no-version' {
  return store.sqlite.transaction(() => {
    const flow = store.getFlow(workspaceId, flowId);
    if (!flow) return 'no-flow' as const;
    const document = versionDocument(store, flowId, version);
    if (!document) return 'no-version' as const;
    const updatedAt = new Date().toISOString();
    store.db
      .update(flows)
      .set({
        draft: document,
        name: document.name,
        updatedAt,
        updatedBy: currentActor() ?? actor,
        revision: sql`${flows.revision} + 1`,
      })
      .where(eq(flows.id, flowId))
      .run();
    store.audit(workspaceId, actor, 'flow.rollback', flowId, { version });
    return { revision: flow.revision + 1, updatedAt };
  })();
}

/**
 * Hides the flow from every list and lookup and sets its switch to stopped; its versions
 * and the audit entries stay (the caller stops its schedule in the run store, where its
 * runs stay too). False when there is no such flow. Audit-logged as `flow.delete`.
 */
export function deleteFlow(store: DesignStore, workspaceId: string, flowId: string, actor: string): boolean {
  const r = store.db
    .update(flows)
    .set({ deletedAt: new Date().toISOString(), state: 'stopped' })
    .where(and(eq(flows.id, flowId), eq(flows.workspaceId, workspaceId), isNull(flows.deletedAt)))
    .returning({ name: flows.name })
    .all();
  if (r.length === 0) return false;
  store.audit(workspaceId, actor, 'flow.delete', flowId, { name: r[0].name });
  return true;
}

/** Whether a deleted flow holds this id (ids are never reused: its runs and audit entries keep it). */
export function deletedFlowHolds(store: DesignStore, flowId: string): boolean {
  const row = store.db.select({ deletedAt: flows.deletedAt }).from(flows).where(eq(flows.id, flowId)).get();
  return !!row?.deletedAt;
}
