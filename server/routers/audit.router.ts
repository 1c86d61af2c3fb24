// The workspace's audit log: viewable page by page, exportable as CSV or JSON.
import { z } from 'zod';
import { auditCsv, listAudit } from '../design/audit-log';
import { procedureFor, router } from '../trpc';

export const auditRouter = router({
  list: procedureFor('workspace.admin')
    .input(
      z.object({
        limit: z.number().int().min(1).max(500).default(100),
        beforeId: z.number().int().positive().nullable().default(null),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.services.accounts.db, ctx.actor.workspaceId, input)),

  /** The whole log of this workspace as a file's text (the designer offers it as a download). */
  export: procedureFor('workspace.admin')
    .input(z.object({ format: z.enum(['csv', 'json']) }))
    .query(({ ctx, input }) => {
      const entries = listAudit(ctx.services.accounts.db, ctx.actor.workspaceId, { limit: 100_000 });
      const day = new Date().toISOString().slice(0, 10);
      const filename = `weft-audit-${ctx.actor.workspaceId}-${day}.${input.format}`;
      return input.format === 'csv'
        ? { filename, contentType: 'text/csv', body: auditCsv(entries) }
        : { filename, contentType: 'application/json', body: JSON.stringify(entries, null, 2) };
    }),
});
