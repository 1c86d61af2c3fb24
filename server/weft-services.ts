// Services over the two stores: the design store (SQLite) for what people edit,
// the run store + queue (PostgreSQL) for what runs. See docs/architecture.md "Stores".
import { TRPCError } from '@trpc/server';
import { validateFlow } from '../flow/validate-flow';
import type { FlowDocument } from '../flow/flow-document';
import { flowFootprint } from '../flow/flow-footprint';
import { AlreadyQueuedError, type RunQueue } from '../engine';
import { latestRunId, listFailures, listRuns, readWatermarks, runSnapshot, writeWatermark } from '../engine';
import { disableSchedule, enableSchedule, readSchedule } from '../engine';
import type { RunSnapshot } from '../engine';
import { PgCrossReference, PgDesktopOutbox } from '../engine';
import type { NodeRegistry } from '../nodes/registry';
import { Accounts } from './auth/accounts';
import { StaleDraftError, type DesignStore, type FlowRow } from './design/design-store';
import { createFlowHistory, staleDraftError } from './flow-history-service';
import { deletedFlowHolds, versionList } from './design/flow-history';
import type { RunEvents } from './run-events';
import type { DesignService, FlowDetail, FlowSummary, RunService, Services } from './services';
import type { TemplateCatalog } from './templates';
import { createOperations } from './operations-service';
import { createMonitor } from './monitor/monitor-service';
import { createFailureQueue } from './failures/failure-service';
import type { ConnectionVault } from '../engine';
import type { VaultSync } from './design/vault-sync';
import { deleteConnection } from './design/connection-delete';
import { bindToWorkspace } from './workspace-slots';
import { createConnectionService } from './connections/connection-service';
import { checkQueryStart } from './history/query-starts';
import { createHistory } from './history/history-service';
import { createReviewService } from './review/review-service';
import { createTemplateService } from './template-service';
import { previewDesktop } from './mapping/preview-desktop';
import { seedBuiltIns, visibleVersions } from './design/template-store';

// Outside an API call (schedules) the system acts; inside one, DesignStore.audit
// records the signed-in person instead (server/auth/current-actor.ts).
const ACTOR = 'weft';

