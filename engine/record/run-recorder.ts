// What a run leaves behind: per-node counters and state, failed records with
// their payloads, and the run's status. The engine core writes through the
// RunRecorder interface; PostgreSQL (engine/postgres) and memory implement it.
import type { FlowRecord, Outcome, RecordFailure, ReviewRequest } from '../../nodes/define-node';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'completed-with-errors' | 'failed' | 'stopped';
export type RunTrigger = 'manual' | 'schedule' | 'cli' | 'utility';
export type NodeState = 'idle' | 'running' | 'waiting' | 'done' | 'failed';

export interface NodeCounters {
  in: number;
  out: number;
  failed: number;
  passed: number;
  filtered: number;
  created: number;
  updated: number;
  skipped: number;
  /** Parked in the review queue for support to decide (issue 14). */
  review: number;
}

export interface NodeSnapshot extends NodeCounters {
  id: string;
  type: string;
  state: NodeState;
  /** Transient text such as "waiting: QuickBooks rate limit, 12 s". */
  status: string | null;
  /** Source nodes: the watermark (Query Starts) reached so far. */
  watermark: string | null;
}

export interface RunSummary {
  runId: string;
  flowId: string;
  flowVersion: number | null;
  status: RunStatus;
  trigger: RunTrigger;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** Company files / sites the run touched (issue 6). */
  connections?: string[];
  /** How often the run was taken over after its worker died. */
  resumes?: number;
  /** Utility runs (seed §6.1): kind, date range, batch size, slices. */
  utility?: { kind: string; range?: { from?: string; to?: string }; batchSize?: number; slices?: number };
  /** A slice of a split bulk load points at its utility run. */
  parentRunId?: string;
  /**
   * A dry run (issue 14): nothing was written; `created` / `updated` / `skipped` on its nodes are
   * what the run would have done. Present (true) only on dry runs.
   */
  dryRun?: true;
}

export interface RunSnapshot extends RunSummary {
  /** In plan order, the sink(s) last. */
  nodes: NodeSnapshot[];
}

export interface FailedRecord {
  id: string;
  runId: string;
  nodeId: string;
  recordKey: string;
  failure: RecordFailure;
  record: FlowRecord;
  at: string;
}

export function emptyCounters(): NodeCounters {
  return { in: 0, out: 0, failed: 0, passed: 0, filtered: 0, created: 0, updated: 0, skipped: 0, review: 0 };
}

/** One batch of outcomes at one node: counted and stored together. */
export interface NodeBatchResult {
  nodeId: string;
  inCount: number;
  outCount: number;
  outcomes: Partial<Record<Outcome, number>>;
  failures: { record: FlowRecord; failure: RecordFailure }[];
  /** Records parked for review, with what support has to decide; stored with the page. */
  reviews?: { record: FlowRecord; review: ReviewRequest }[];
}

export interface RunRecorder {
  started(nodes: { id: string; type: string }[]): Promise<void>;
  /** Counters and failures of a batch; durable before the watermark moves past it. */
  batch(result: NodeBatchResult): Promise<void>;
  /**
   * A whole page: every node's outcomes and the source's watermark after it, durable
   * together (issue 6: one ledger write per page, and a crash leaves counters that
   * match the watermark, so a resumed run counts nothing twice).
   */
  page(results: NodeBatchResult[], mark: { nodeId: string; value: string } | null): Promise<void>;
  nodeState(nodeId: string, state: NodeState, status?: string | null): Promise<void>;
  watermark(nodeId: string, value: string): Promise<void>;
  finished(status: RunStatus, error: string | null): Promise<void>;
}
