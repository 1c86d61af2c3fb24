// The operators' monitor (issue 16): rows for every flow, pushed live as runs
// change, and the seed's single-user-mode procedure: stop every scheduled flow of
// a company file, then start the same flows again.
import { TRPCError } from '@trpc/server';
import type { Queryable } from '../../engine';
import type { FlowDocument } from '../../flow/flow-document';
import { flowFootprint } from '../../flow/flow-footprint';
import type { NodeRegistry } from '../../nodes/registry';
import type { DesignStore } from '../design/design-store';
import type { OperationsService } from '../operations-service';
import type { RunEvents } from '../run-events';
import type { RunService } from '../services';
import { RateWindow, THROUGHPUT_WINDOW_MS } from '../../flow/throughput';
import { firstFailure, latestRuns, monitorRow, type MonitorRow, type MonitorRunCounts } from './monitor-rows';

export interface CompanyHold {
  connectionId: string;
  flowIds: string[];
  heldBy: string;
  heldAt: string;
}

export interface MonitorView {
  rows: MonitorRow[];
  holds: CompanyHold[];
  at: string;
}

export interface MonitorService {
  view(workspaceId: string): Promise<MonitorView>;
  watch(workspaceId: string, signal: AbortSignal): AsyncIterable<MonitorView>;
  stopCompanyFile(workspaceId: string, connectionId: string, actor: string): Promise<{ stopped: string[] }>;
  startCompanyFile(workspaceId: string, connectionId: string): Promise<{ started: string[]; problems: string[] }>;
}

interface Deps {
  db: Queryable;
  design: DesignStore;
  registry: NodeRegistry;
  events: RunEvents;
  operations: OperationsService;
  runs: RunService;
}

/** The flow as it runs on its schedule (its newest published version), else its draft. */
function runningDocument(
  design: DesignStore,
  flowId: string,
  draft: FlowDocument,
): { doc: FlowDocument; published: boolean } {
  const latest = design.versions(flowId)[0];
  return latest ? { doc: latest.document, published: true } : { doc: draft, published: false };
}

// Schedules change without a run event (a next due time passes): a view is sent at
// least this often even when no run changed.
const REFRESH_MS = 5_000;

