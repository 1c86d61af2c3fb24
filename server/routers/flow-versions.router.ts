// A flow's versions, roll back, delete, and flow files (issue 14): `api.flows.versions.*`.
// Editing permissions throughout: reading a version is viewing; rolling back, deleting
// and importing change what the workspace has, as editing a draft does.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../trpc';
import { procedureFor, router } from '../trpc';

const id = z.string().min(1).max(100);
const version = z.number().int().positive();
/** A flow file is small (500 nodes at most); a megabyte leaves room and refuses a wrong file early. */
const MAX_FILE = 1_000_000;

function history(ctx: Context) {
  const h = ctx.services.versions;
  if (!h) throw new TRPCError({ code: 'NOT_IMPLEMENTED', message: 'Flow versions are not available in this Weft.' });
  return h;
}

export const flowVersionsRouter = router({
  list: procedureFor('view')
    .input(z.object({ id }))
    .query(({ ctx, input }) => history(ctx).versions(ctx.actor.workspaceId, input.id)),
  get: procedureFor('view')
    .input(z.object({ id, version }))
    .query(({ ctx, input }) => history(ctx).version(ctx.actor.workspaceId, input.id, input.version)),
  rollback: procedureFor('flows.edit')
    .input(z.object({ id, version }))
    .mutation(({ ctx, input }) => history(ctx).rollback(ctx.actor.workspaceId, input.id, input.version)),
  remove: procedureFor('flows.edit')
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => history(ctx).remove(ctx.actor.workspaceId, input.id)),
  exportFile: procedureFor('view')
    .input(z.object({ id, version: version.optional() }))
    .query(({ ctx, input }) => history(ctx).exportFile(ctx.actor.workspaceId, input.id, input.version)),
  importFile: procedureFor('flows.edit')
    .input(
      z.object({
        text: z.string().max(MAX_FILE, 'The file is larger than a flow file can be (1 MB); choose a flow file.'),
      }),
    )
    .mutation(({ ctx, input }) => history(ctx).importFile(ctx.actor.workspaceId, input.text)),
});
