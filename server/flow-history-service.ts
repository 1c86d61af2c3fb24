// Versions, roll back, delete, export and import of flows (issue 14), over the design
// store (server/design/flow-history.ts) and the run store (a deleted flow's schedule
// stops; its runs stay there for the audit).
import { TRPCError } from '@trpc/server';
import type pg from 'pg';
import { disableSchedule } from '../engine';
import type { FlowDocument } from '../flow/flow-document';
import { flowFileText, readFlowFile } from '../flow/flow-file';
import type { Problem } from '../flow/validate-flow';
import type { NodeRegistry } from '../nodes/registry';
import type { DesignStore } from './design/design-store';
import { deleteFlow, rollbackDraft, versionDocument, versionList, type VersionInfo } from './design/flow-history';
import type { DesignService } from './services';

/** Two people editing (issue 14): what the second one is told when their save or publish is refused. */
export function staleDraftError(by: string | null, at: string): TRPCError {
  return new TRPCError({
    code: 'CONFLICT',
    message:
      `This flow was changed by ${by ?? 'someone else'} at ${at.slice(0, 16).replace('T', ' ')} UTC since you ` +
      'opened it. Your changes are not saved: reload to get their version, or show the differences first.',
  });
}

export interface FlowHistoryService {
  versions(workspaceId: string, flowId: string): VersionInfo[];
  /** A published version's document (to show it, or diff it against another or the draft). */
  version(workspaceId: string, flowId: string, version: number): FlowDocument;
  /** The draft becomes a copy of the version (a new draft; the versions stay as they were). */
  rollback(workspaceId: string, flowId: string, version: number): { revision: number; updatedAt: string };
  /** Stops the flow's schedule and hides it; its versions, runs and audit entries stay. */
  remove(workspaceId: string, flowId: string): Promise<{ name: string }>;
  /** The flow file of the draft, or of a published version. */
  exportFile(workspaceId: string, flowId: string, version?: number): { filename: string; text: string };
  /** A new flow from a file; nothing is saved when the file has a problem. */
  importFile(
    workspaceId: string,
    text: string,
  ): Promise<{ id: string; problems: [] } | { id: null; problems: Problem[] }>;
}

export function createFlowHistory(deps: {
  store: DesignStore;
  pool: Pick<pg.Pool, 'query'>;
  registry: NodeRegistry;
  design: DesignService;
  actor: string;
}): FlowHistoryService {
  const { store, registry, actor } = deps;

  function mustFlow(ws: string, id: string) {
    const f = store.getFlow(ws, id);
    if (!f)
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `Flow "${id}" was not found. It may have been deleted; go back to the list and reload.`,
      });
    return f;
  }

  function noVersion(id: string, version: number): never {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: `Flow "${id}" has no published version ${version}. Open its history to see the versions it has.`,
    });
  }

  return {
    versions: (ws, id) => {
      mustFlow(ws, id);
      return versionList(store, id);
    },
    version: (ws, id, version) => {
      mustFlow(ws, id);
      return versionDocument(store, id, version) ?? noVersion(id, version);
    },
    rollback: (ws, id, version) => {
      const r = rollbackDraft(store, ws, id, version, actor);
      if (r === 'no-flow') mustFlow(ws, id);
      if (r === 'no-version' || r === 'no-flow') return noVersion(id, version);
      return r;
    },
    remove: async (ws, id) => {
      const f = mustFlow(ws, id);
      // The schedule first: a flow that is gone must not run again, even if hiding it failed.
      await disableSchedule(deps.pool, id);
      deleteFlow(store, ws, id, actor);
      return { name: f.name };
    },
    exportFile: (ws, id, version) => {
      const f = mustFlow(ws, id);
      const doc = version === undefined ? f.draft : (versionDocument(store, id, version) ?? noVersion(id, version));
      const names = new Map(store.listConnections(ws).map((c) => [c.id, c.name]));
      const base = f.id.replace(/^.*\./, '');
      return {
        filename: `${base}${version === undefined ? '' : `-v${version}`}.weft.json`,
        text: flowFileText(doc, registry, (cid) => names.get(cid) ?? null),
      };
    },
    importFile: async (ws, text) => {
      const conns = store.listConnections(ws);
      const read = readFlowFile(text, registry, (name, kind) => {
        const named = conns.filter((c) => c.name === name && (!kind || c.kind === kind));
        return named.length === 1 ? named[0].id : null;
      });
      if (!read.ok) return { id: null, problems: read.problems };
      return { id: await deps.design.createFlow(ws, read.document, null), problems: [] };
    },
  };
}
