// Support's failed records (issue 16): the work queue across runs, paged by key (never OFFSET),
// filtered by node, error code and field; edit, ignore, retry one or all matching.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { FailureQueueService } from '../failures/failure-service';
import { procedureFor, router } from '../trpc';

function queue(ctx: { services: { failures?: FailureQueueService } }): FailureQueueService {
  if (!ctx.services.failures)
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Failed records are not available in this Weft.' });
  return ctx.services.failures;
}

const text = z.string().min(1).max(200);
const Query = z.object({
  flowId: text,
  nodeId: text.nullable().default(null),
  states: z
    .array(z.enum(['open', 'retrying', 'fixed', 'ignored']))
    .min(1)
    .optional(),
  code: text.nullable().default(null),
  field: text.nullable().default(null),
  ids: z
    .array(z.string().regex(/^\d{1,18}$/))
    .max(1000)
    .nullable()
    .default(null),
});

export const failuresRouter = router({
  list: procedureFor('view')
    .input(
      Query.extend({
        after: z
          .string()
          .regex(/^\d{1,18}$/)
          .nullable()
          .default(null),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(({ ctx, input }) => {
      const { after, limit, ...q } = input;
      return queue(ctx).list(ctx.actor.workspaceId, q, after, limit);
    }),
  facets: procedureFor('view')
    .input(Query)
    .query(({ ctx, input }) => queue(ctx).facets(ctx.actor.workspaceId, input)),
  get: procedureFor('view')
    .input(z.object({ id: z.string().regex(/^\d{1,18}$/) }))
    .query(async ({ ctx, input }) => {
      const r = await queue(ctx).get(ctx.actor.workspaceId, input.id);
      if (!r) throw new TRPCError({ code: 'NOT_FOUND', message: 'This failed record is no longer in the queue.' });
      return r;
    }),
  /** Changes fields the mapping produced; the retry then sends the record as edited. */
  edit: procedureFor('records.fix')
    .input(
      z.object({
        id: z.string().regex(/^\d{1,18}$/),
        changes: z.record(z.string().max(200), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()])),
      }),
    )
    .mutation(({ ctx, input }) => queue(ctx).edit(ctx.actor.workspaceId, input.id, input.changes, ctx.actor.email)),
  ignore: procedureFor('records.fix')
    .input(Query.extend({ reason: z.string().trim().min(3, 'say why the record is ignored').max(500) }))
    .mutation(({ ctx, input }) => {
      const { reason, ...q } = input;
      return queue(ctx).ignore(ctx.actor.workspaceId, q, reason, ctx.actor.email);
    }),
  /** One record (ids), or every open one matching the filter: a retry run through the queue. */
  retry: procedureFor('records.fix')
    .input(Query)
    .mutation(({ ctx, input }) => queue(ctx).retry(ctx.actor.workspaceId, input, ctx.actor.email)),
});
