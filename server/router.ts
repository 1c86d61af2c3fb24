// The whole API the designer talks to. The designer imports only `AppRouter`
// (a type), never this module's code.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { FlowDocument } from '../flow/flow-document';
import { workspaceFlowId } from './design/design-store';
import { scheduleFloorProblem } from '../flow/schedule-times';
import { auditRouter } from './routers/audit.router';
import { operationsRouter, runId } from './routers/operations.router';
import { authRouter } from './routers/auth.router';
import { workspaceRouter } from './routers/workspace.router';
import { preflightQuery } from './routers/preflight.router';
import { notificationsRouter } from './routers/notifications.router';
import { monitorRouter } from './routers/monitor.router';
import { failuresRouter } from './routers/failures.router';
import { mappingRouter } from './routers/mapping.router';
import { historyRouter } from './routers/history.router';
import { reviewRouter } from './routers/review.router';
import { connectionsRouter as connections } from './routers/connections.router';
import { flowVersionsRouter } from './routers/flow-versions.router';
import { staleDraftError } from './flow-history-service';
import { templatesRouter as templates } from './routers/templates.router';
import { solutionRouter } from './routers/solution.router';
import { procedureFor, router } from './trpc';
import { whileAllowed } from './access-watch';

const id = z.string().min(1).max(100);

function notFound(what: string): never {
  throw new TRPCError({
    code: 'NOT_FOUND',
    message: `${what} was not found. It may have been deleted; go back to the list and reload.`,
  });
}

/** The document is checked twice on purpose: its shape by zod here, its meaning by validateFlow. */
const flowDoc = FlowDocument;

