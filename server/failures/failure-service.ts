// Support's failed-records work queue (issue 16): paging, filters, edit, ignore, retry and CSV
// export over the run store's queue (engine: failure-queue.ts). Every change is audited; a
// retry is a run through the queue like any other, so the same sinks and ledger apply.
import { TRPCError } from '@trpc/server';
import type pg from 'pg';
import {
  AlreadyQueuedError,
  editQueued,
  editsOf,
  getQueued,
  ignoreQueued,
  latestRunId,
  listQueue,
  NothingToRetryError,
  notifyRunChange,
  queueFacets,
  startRetryRun,
  type QueuedFailure,
  type QueueFilter,
  type QueueState,
  type RunQueue,
} from '../../engine';
import type { FlowDocument } from '../../flow/flow-document';
import type { NodeRegistry } from '../../nodes/registry';
import { editableFields, valueAt, withValues } from './editable-fields';

export interface QueueQuery {
  flowId: string;
  nodeId?: string | null;
  states?: QueueState[];
  code?: string | null;
  field?: string | null;
  ids?: string[] | null;
}

export type Scalar = string | number | boolean | null;

export interface FailedRecordDetail extends QueuedFailure {
  /** The fields the mapping produced: the only ones an edit may change. */
  editable: { path: string; value: unknown }[];
  edits: Awaited<ReturnType<typeof editsOf>>;
}

export interface FailureQueueService {
  list(ws: string, q: QueueQuery, after: string | null, limit: number): ReturnType<typeof listQueue>;
  facets(ws: string, q: QueueQuery): ReturnType<typeof queueFacets>;
  get(ws: string, id: string): Promise<FailedRecordDetail | null>;
  edit(ws: string, id: string, changes: Record<string, Scalar>, actor: string): Promise<FailedRecordDetail>;
  ignore(ws: string, q: QueueQuery, reason: string, actor: string): Promise<{ ignored: number }>;
  retry(ws: string, q: QueueQuery, actor: string): Promise<{ runId: string; records: number }>;
  /** Every matching record, page by page, for a CSV: never the whole queue in memory. */
  pages(ws: string, q: QueueQuery): AsyncIterable<QueuedFailure[]>;
}

interface Deps {
  queue: RunQueue;
  registry: NodeRegistry;
  audit(ws: string, actor: string, action: string, subject: string, detail: Record<string, unknown>): void;
}

export function createFailureQueue({ queue, registry, audit }: Deps): FailureQueueService {
  const pool: pg.Pool = queue.pool;
  const filter = (ws: string, q: QueueQuery): QueueFilter => ({ workspaceId: ws, ...q });
  const documentOf = async (runId: string): Promise<FlowDocument | null> =>
    (await pool.query(`SELECT document FROM weft_runs WHERE id = $1`, [runId])).rows[0]?.document ?? null;
  const refresh = async (ws: string, flowId: string) => {
    const run = await latestRunId(pool, ws, flowId);
    if (run) await notifyRunChange(pool, flowId, run);
  };

  const get = async (ws: string, id: string): Promise<FailedRecordDetail | null> => {
    const row = await getQueued(pool, ws, id);
    if (!row) return null;
    const doc = await documentOf(row.lastRunId);
    const paths = doc ? editableFields(doc, registry, row.nodeId) : [];
    return {
      ...row,
      editable: paths.map((path) => ({ path, value: valueAt(row.record.data, path) ?? null })),
      edits: await editsOf(pool, id),
    };
  };

  return {
    list: (ws, q, after, limit) => listQueue(pool, filter(ws, q), after, limit),
    facets: (ws, q) => queueFacets(pool, filter(ws, q)),
    get,
    edit: async (ws, id, changes, actor) => {
      const row = await get(ws, id);
      if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'This failed record is no longer in the queue.' });
      const allowed = new Set(row.editable.map((e) => e.path));
      const refused = Object.keys(changes).filter((k) => !allowed.has(k));
      if (refused.length)
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `Only the fields the flow's mapping produces can be edited here; not ${refused.join(', ')}. Correct other fields in the source system.`,
        });
      const before: Record<string, unknown> = {};
      for (const k of Object.keys(changes)) before[k] = valueAt(row.record.data, k) ?? null;
      const data = withValues(row.record.data as Record<string, unknown>, changes);
      await editQueued(pool, ws, id, data, { before, after: changes }, actor);
      audit(ws, actor, 'failed-record.edit', `${row.flowId}/${row.nodeId}/${row.recordKey}`, {
        before,
        after: changes,
      });
      return (await get(ws, id))!;
    },
    ignore: async (ws, q, reason, actor) => {
      const ignored = await ignoreQueued(pool, filter(ws, q), reason, actor);
      audit(ws, actor, 'failed-record.ignore', q.flowId, { ...q, reason, ignored });
      await refresh(ws, q.flowId);
      return { ignored };
    },
    retry: async (ws, q, actor) => {
      try {
        const r = await startRetryRun(queue, filter(ws, q));
        audit(ws, actor, 'failed-record.retry', q.flowId, { ...q, runId: r.runId, records: r.records });
        return r;
      } catch (e) {
        if (e instanceof NothingToRetryError) throw new TRPCError({ code: 'BAD_REQUEST', message: e.message });
        if (e instanceof AlreadyQueuedError) throw new TRPCError({ code: 'CONFLICT', message: e.message });
        throw e;
      }
    },
    pages: (ws, q) => ({
      async *[Symbol.asyncIterator]() {
        let after: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof listQueue>> = await listQueue(pool, filter(ws, q), after, 500);
          if (page.rows.length) yield page.rows;
          after = page.next;
        } while (after);
      },
    }),
  };
}
