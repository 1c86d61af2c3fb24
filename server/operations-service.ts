// The flow manager (seed §6.1–6.3) over the run store: each flow's state as the
// old Integration Manager showed it, operator stop of a run or a flow across
// processes, and utility runs (binding, bulk load DR/DRS, single run) that pause
// and resume the scheduled flows they would race with (engine issue 6).
import { TRPCError } from '@trpc/server';
import type { FlowDocument } from '../flow/flow-document';
import { requestStop } from '../engine';
import type { RunQueue } from '../engine';
import { readWatermarks, type UtilityOptions } from '../engine';
import { disableSchedule } from '../engine';
import { startUtilityRun, UtilityConflictError } from '../engine';
import type { NodeRegistry } from '../nodes/registry';
import type { DesignStore } from './design/design-store';

/** Seed §6.2: RUNNING (magenta), STARTED = waiting (blue), STOPPING = finishing its run (yellow), STOPPED (white). */
export type ManagerState = 'RUNNING' | 'STARTED' | 'STOPPING' | 'STOPPED' | 'PAUSED';

export interface FlowOperationState {
  flowId: string;
  name: string;
  state: ManagerState;
  /** The run in progress, if any. */
  runId: string | null;
  /** What paused this flow's schedule: a utility run's id, or `company-file:<connection>` (QuickBooks Desktop cannot answer). */
  pausedBy: string | null;
  /** Why it is paused and what resumes it, in plain words (PAUSED only). */
  pauseReason: string | null;
  /** Why the schedule stopped by itself (stop policy). */
  stopReason: string | null;
  nextRunAt: string | null;
  /** Query Starts per source node. */
  queryStarts: { nodeId: string; value: string | null }[];
}

export interface OperationsService {
  flowStates(workspaceId: string): Promise<FlowOperationState[]>;
  stopFlow(workspaceId: string, flowId: string, opts: { stopRunNow: boolean }): Promise<FlowOperationState>;
  stopRun(workspaceId: string, runId: string): Promise<{ stopping: number }>;
  startUtility(
    workspaceId: string,
    flowId: string,
    options: UtilityOptions,
  ): Promise<{ runId: string; slices: string[]; paused: string[] }>;
}

export function createOperations(deps: {
  registry: NodeRegistry;
  design: DesignStore;
  queue: RunQueue;
  actor: string;
}): OperationsService {
  const { design: store, queue, registry } = deps;
  const pool = queue.pool;

  function mustFlow(ws: string, id: string) {
    const f = store.getFlow(ws, id);
    if (!f)
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `Flow "${id}" was not found. It may have been deleted; go back to the list and reload.`,
      });
    return f;
  }

  async function stateOf(ws: string, flowId: string, name: string): Promise<FlowOperationState> {
    const [sched, run, marks] = await Promise.all([
      pool.query(
        `SELECT enabled, paused_by, pause_reason, stop_reason, next_due_at FROM weft_schedules WHERE flow_id = $1`,
        [flowId],
      ),
      pool.query(
        `SELECT id, stop_requested, options IS NOT NULL AS utility FROM weft_runs
          WHERE workspace_id = $1 AND flow_id = $2 AND status = 'running' AND parent_run_id IS NULL
          ORDER BY queued_at DESC LIMIT 1`,
        [ws, flowId],
      ),
      readWatermarks(pool, flowId),
    ]);
    const s = sched.rows[0];
    const r = run.rows[0];
    const enabled = Boolean(s?.enabled);
    const state: ManagerState = s?.paused_by
      ? 'PAUSED'
      : r
        ? // A catch-up bulk load runs while the schedule is off: that is RUNNING, not "stopping after this run".
          (enabled || r.utility) && !r.stop_requested
          ? 'RUNNING'
          : 'STOPPING'
        : enabled
          ? 'STARTED'
          : 'STOPPED';
    return {
      flowId,
      name,
      state,
      runId: r?.id ?? null,
      pausedBy: s?.paused_by ?? null,
      pauseReason: s?.paused_by ? (s.pause_reason ?? null) : null,
      stopReason: s?.stop_reason ?? null,
      nextRunAt: enabled && !s?.paused_by && s?.next_due_at ? new Date(s.next_due_at).toISOString() : null,
      queryStarts: [...marks].map(([nodeId, m]) => ({ nodeId, value: m.value })),
    };
  }

  return {
    flowStates: async (ws) => Promise.all(store.listFlows(ws).map((f) => stateOf(ws, f.id, f.name))),
    stopFlow: async (ws, flowId, opts) => {
      const f = mustFlow(ws, flowId);
      // No more scheduled runs; the current one finishes (STOPPING), or stops at its next page if asked.
      await disableSchedule(pool, flowId);
      await pool.query(`UPDATE weft_schedules SET paused_by = NULL WHERE flow_id = $1`, [flowId]);
      const running = await pool.query(
        `SELECT id FROM weft_runs WHERE workspace_id = $1 AND flow_id = $2 AND status IN ('queued','running')`,
        [ws, flowId],
      );
      if (opts.stopRunNow && running.rows.length)
        await requestStop(
          pool,
          running.rows.map((r) => r.id),
        );
      store.setFlowState(ws, flowId, 'stopped', deps.actor);
      return stateOf(ws, flowId, f.name);
    },
    stopRun: async (ws, runId) => {
      const { rows } = await pool.query(`SELECT id FROM weft_runs WHERE id = $1 AND workspace_id = $2`, [runId, ws]);
      if (!rows[0]) throw new TRPCError({ code: 'NOT_FOUND', message: `Run "${runId}" was not found.` });
      const stopping = await requestStop(pool, [runId]);
      // Issue 18: who stopped which run belongs in the audit log like every other operator action.
      store.audit(ws, deps.actor, 'run.stop', runId, { stopping });
      return { stopping };
    },
    startUtility: async (ws, flowId, options) => {
      const f = mustFlow(ws, flowId);
      const latest = store.versions(flowId)[0];
      const document: FlowDocument = latest?.document ?? f.draft;
      try {
        const started = await startUtilityRun(queue, registry, {
          workspaceId: ws,
          flowId,
          flowVersion: latest?.version ?? null,
          document,
          options,
        });
        store.audit(ws, deps.actor, 'run.utility', flowId, {
          runId: started.runId,
          kind: options.kind,
          range: options.range ?? null,
          slices: started.slices.length,
          paused: started.paused,
        });
        return started;
      } catch (e) {
        if (e instanceof UtilityConflictError) throw new TRPCError({ code: 'CONFLICT', message: e.message });
        throw e;
      }
    },
  };
}
