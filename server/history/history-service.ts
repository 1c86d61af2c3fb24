// Run history, Query Starts checks and catch-up (issue 16, operators) over the run
// store, scoped to a workspace: the API's `history` router calls this.
import { TRPCError } from '@trpc/server';
import { runSnapshot, type Queryable, type RunSnapshot } from '../../engine';
import type { FlowDocument } from '../../flow/flow-document';
import type { NodeRegistry } from '../../nodes/registry';
import type { DesignStore } from '../design/design-store';
import { catchUpAdvice, catchUpProgress, type CatchUpAdvice, type CatchUpProgress } from './catch-up';
import { checkQueryStart, type QueryStartCheck } from './query-starts';
import {
  historyChart,
  historyPage,
  runDocument,
  runLog,
  type ChartPoint,
  type HistoryCursor,
  type HistoryPage,
  type LogLine,
  type LogQuery,
} from './run-history';

export interface PastRun {
  run: RunSnapshot;
  version: number | null;
  document: FlowDocument;
}

export interface HistoryService {
  runs(ws: string, flowId: string, opts: { limit: number; before?: HistoryCursor | null }): Promise<HistoryPage>;
  chart(ws: string, flowId: string, limit: number): Promise<ChartPoint[]>;
  log(ws: string, runId: string, q: LogQuery): Promise<{ lines: LogLine[]; next: number | null }>;
  pastRun(ws: string, runId: string): Promise<PastRun>;
  checkQueryStart(ws: string, flowId: string, value: string): QueryStartCheck;
  catchUpAdvice(ws: string, flowId: string): Promise<CatchUpAdvice>;
  catchUpProgress(ws: string, runId: string): Promise<CatchUpProgress>;
}

export function createHistory(deps: { db: Queryable; design: DesignStore; registry: NodeRegistry }): HistoryService {
  const { db, design, registry } = deps;

  function flow(ws: string, flowId: string) {
    const f = design.getFlow(ws, flowId);
    if (!f)
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `Flow "${flowId}" was not found. It may have been deleted; go back to the list and reload.`,
      });
    // What runs on the schedule: the newest published version, else the draft.
    return { name: f.name, doc: design.versions(flowId)[0]?.document ?? f.draft };
  }
  const runGone = (runId: string): never => {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: `Run "${runId}" was not found in this workspace. Pick a run from the flow's history.`,
    });
  };

  return {
    runs: (ws, flowId, opts) => (flow(ws, flowId), historyPage(db, ws, flowId, opts)),
    chart: (ws, flowId, limit) => (flow(ws, flowId), historyChart(db, ws, flowId, limit)),
    log: async (ws, runId, q) => runLog(db, ws, runId, q),
    pastRun: async (ws, runId) => {
      const [run, doc] = await Promise.all([runSnapshot(db, runId, ws), runDocument(db, ws, runId)]);
      if (!run || !doc) return runGone(runId);
      return { run, version: doc.version, document: doc.document };
    },
    checkQueryStart: (ws, flowId, value) => checkQueryStart(value, flow(ws, flowId).doc.settings, new Date()),
    catchUpAdvice: async (ws, flowId) => {
      const { doc } = flow(ws, flowId);
      const sources = doc.nodes.filter((n) => registry.get(n.type)?.category === 'source').map((n) => n.id);
      return catchUpAdvice(db, ws, flowId, doc, sources, new Date());
    },
    catchUpProgress: async (ws, runId) => (await catchUpProgress(db, ws, runId, new Date())) ?? runGone(runId),
  };
}