export function createServices(deps: {
  registry: NodeRegistry;
  design: DesignStore;
  queue: RunQueue;
  events: RunEvents;
  templates: TemplateCatalog;
  vault?: ConnectionVault;
  vaultSync?: VaultSync;
}): Services {
  const { design: store, queue, registry } = deps;
  const pool = queue.pool;
  // The shipped files are the built-in templates' versions, earlier ones first (issue 15).
  seedBuiltIns(
    store,
    deps.templates.list().map((t) => ({ ...t, title: t.name, doc: deps.templates.get(t.id)! })),
  );
  const shipped = new Map(deps.templates.list().map((t) => [t.id, t]));
  const templates = createTemplateService(store, registry, ACTOR, (id) => shipped.get(id));

  async function summary(f: FlowRow): Promise<FlowSummary> {
    const versions = store.versions(f.id);
    const lastId = await latestRunId(pool, f.workspaceId, f.id);
    const lastRun = lastId ? await runSnapshot(pool, lastId) : null;
    const schedule = await readSchedule(pool, f.id);
    // The stop policy turns the schedule off in the run store (any worker): the flow is stopped, whatever the switch said.
    const policyStop = f.state === 'started' ? await stopReasonOf(f.id) : null;
    return {
      id: f.id,
      name: f.name,
      templateId: f.templateId,
      templateVersion: f.templateVersion,
      templateUpdate: templates.updateFor(f.workspaceId, f),
      updatedAt: f.updatedAt,
      publishedVersion: versions[0]?.version ?? null,
      state: policyStop ? 'stopped' : f.state,
      stopReason: policyStop,
      schedule: (schedule?.enabled ? schedule.document : f.draft).settings.schedule,
      lastRun: lastRun ? ({ ...lastRun, nodes: undefined } as FlowSummary['lastRun']) : null,
      nextRunAt: schedule?.enabled ? schedule.nextDueAt : null,
    };
  }

  async function stopReasonOf(flowId: string): Promise<string | null> {
    const { rows } = await pool.query(
      `SELECT stop_reason FROM weft_schedules WHERE flow_id = $1 AND NOT enabled AND paused_by IS NULL`,
      [flowId],
    );
    return rows[0]?.stop_reason ?? null;
  }

  function mustFlow(workspaceId: string, id: string): FlowRow {
    const f = store.getFlow(workspaceId, id);
    if (!f)
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `Flow "${id}" was not found. It may have been deleted; go back to the list and reload.`,
      });
    return f;
  }

  const design: DesignService = {
    listTemplates: (ws = 'default') => templates.list(ws),
    getTemplate: (id, ws) => templates.get(id, ws),
    publishTemplate: async (ws, flowId, templateId, fields) =>
      templates.publish(ws, mustFlow(ws, flowId), templateId, fields),
    templateUpdate: async (ws, flowId) => templates.preview(ws, mustFlow(ws, flowId)),
    applyTemplateUpdate: async (ws, flowId, picks) => ({
      version: templates.apply(ws, mustFlow(ws, flowId), picks).version,
    }),
    listFlows: async (ws) => Promise.all(store.listFlows(ws).map(summary)),
    getFlow: async (ws, id): Promise<FlowDetail | null> => {
      const f = store.getFlow(ws, id);
      if (!f) return null;
      return {
        ...(await summary(f)),
        draft: f.draft,
        versions: versionList(store, id),
        revision: f.revision,
        updatedBy: f.updatedBy,
      };
    },
    // A template's connection slots take the workspace's connections as the document comes in.
    createFlow: async (ws, doc, templateId, id) => {
      if (id && deletedFlowHolds(store, id))
        throw new TRPCError({
          code: 'CONFLICT',
          message: `A deleted flow had the id "${id}", and ids are not reused (its runs keep it). Use another name.`,
        });
      // A flow made from a template records the version it was made from: the base of a later update (issue 15).
      const version = templateId ? (visibleVersions(store, ws, templateId)[0]?.version ?? null) : null;
      const bound = bindToWorkspace(doc, registry, store.listConnections(ws));
      return store.createFlow(ws, bound, templateId, ACTOR, id, version);
    },
    saveFlow: async (ws, id, doc, baseRevision) => {
      let updatedAt: string | null;
      try {
        const bound = bindToWorkspace(doc, registry, store.listConnections(ws));
        updatedAt = store.saveFlow(ws, id, bound, ACTOR, baseRevision);
      } catch (e) {
        if (!(e instanceof StaleDraftError)) throw e;
        // Two people editing: the second save never overwrites the first (issue 14).
        throw staleDraftError(e.by, e.at);
      }
      const saved = updatedAt ? store.getFlow(ws, id) : null;
      if (!saved) mustFlow(ws, id);
      return { updatedAt: updatedAt!, revision: saved!.revision };
    },
    publishFlow: async (ws, id, notes) => {
      const r = store.publish(ws, id, notes, ACTOR);
      if (!r) mustFlow(ws, id);
      // A started flow switches to the new version at its next tick.
      if (mustFlow(ws, id).state === 'started')
        await enableSchedule(queue, {
          flowId: id,
          workspaceId: ws,
          flowVersion: r!.version,
          document: r!.document,
          connections: flowFootprint(r!.document, registry).connections,
        });
      return { version: r!.version };
    },
    listConnections: (ws) => store.listConnections(ws),
  };

  const runs: RunService = {
    startRun: async (ws, flowId, opts) => {
      const f = mustFlow(ws, flowId);
      let document: FlowDocument = f.draft;
      if (opts.version !== undefined) {
        const v = store.versions(flowId).find((x) => x.version === opts.version);
        if (!v)
          throw new TRPCError({
            code: 'NOT_FOUND',
            message: `Flow "${flowId}" has no published version ${opts.version}.`,
          });
        document = v.document;
      }
      // A worker on another machine reads connections from the vault: changes made a moment ago must be there.
      await deps.vaultSync?.idle();
      try {
        const runId = await queue.enqueueRun({
          workspaceId: ws,
          flowId,
          flowVersion: opts.version ?? null,
          document,
          trigger: opts.trigger,
          dryRun: opts.dryRun === true,
        });
        store.audit(ws, ACTOR, 'run.start', flowId, {
          runId,
          trigger: opts.trigger,
          ...(opts.dryRun ? { dryRun: true } : {}),
        });
        return { runId };
      } catch (e) {
        if (e instanceof AlreadyQueuedError) throw new TRPCError({ code: 'CONFLICT', message: e.message });
        throw e;
      }
    },
    getRun: (ws, runId) => runSnapshot(pool, runId, ws),
    listRuns: (ws, flowId, limit) => listRuns(pool, ws, flowId, limit),
    failures: (ws, runId, nodeId, limit) => listFailures(pool, ws, runId, nodeId, limit),
    watermarks: async (ws, flowId) => {
      const f = mustFlow(ws, flowId);
      const marks = await readWatermarks(pool, flowId);
      const sources = f.draft.nodes.filter((n) => registry.get(n.type)?.category === 'source');
      return sources.map((n) => ({
        nodeId: n.id,
        value: marks.get(n.id)?.value ?? null,
        updatedAt: marks.get(n.id)?.updatedAt ?? null,
      }));
    },
    setWatermark: async (ws, flowId, nodeId, value) => {
      const f = mustFlow(ws, flowId);
      // Issue 18: only a source of this flow, and only a position its source can read back.
      const docs = [f.draft, store.versions(flowId)[0]?.document].filter((d): d is FlowDocument => !!d);
      const sources = [
        ...new Set(
          docs.flatMap((d) => d.nodes.filter((n) => registry.get(n.type)?.category === 'source').map((n) => n.id)),
        ),
      ];
      if (!sources.includes(nodeId)) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `Flow "${flowId}" has no source node "${nodeId}", so it has no Query Start to set. Its sources: ${sources.join(', ') || 'none'}.`,
        });
      }
      const settings = (store.versions(flowId)[0]?.document ?? f.draft).settings;
      const check = value === null ? { problem: null, warning: null } : checkQueryStart(value, settings, new Date());
      if (check.problem)
        throw new TRPCError({ code: 'BAD_REQUEST', message: `Query Start of "${nodeId}": ${check.problem}` });
      const before = (await readWatermarks(pool, flowId)).get(nodeId)?.value ?? null;
      await writeWatermark(pool, flowId, nodeId, value);
      // Issue 16: the audit log keeps what it was and what it became (the signed-in person: current-actor.ts).
      store.audit(ws, ACTOR, 'watermark.set', flowId, { nodeId, from: before, to: value, value });
      return { warning: check.warning };
    },
    setFlowState: async (ws, flowId, state) => {
      mustFlow(ws, flowId);
      if (state === 'started') {
        const latest = store.versions(flowId)[0];
        if (!latest)
          throw new TRPCError({
            code: 'PRECONDITION_FAILED',
            message: 'Publish the flow first: only a published version runs on a schedule.',
          });
        if (!latest.document.settings.schedule)
          throw new TRPCError({
            code: 'PRECONDITION_FAILED',
            message: 'The published version has no schedule. Set one in the flow settings, publish, then start.',
          });
        await enableSchedule(queue, {
          flowId,
          workspaceId: ws,
          flowVersion: latest.version,
          document: latest.document,
          connections: flowFootprint(latest.document, registry).connections,
        });
      } else {
        await disableSchedule(pool, flowId);
      }
      store.setFlowState(ws, flowId, state, ACTOR);
    },
    watchFlow: (ws, flowId, signal) => watchFlow(ws, flowId, signal),
  };

  async function* watchFlow(ws: string, flowId: string, signal: AbortSignal): AsyncGenerator<RunSnapshot> {
    mustFlow(ws, flowId);
    let dirty = true;
    let wake: (() => void) | null = null;
    const unsubscribe = deps.events.subscribe(flowId, () => {
      dirty = true;
      wake?.();
    });
    const onAbort = () => wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      while (!signal.aborted) {
        if (!dirty) await new Promise<void>((r) => (wake = r));
        wake = null;
        if (signal.aborted) break;
        dirty = false;
        const id = await latestRunId(pool, ws, flowId);
        const snap = id ? await runSnapshot(pool, id, ws) : null;
        if (snap) yield snap;
      }
    } finally {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Flows whose draft or newest published version name this connection (a deleted one would break their next run). */
  function flowsUsing(ws: string, connectionId: string): string[] {
    return store
      .listFlows(ws)
      .filter((f) =>
        [f.draft, store.versions(f.id)[0]?.document].some(
          (doc) => doc && flowFootprint(doc, registry).connections.includes(connectionId),
        ),
      )
      .map((f) => f.name);
  }

  const operations = createOperations({ registry, design: store, queue, actor: ACTOR });
  const versions = createFlowHistory({ store, pool, registry, design, actor: ACTOR });
  return {
    registry,
    design,
    runs,
    accounts: new Accounts(store),
    connection: (ws, id) => store.resolveConnection(ws, id),
    connections: createConnectionService({ design: store, vault: deps.vault, vaultSync: deps.vaultSync, pool }),
    deleteConnection: (ws, id) =>
      deleteConnection(
        { design: store, vault: deps.vault, vaultSync: deps.vaultSync, usedBy: (c) => flowsUsing(ws, c) },
        ws,
        id,
        ACTOR,
      ),
    operations,
    history: createHistory({ db: pool, design: store, registry }),
    versions,
    monitor: createMonitor({ db: pool, design: store, registry, events: deps.events, operations, runs }),
    failures: createFailureQueue({ queue, registry, audit: (ws, actor, a, s, d) => store.audit(ws, actor, a, s, d) }),
    // Lookups only (the mapping editor's preview of a binding): `bind` is never called through it.
    xrefReader: () => new PgCrossReference(pool),
    desktopPreview: () => previewDesktop(pool, new PgDesktopOutbox(pool)),
    review: createReviewService({ queue, flowName: (ws, id) => store.getFlow(ws, id)?.name ?? null }),
    validate: (doc) => {
      const v = validateFlow(doc, registry);
      return v.ok ? [] : v.problems;
    },
  };
}
