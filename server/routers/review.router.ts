// The review queue (issue 14): records a binding could not decide, with their
// candidates side by side; support picks one, "create new" or "skip". Every decision
// is audit-logged; a pick or "create new" sends the record on through its flow.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { ReviewDecisionError, type ReviewService } from '../review/review-service';
import { procedureFor, router } from '../trpc';

function review(ctx: { services: { review?: ReviewService } }): ReviewService {
  if (!ctx.services.review)
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'The review queue is not available in this Weft.' });
  return ctx.services.review;
}

const caseId = z.string().regex(/^\d{1,18}$/, 'a review case number');

export const reviewRouter = router({
  list: procedureFor('view')
    .input(
      z.object({
        status: z.enum(['open', 'decided']).default('open'),
        flowId: z.string().min(1).max(100).nullable().default(null),
        afterId: caseId.nullable().default(null),
        limit: z.number().int().min(1).max(100).default(20),
      }),
    )
    .query(({ ctx, input }) => review(ctx).list(ctx.actor.workspaceId, input)),
  decide: procedureFor('records.fix')
    .input(
      z.object({
        id: caseId,
        choice: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('pick'), candidateId: z.string().min(1).max(200) }),
          z.object({ kind: z.literal('create-new') }),
          z.object({ kind: z.literal('skip') }),
        ]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      try {
        const r = await review(ctx).decide(ctx.actor.workspaceId, input.id, input.choice, ctx.actor.email);
        ctx.services.accounts.audit(ctx.actor.workspaceId, 'review.decide', `review case ${input.id}`, {
          flow: r.case.flowName,
          record: r.case.recordKey,
          choice: input.choice.kind,
          ...(input.choice.kind === 'pick' ? { candidate: input.choice.candidateId } : {}),
          run: r.replayRunId,
        });
        return r;
      } catch (e) {
        if (e instanceof ReviewDecisionError) throw new TRPCError({ code: 'CONFLICT', message: e.message });
        throw e;
      }
    }),
});
