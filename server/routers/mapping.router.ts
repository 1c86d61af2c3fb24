// `mapping.*` (issue 14): what the mapping editor reads. The fields a mapping node can
// read and write (the target system's metadata, the source's metadata plus the fields of
// sample records), a preview of the draft graph on the first records the flow's source
// would read, and the checks that need a system's metadata (a source field that does not
// exist). Everything here is read-only on both systems: it never writes a record and never
// moves a watermark, so anyone who may view the workspace may ask.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { FlowDocument } from '../../flow/flow-document';
import type { Catalogue } from '../../nodes/core/field-catalogue';
import { procedureFor, router, type Context } from '../trpc';
import { bindToWorkspace } from '../workspace-slots';
import { mappingFields } from '../mapping/mapping-fields';
import { previewNode, type PreviewAnswer } from '../mapping/mapping-preview';
import { checkMapping, type MappingProblem } from '../mapping/mapping-check';

export type { Catalogue, FieldInfo } from '../../nodes/core/field-catalogue';
export type { PreviewAnswer, PreviewRow } from '../mapping/mapping-preview';
export type { MappingProblem } from '../mapping/mapping-check';

const id = z.string().min(1).max(100);
const Target = z.object({
  /** The saved flow (its connections, and its draft when no document is given). */
  flowId: id,
  /** The draft being edited in the browser; the saved draft when left out. */
  document: z.unknown().optional(),
  /** The mapping (or filter, or binding) node. */
  nodeId: id,
});

/** The document asked about, with its connection slots bound to the workspace's connections. */
async function documentOf(ctx: Context & { actor: { workspaceId: string } }, input: z.infer<typeof Target>) {
  const ws = ctx.actor.workspaceId;
  let raw = input.document;
  if (raw === undefined) {
    const flow = await ctx.services.design.getFlow(ws, input.flowId);
    if (!flow)
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `Flow "${input.flowId}" was not found. It may have been deleted; go back to the list and reload.`,
      });
    raw = flow.draft;
  }
  const parsed = FlowDocument.safeParse(raw);
  if (!parsed.success)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `This is not a flow document: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    });
  const doc = bindToWorkspace(parsed.data, ctx.services.registry, ctx.services.design.listConnections(ws));
  if (!doc.nodes.some((n) => n.id === input.nodeId))
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: `The flow has no step "${input.nodeId}". It may have been removed; reload the flow.`,
    });
  return doc;
}

/** What the preview and the field lists need: node types, the workspace's connections, cross-reference lookups. */
function depsOf(ctx: Context & { actor: { workspaceId: string } }, flowId: string) {
  const xref = ctx.services.xrefReader?.();
  const desktop = ctx.services.desktopPreview?.();
  return {
    registry: ctx.services.registry,
    connection: resolver(ctx),
    flowId,
    ...(xref ? { xref } : {}),
    ...(desktop ? { desktop } : {}),
  };
}

function resolver(ctx: Context & { actor: { workspaceId: string } }) {
  const resolve = ctx.services.connection;
  if (!resolve)
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This Weft cannot open connections here; ask on the server that holds them.',
    });
  return (connectionId: string) => resolve(ctx.actor.workspaceId, connectionId);
}

export const mappingRouter = router({
  /** `{ source, target }`: what the node reads (upstream source + sample records) and what it writes. */
  fields: procedureFor('view')
    .input(Target)
    .query(async ({ ctx, input }): Promise<{ source: Catalogue; target: Catalogue }> => {
      const doc = await documentOf(ctx, input);
      return mappingFields(doc, input.nodeId, depsOf(ctx, input.flowId));
    }),
  /** The first `limit` records the source would read, run through the draft up to and including the node. */
  preview: procedureFor('view')
    .input(Target.extend({ limit: z.number().int().min(1).max(50).default(20) }))
    .query(async ({ ctx, input }): Promise<PreviewAnswer> => {
      const doc = await documentOf(ctx, input);
      return previewNode(doc, input.nodeId, input.limit, depsOf(ctx, input.flowId));
    }),
  /** Checks that need the systems' metadata: source fields that do not exist, required target fields unmapped. */
  check: procedureFor('view')
    .input(Target)
    .query(async ({ ctx, input }): Promise<{ problems: MappingProblem[] }> => {
      const doc = await documentOf(ctx, input);
      return checkMapping(doc, input.nodeId, depsOf(ctx, input.flowId));
    }),
});
