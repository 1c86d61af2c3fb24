// Run history, Query Starts checks and catch-up (issue 16, operators):
// server/history/. Reading is for everyone who sees the workspace; starting a
// catch-up goes through operations.startUtility / flows.setState (operators).
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { HistoryService } from '../history/history-service';
import { procedureFor, router } from '../trpc';
import { runId } from './operations.router';

const id = z.string().min(1).max(100);

function history(ctx: { services: { history?: HistoryService } }): HistoryService {
  if (!ctx.services.history)
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Run history is not available in this Weft.' });
  return ctx.services.history;
}

export const historyRouter = router({
  /** A flow's runs, newest first; `before` is the previous page's `next` (keyset on the start time). */
  runs: procedureFor('view')
    .input(
      z.object({
        flowId: id,
        limit: z.number().int().min(1).max(100).default(20),
        before: z.object({ at: z.string().datetime(), runId }).nullable().default(null),
      }),
    )
    .query(({ ctx, input }) => history(ctx).runs(ctx.actor.workspaceId, input.flowId, input)),
  /** Records read and failed per run, oldest first, for the chart. */
  chart: procedureFor('view')
    .input(z.object({ flowId: id, limit: z.number().int().min(1).max(500).default(100) }))
    .query(({ ctx, input }) => history(ctx).chart(ctx.actor.workspaceId, input.flowId, input.limit)),
  /** A run's structured log: by node, from a level up, with text in the message; paged after `afterSeq`. */
  log: procedureFor('view')
    .input(
      z.object({
        runId,
        nodeId: id.nullable().default(null),
        level: z.enum(['info', 'warn', 'error']).default('info'),
        search: z.string().max(200).default(''),
        afterSeq: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(200),
      }),
    )
    .query(({ ctx, input }) => history(ctx).log(ctx.actor.workspaceId, input.runId, input)),
  /** A past run with the document it ran: the canvas shows that version with that run's counters. */
  pastRun: procedureFor('view')
    .input(z.object({ runId }))
    .query(({ ctx, input }) => history(ctx).pastRun(ctx.actor.workspaceId, input.runId)),
  /** The check flows.setWatermark makes, asked while typing: a problem refuses, a warning only informs. */
  checkQueryStart: procedureFor('view')
    .input(z.object({ flowId: id, value: z.string().max(200) }))
    .query(({ ctx, input }) => history(ctx).checkQueryStart(ctx.actor.workspaceId, input.flowId, input.value)),
  /** Seed §6.3: how long the flow was stopped, and which way to catch up. */
  catchUpAdvice: procedureFor('view')
    .input(z.object({ flowId: id }))
    .query(({ ctx, input }) => history(ctx).catchUpAdvice(ctx.actor.workspaceId, input.flowId)),
  /** A bulk load's progress: slices, records, share of the range done, ETA, the flows it paused. */
  catchUpProgress: procedureFor('view')
    .input(z.object({ runId }))
    .query(({ ctx, input }) => history(ctx).catchUpProgress(ctx.actor.workspaceId, input.runId)),
});
