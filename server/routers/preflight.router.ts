// `flows.preflight` (issue 3): checks that the Creatio sites a flow talks to have the
// custom fields and objects it needs, by reading their `$metadata` with the flow's
// own connections, and answers what is missing with the seed's type and length.
// Read-only on both sides, so anyone who may view the workspace may ask.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { FlowDocument } from '../../flow/flow-document';
import { bindToWorkspace } from '../workspace-slots';
import { creatioSettingsSchema } from '../../nodes/creatio/creatio-connection';
import { CreatioClient } from '../../nodes/creatio/creatio-client';
import { CreatioError } from '../../nodes/creatio/creatio-error';
import { preflightFlow } from '../../nodes/creatio/creatio-preflight';
import { procedureFor } from '../trpc';
import type { Services } from '../services';
import type { CreatioEntity } from '../../nodes/creatio/creatio-metadata';

const Input = z
  .object({
    /** A saved flow (its draft) … */
    id: z.string().min(1).max(100).optional(),
    /** … or a document being edited. */
    document: z.unknown().optional(),
    options: z
      .object({ aging: z.boolean().optional(), payments: z.boolean().optional(), transactions: z.boolean().optional() })
      .default({}),
  })
  .refine((i) => (i.id === undefined) !== (i.document === undefined), {
    message: 'Give either the id of a saved flow or a flow document.',
  });

export const preflightQuery = procedureFor('view')
  .input(Input)
  .query(async ({ ctx, input }) => {
    const ws = ctx.actor.workspaceId;
    let doc: FlowDocument;
    if (input.id !== undefined) {
      const flow = await ctx.services.design.getFlow(ws, input.id);
      if (!flow)
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `Flow "${input.id}" was not found. It may have been deleted; go back to the list and reload.`,
        });
      doc = flow.draft;
    } else {
      const parsed = FlowDocument.safeParse(input.document);
      if (!parsed.success)
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `This is not a flow document: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        });
      // A template being looked at: its connection slots are the workspace's connections.
      doc = bindToWorkspace(parsed.data, ctx.services.registry, ctx.services.design.listConnections(ws));
    }
    return preflightFlow(doc, (connectionId) => readCreatioMetadata(ctx.services, ws, connectionId), input.options);
  });

/**
 * A Creatio connection's `$metadata`, read with its own settings (also the template cards' preflight,
 * server/solution/). Errors name the connection and stay off UNAUTHORIZED: that code means Weft's session ended.
 */
export async function readCreatioMetadata(
  services: Pick<Services, 'connection'>,
  ws: string,
  connectionId: string,
): Promise<CreatioEntity[]> {
  const resolve = services.connection;
  if (!resolve)
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This Weft cannot open connections here; run the preflight on the server that holds them.',
    });
  let conn;
  try {
    conn = resolve(ws, connectionId);
  } catch (e) {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: (e as Error).message });
  }
  const settings = creatioSettingsSchema.safeParse(conn.settings);
  if (!settings.success)
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message:
        `Connection "${conn.name}" is not a usable Creatio connection: ` +
        settings.error.issues.map((i) => i.message).join('; '),
    });
  try {
    return await new CreatioClient({ ...settings.data, retry: { attempts: 2 } }).metadata();
  } catch (e) {
    const what = e instanceof CreatioError ? e.message : String(e);
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message:
        `Could not read the list of fields of Creatio connection "${conn.name}": ${what} ` +
        'Check the connection, then run the preflight again.',
    });
  }
}
