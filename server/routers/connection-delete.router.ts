// connections.delete (issue 4): an admin deletes a connection; a QuickBooks Online
// one is disconnected at Intuit first. A failed disconnect does not keep the
// connection: the answer carries a plain-words warning for the admin instead.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { ConnectionInUse, ConnectionNotFound } from '../design/connection-delete';
import { procedureFor } from '../trpc';

export const deleteConnection = procedureFor('workspace.admin')
  .input(z.object({ id: z.string().min(1).max(100) }))
  .mutation(async ({ ctx, input }) => {
    const del = ctx.services.deleteConnection;
    if (!del) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This Weft cannot delete connections.' });
    try {
      return await del(ctx.actor.workspaceId, input.id);
    } catch (e) {
      if (e instanceof ConnectionNotFound) throw new TRPCError({ code: 'NOT_FOUND', message: e.message });
      if (e instanceof ConnectionInUse) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: e.message });
      throw e;
    }
  });
