// Templates (issue 15): the gallery's list, publishing a flow as a template or as a
// new version of one (solutions specialist), and a flow's update to a template's
// newer version, previewed as a three-way merge and applied with the analyst's picks.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { procedureFor, router } from '../trpc';

const id = z.string().min(1).max(100);

function notFound(what: string): never {
  throw new TRPCError({
    code: 'NOT_FOUND',
    message: `${what} was not found. It may have been deleted; go back to the list and reload.`,
  });
}

const fields = z.object({
  title: z.string().trim().min(1, 'Give the template a title.').max(120),
  objects: z.array(z.string().trim().min(1).max(60)).min(1, 'Name at least one object it syncs.').max(20),
  direction: z.string().trim().min(1, 'Say which way the records go.').max(120),
  description: z.string().max(2000).default(''),
  releaseNote: z.string().max(2000).default(''),
});

export const templatesRouter = router({
  list: procedureFor('view').query(({ ctx }) => ctx.services.design.listTemplates(ctx.actor.workspaceId)),
  get: procedureFor('view')
    .input(z.object({ id }))
    .query(
      ({ ctx, input }) =>
        ctx.services.design.getTemplate(input.id, ctx.actor.workspaceId) ?? notFound(`Template "${input.id}"`),
    ),
  /** Same people as publishing flows (server/auth/roles.ts: `templates.manage`). Audit-logged by the store. */
  publish: procedureFor('templates.manage')
    .input(z.object({ flowId: id, templateId: id.nullable(), fields }))
    .mutation(async ({ ctx, input }) => {
      const ws = ctx.actor.workspaceId;
      const flow = (await ctx.services.design.getFlow(ws, input.flowId)) ?? notFound(`Flow "${input.flowId}"`);
      const problems = ctx.services.validate(flow.draft);
      if (problems.length > 0)
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `This flow cannot be published as a template yet: ${problems.map((p) => p.message).join(' ')}`,
        });
      return ctx.services.design.publishTemplate(ws, input.flowId, input.templateId, input.fields);
    }),
  /** The merge of the newer version into the flow's draft: what applies by itself, and the conflicts to decide. */
  update: procedureFor('flows.edit')
    .input(z.object({ flowId: id }))
    .query(({ ctx, input }) => ctx.services.design.templateUpdate(ctx.actor.workspaceId, input.flowId)),
  applyUpdate: procedureFor('flows.edit')
    .input(z.object({ flowId: id, picks: z.record(z.string().max(1000), z.enum(['ours', 'theirs'])).default({}) }))
    .mutation(({ ctx, input }) =>
      ctx.services.design.applyTemplateUpdate(ctx.actor.workspaceId, input.flowId, input.picks),
    ),
});