export function createMonitor(deps: Deps): MonitorService {
  const { db, design, registry } = deps;

  async function view(ws: string): Promise<MonitorView> {
    const flows = design.listFlows(ws);
    const [states, last, holds] = await Promise.all([
      deps.operations.flowStates(ws),
      latestRuns(db, ws),
      listHolds(ws),
    ]);
    const names = new Map(design.listConnections(ws).map((c) => [c.id, { name: c.name, kind: c.kind }]));
    const now = Date.now();
    const rows = states.map((s) => {
      const f = flows.find((x) => x.id === s.flowId)!;
      const { doc, published } = runningDocument(design, f.id, f.draft);
      const run = last.get(s.flowId);
      return monitorRow(s, doc, published, registry, names, run, throughput(run, now));
    });
    for (const r of rows)
      if (r.state === 'STOPPED' && r.stopReason && r.lastRun) r.stoppedBy = await firstFailure(db, r.lastRun.runId);
    rows.sort((a, b) => a.name.localeCompare(b.name));
    return { rows, holds, at: new Date(now).toISOString() };
  }

  // Live throughput over a moving window (issue 16): each view adds the running runs' read counters.
  const windows = new Map<string, RateWindow>();
  function throughput(run: MonitorRunCounts | undefined, now: number): number | null {
    for (const [id, w] of windows) if (w.idleSince(now) > 60_000) windows.delete(id);
    if (!run || run.status !== 'running' || !run.startedAt) return null;
    let w = windows.get(run.runId);
    if (!w) {
      windows.set(run.runId, (w = new RateWindow()));
      // A run that started within the window counts from its start; an older one from this first look.
      const started = Date.parse(run.startedAt);
      if (now - started < THROUGHPUT_WINDOW_MS) w.add(started, 0);
    }
    w.add(now, run.read);
    return w.rate();
  }

  async function listHolds(ws: string): Promise<CompanyHold[]> {
    const { rows } = await db.query(
      `SELECT connection_id, flow_ids, held_by, held_at FROM weft_company_holds WHERE workspace_id = $1`,
      [ws],
    );
    return rows.map((r) => ({
      connectionId: r.connection_id,
      flowIds: r.flow_ids,
      heldBy: r.held_by,
      heldAt: r.held_at.toISOString(),
    }));
  }

  async function* watch(ws: string, signal: AbortSignal): AsyncGenerator<MonitorView> {
    const mine = () => new Set(design.listFlows(ws).map((f) => f.id));
    let flowIds = mine();
    let dirty = true;
    let wake: (() => void) | null = null;
    const poke = () => {
      dirty = true;
      wake?.();
    };
    const unsubscribe = deps.events.subscribeAll((flowId) => flowIds.has(flowId) && poke());
    const timer = setInterval(poke, REFRESH_MS);
    signal.addEventListener('abort', poke);
    try {
      while (!signal.aborted) {
        if (!dirty) await new Promise<void>((r) => (wake = r));
        wake = null;
        if (signal.aborted) break;
        dirty = false;
        flowIds = mine();
        yield await view(ws);
        // Coalesce bursts (a run notifies up to 5 times a second): at most 2 views a second.
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      unsubscribe();
      clearInterval(timer);
      signal.removeEventListener('abort', poke);
    }
  }

  async function stopCompanyFile(ws: string, connectionId: string, actor: string): Promise<{ stopped: string[] }> {
    if (!design.listConnections(ws).some((c) => c.id === connectionId)) {
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `Company file "${connectionId}" is not a connection of this workspace.`,
      });
    }
    const stopped: string[] = [];
    // Scheduled = the run store's schedule is on (or paused by a utility run); a flow its stop policy stopped is not.
    const { rows } = await db.query(
      `SELECT flow_id FROM weft_schedules WHERE workspace_id = $1 AND (enabled OR paused_by IS NOT NULL)`,
      [ws],
    );
    const scheduled = new Set(rows.map((r) => r.flow_id as string));
    for (const f of design.listFlows(ws)) {
      if (!scheduled.has(f.id)) continue;
      const { doc } = runningDocument(design, f.id, f.draft);
      if (!flowFootprint(doc, registry).connections.includes(connectionId)) continue;
      await deps.runs.setFlowState(ws, f.id, 'stopped');
      stopped.push(f.id);
    }
    // A second stop while held adds to the same hold: "start again" restarts all of them.
    await db.query(
      `INSERT INTO weft_company_holds (workspace_id, connection_id, flow_ids, held_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, connection_id) DO UPDATE
         SET flow_ids = ARRAY(SELECT DISTINCT unnest(weft_company_holds.flow_ids || $3::text[]))`,
      [ws, connectionId, stopped, actor],
    );
    return { stopped };
  }

  async function startCompanyFile(
    ws: string,
    connectionId: string,
  ): Promise<{ started: string[]; problems: string[] }> {
    const { rows } = await db.query(
      `DELETE FROM weft_company_holds WHERE workspace_id = $1 AND connection_id = $2 RETURNING flow_ids`,
      [ws, connectionId],
    );
    if (!rows[0])
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: 'No flow of this company file was stopped from the monitor; start flows one by one instead.',
      });
    const started: string[] = [];
    const problems: string[] = [];
    for (const id of rows[0].flow_ids as string[]) {
      const flow = design.getFlow(ws, id);
      if (!flow) continue; // deleted since
      try {
        await deps.runs.setFlowState(ws, id, 'started');
        started.push(id);
      } catch (e) {
        problems.push(`"${flow.name}": ${(e as Error).message}`);
      }
    }
    return { started, problems };
  }

  return { view, watch, stopCompanyFile, startCompanyFile };
}