const flows = router({
  preflight: preflightQuery,
  versions: flowVersionsRouter,
  list: procedureFor('view').query(({ ctx }) => ctx.services.design.listFlows(ctx.actor.workspaceId)),
  get: procedureFor('view')
    .input(z.object({ id }))
    .query(
      async ({ ctx, input }) =>
        (await ctx.services.design.getFlow(ctx.actor.workspaceId, input.id)) ?? notFound(`Flow "${input.id}"`),
    ),
  validate: procedureFor('view')
    .input(z.object({ document: z.unknown() }))
    .query(({ ctx, input }) => ({ problems: ctx.services.validate(input.document) })),
  createFromTemplate: procedureFor('flows.edit')
    .input(z.object({ templateId: id, name: z.string().min(1).max(120).optional() }))
    .mutation(async ({ ctx, input }) => {
      const doc =
        ctx.services.design.getTemplate(input.templateId, ctx.actor.workspaceId) ??
        notFound(`Template "${input.templateId}"`);
      const named = input.name ? { ...doc, name: input.name } : doc;
      return { id: await ctx.services.design.createFlow(ctx.actor.workspaceId, named, input.templateId) };
    }),
  /**
   * Creates the flow with this id from a document, or replaces its draft (used by `weft run <file>`).
   * Answers with the flow's id: the name given, scoped to the caller's workspace (workspaceFlowId),
   * so another workspace's flow of the same name is neither touched nor revealed (issue 18).
   */
  importDocument: procedureFor('flows.edit')
    .input(
      z.object({
        id: z.string().regex(/^[a-z0-9-]{1,80}$/, 'lowercase letters, digits and dashes'),
        document: flowDoc,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const ws = ctx.actor.workspaceId;
      const id = workspaceFlowId(ws, input.id);
      if (await ctx.services.design.getFlow(ws, id)) await ctx.services.design.saveFlow(ws, id, input.document);
      else await ctx.services.design.createFlow(ws, input.document, null, id);
      return { id, problems: problemsToPublish(ctx, input.document) };
    }),
  /**
   * Saving keeps drafts that do not validate yet (an analyst mid-edit), and returns their problems.
   * `baseRevision`: the revision the editor loaded; a save after someone else's is refused (issue 14).
   */
  save: procedureFor('flows.edit')
    .input(z.object({ id, document: flowDoc, baseRevision: z.number().int().min(0).optional() }))
    .mutation(async ({ ctx, input }) => {
      const ws = ctx.actor.workspaceId;
      const saved = await ctx.services.design.saveFlow(ws, input.id, input.document, input.baseRevision);
      return { ...saved, problems: problemsToPublish(ctx, input.document) };
    }),
  publish: procedureFor('flows.publish')
    .input(z.object({ id, notes: z.string().max(2000).default(''), baseRevision: z.number().int().min(0).optional() }))
    .mutation(async ({ ctx, input }) => {
      const flow =
        (await ctx.services.design.getFlow(ctx.actor.workspaceId, input.id)) ?? notFound(`Flow "${input.id}"`);
      // Only what the publisher has seen is published: not a draft someone saved since (issue 14).
      if (input.baseRevision !== undefined && input.baseRevision !== flow.revision)
        throw staleDraftError(flow.updatedBy, flow.updatedAt);
      refuseInvalid(problemsToPublish(ctx, flow.draft), 'publish');
      return ctx.services.design.publishFlow(ctx.actor.workspaceId, input.id, input.notes);
    }),
  /** Operator switch: start = run on the schedule of the latest published version; stop = no more scheduled runs. */
  setState: procedureFor('flows.operate')
    .input(z.object({ id, state: z.enum(['started', 'stopped']) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.runs.setFlowState(ctx.actor.workspaceId, input.id, input.state);
      return { ok: true };
    }),
  watermarks: procedureFor('view')
    .input(z.object({ id }))
    .query(({ ctx, input }) => ctx.services.runs.watermarks(ctx.actor.workspaceId, input.id)),
  setWatermark: procedureFor('flows.operate')
    .input(z.object({ id, nodeId: id, value: z.string().max(200).nullable() }))
    .mutation(async ({ ctx, input }) => {
      const { warning } = await ctx.services.runs.setWatermark(
        ctx.actor.workspaceId,
        input.id,
        input.nodeId,
        input.value,
      );
      return { ok: true, warning };
    }),
});

const runs = router({
  /** Runs the flow's saved draft now, through the queue; `dryRun`: reads and decides, writes nothing (issue 14). */
  start: procedureFor('runs.start')
    .input(z.object({ flowId: id, dryRun: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      const flow =
        (await ctx.services.design.getFlow(ctx.actor.workspaceId, input.flowId)) ?? notFound(`Flow "${input.flowId}"`);
      refuseInvalid(ctx.services.validate(flow.draft), 'run');
      return ctx.services.runs.startRun(ctx.actor.workspaceId, input.flowId, {
        trigger: 'manual',
        ...(input.dryRun ? { dryRun: true } : {}),
      });
    }),
  get: procedureFor('view')
    .input(z.object({ runId }))
    .query(
      async ({ ctx, input }) =>
        (await ctx.services.runs.getRun(ctx.actor.workspaceId, input.runId)) ?? notFound(`Run "${input.runId}"`),
    ),
  list: procedureFor('view')
    .input(z.object({ flowId: id, limit: z.number().int().min(1).max(200).default(20) }))
    .query(({ ctx, input }) => ctx.services.runs.listRuns(ctx.actor.workspaceId, input.flowId, input.limit)),
  failures: procedureFor('view')
    .input(
      z.object({ runId, nodeId: id.nullable().default(null), limit: z.number().int().min(1).max(500).default(100) }),
    )
    .query(({ ctx, input }) =>
      ctx.services.runs.failures(ctx.actor.workspaceId, input.runId, input.nodeId, input.limit),
    ),
  /** Live: a snapshot of the flow's latest run each time it changes (SSE). */
  watchFlow: procedureFor('view')
    .input(z.object({ flowId: id }))
    .subscription(async function* ({ ctx, input, signal }) {
      // Ends when the watcher loses access to the workspace (issue 18), not only when the browser hangs up.
      const allowed = whileAllowed(ctx, signal ?? new AbortController().signal);
      try {
        yield* ctx.services.runs.watchFlow(ctx.actor.workspaceId, input.flowId, allowed.signal);
      } finally {
        allowed.dispose();
      }
    }),
});

export const appRouter = router({
  templates,
  flows,
  runs,
  connections,
  auth: authRouter,
  audit: auditRouter,
  workspace: workspaceRouter,
  operations: operationsRouter,
  notifications: notificationsRouter,
  monitor: monitorRouter,
  failures: failuresRouter,
  mapping: mappingRouter,
  // Run history (issue 16); a flow's versions are `flows.versions.*`.
  history: historyRouter,
  review: reviewRouter,
  // "Configure solution" and the template cards' preflight (issue 15).
  solution: solutionRouter,
});
export type AppRouter = typeof appRouter;

/** The engine's check, and the schedule floor people's flows keep to (issue 18; not the engine's concern). */
function problemsToPublish(
  ctx: { services: { validate(doc: unknown): { message: string }[] } },
  doc: FlowDocument,
): { path?: string; nodeId?: string; message: string }[] {
  const floor = scheduleFloorProblem(doc.settings.schedule);
  return [...ctx.services.validate(doc), ...(floor ? [{ path: 'settings.schedule', message: floor }] : [])];
}

function refuseInvalid(problems: { message: string }[], verb: string): void {
  if (problems.length === 0) return;
  throw new TRPCError({
    code: 'BAD_REQUEST',
    message: `This flow cannot ${verb} yet: ${problems.map((p) => p.message).join(' ')}`,
    cause: new Error(JSON.stringify(problems)),
  });
}
