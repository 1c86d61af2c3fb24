// The operators' monitor (issue 16; seed §6.2 flow manager): every flow of the
// workspace, live, and the single-user-mode procedure for a company file.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { MonitorService } from '../monitor/monitor-service';
import { procedureFor, router } from '../trpc';

function monitor(ctx: { services: { monitor?: MonitorService } }): MonitorService {
  if (!ctx.services.monitor)
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'The monitor is not available in this Weft.' });
  return ctx.services.monitor;
}

const connectionId = z.object({ connectionId: z.string().min(1).max(100) });

export const monitorRouter = router({
  view: procedureFor('view').query(({ ctx }) => monitor(ctx).view(ctx.actor.workspaceId)),
  /** The same view, pushed each time a run of the workspace changes (SSE), at least every 5 s. */
  watch: procedureFor('view').subscription(async function* ({ ctx, signal }) {
    yield* monitor(ctx).watch(ctx.actor.workspaceId, signal ?? new AbortController().signal);
  }),
  /** Seed §6 (single-user mode): stop every scheduled flow of a company file; the flows are remembered. */
  stopCompanyFile: procedureFor('flows.operate')
    .input(connectionId)
    .mutation(async ({ ctx, input }) => {
      const r = await monitor(ctx).stopCompanyFile(ctx.actor.workspaceId, input.connectionId, ctx.actor.email);
      ctx.services.accounts.audit(ctx.actor.workspaceId, 'company-file.stop-flows', input.connectionId, {
        flows: r.stopped,
      });
      return r;
    }),
  /** Starts again the flows the stop above stopped (and only those). */
  startCompanyFile: procedureFor('flows.operate')
    .input(connectionId)
    .mutation(async ({ ctx, input }) => {
      const r = await monitor(ctx).startCompanyFile(ctx.actor.workspaceId, input.connectionId);
      ctx.services.accounts.audit(ctx.actor.workspaceId, 'company-file.start-flows', input.connectionId, {
        flows: r.started,
      });
      return r;
    }),
});
