// connections.startQboConnect (issues 4 and 7): an admin starts the QuickBooks
// Online OAuth connect; the answer is the address to send the browser to. The
// client secret is write-only: stored sealed, never returned.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { ConnectRefused } from '../qbo-connect/qbo-connect-service';
import { procedureFor } from '../trpc';

const url = z.string().trim().url().max(500);

export const startQboConnect = procedureFor('workspace.admin')
  .input(
    z.object({
      name: z.string().trim().min(1).max(120),
      environment: z.union([
        z.enum(['sandbox', 'production', 'sandbox-local']),
        z.object({ authorizeUrl: url, tokenUrl: url, apiBaseUrl: url, revokeUrl: url.optional() }),
      ]),
      clientId: z.string().max(200).optional(),
      clientSecret: z.string().max(500).optional(),
      /** The browser's `window.location.origin`: Intuit redirects back to `{origin}/oauth/qbo/callback`. */
      origin: url,
      connectionId: z.string().min(1).max(100).optional(),
    }),
  )
  .mutation(({ ctx, input }) => {
    const svc = ctx.services.qboConnect;
    if (!svc)
      throw new TRPCError({
        code: 'PRECONDITION_FAILED',
        message: 'This Weft does not offer the QuickBooks Online connect flow.',
      });
    try {
      return svc.start(ctx.actor, input);
    } catch (e) {
      if (e instanceof ConnectRefused)
        throw new TRPCError({ code: e.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: e.message });
      throw e;
    }
  });
