// "Configure solution" and the template cards' preflight (issue 15): the object pairs
// and which templates serve them, the plan a customer's choices make, creating its
// flows as drafts, and what each template needs checked against the workspace.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { CreatioEntity } from '../../nodes/creatio/creatio-metadata';
import { KIND_SYSTEM, OBJECT_PAIRS, readDirection, serves, standardFirst } from '../solution/object-pairs';
import { planSolution, SolutionChoices } from '../solution/solution-plan';
import { preflightTemplate } from '../solution/template-needs';
import type { Services } from '../services';
import { procedureFor, router } from '../trpc';
import { readCreatioMetadata } from './preflight.router';

/** A Creatio site's fields change when someone publishes in its object designer: a minute is fresh enough. */
const METADATA_TTL_MS = 60_000;
const metadataCache = new Map<string, { at: number; entities: Promise<CreatioEntity[]> }>();

function cachedMetadata(services: Services, ws: string, id: string, refresh: boolean) {
  const key = `${ws}|${id}`;
  const hit = metadataCache.get(key);
  if (hit && !refresh && Date.now() - hit.at < METADATA_TTL_MS) return hit.entities;
  const entities = readCreatioMetadata(services, ws, id);
  metadataCache.set(key, { at: Date.now(), entities });
  // A failure is not kept: the next look tries again.
  entities.catch(() => metadataCache.delete(key));
  return entities;
}

function planFor(services: Services, ws: string, choices: SolutionChoices) {
  return planSolution({
    choices,
    templates: services.design.listTemplates(ws),
    document: (id) => services.design.getTemplate(id, ws),
    connections: services.design.listConnections(ws),
    registry: services.registry,
  });
}

export const solutionRouter = router({
  /** The seed's object pairs with the templates serving each way per QuickBooks system, and the companies. */
  options: procedureFor('view').query(({ ctx }) => {
    const ws = ctx.actor.workspaceId;
    const templates = ctx.services.design.listTemplates(ws);
    const connections = ctx.services.design.listConnections(ws);
    return {
      pairs: OBJECT_PAIRS.map((p) => ({
        id: p.id,
        label: p.label,
        nameRules: p.nameRules,
        rank: p.rank,
        templates: standardFirst(templates).flatMap((t) => {
          const d = readDirection(t.direction);
          return (d?.ways ?? [])
            .filter((way) => serves(p, t, way))
            .map((way) => ({ id: t.id, title: t.title ?? t.name, system: d!.system, way, pair: t.pair ?? null }));
        }),
      })),
      companies: connections
        .filter((c) => KIND_SYSTEM[c.kind])
        .map((c) => ({ id: c.id, name: c.name, kind: c.kind, system: KIND_SYSTEM[c.kind] })),
      creatio: connections.filter((c) => c.kind === 'creatio').map((c) => ({ id: c.id, name: c.name })),
    };
  }),
  /** What the choices will create, in order, with the settings applied and any problem of each flow. */
  plan: procedureFor('view')
    .input(SolutionChoices)
    .query(({ ctx, input }) => {
      const plan = planFor(ctx.services, ctx.actor.workspaceId, input);
      return {
        notes: plan.notes,
        flows: plan.flows.map(({ document, company, ...f }) => ({
          ...f,
          company: company.name,
          problems: ctx.services.validate(document).map((p) => p.message),
        })),
      };
    }),
  /** Creates the plan's flows as drafts, in order; nothing is published or started. */
  create: procedureFor('flows.edit')
    .input(SolutionChoices)
    .mutation(async ({ ctx, input }) => {
      const ws = ctx.actor.workspaceId;
      const plan = planFor(ctx.services, ws, input);
      if (plan.flows.length === 0)
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `These choices make no flow. ${plan.notes.join(' ')} Choose a direction for at least one pair.`,
        });
      const created: { id: string; name: string; order: number }[] = [];
      for (const f of plan.flows)
        created.push({
          id: await ctx.services.design.createFlow(ws, f.document, f.templateId),
          name: f.name,
          order: f.order,
        });
      return { created, notes: plan.notes };
    }),
  /** Each template's needs checked against the workspace (the gallery cards); `refresh` rereads Creatio now. */
  preflight: procedureFor('view')
    .input(z.object({ ids: z.array(z.string().max(100)).max(500).optional(), refresh: z.boolean().default(false) }))
    .query(async ({ ctx, input }) => {
      const ws = ctx.actor.workspaceId;
      const templates = ctx.services.design.listTemplates(ws).filter((t) => !input.ids || input.ids.includes(t.id));
      const flows = await ctx.services.design.listFlows(ws);
      const check = {
        connections: ctx.services.design.listConnections(ws),
        flowTemplates: new Set(flows.flatMap((f) => (f.templateId ? [f.templateId] : []))),
        templates: ctx.services.design.listTemplates(ws),
        registry: ctx.services.registry,
        creatioMetadata: (id: string) => cachedMetadata(ctx.services, ws, id, input.refresh),
      };
      const out = [];
      for (const t of templates) {
        const doc = ctx.services.design.getTemplate(t.id, ws);
        if (doc) out.push(await preflightTemplate(t, doc, check));
      }
      return out;
    }),
});
