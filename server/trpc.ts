// tRPC setup shared by every router. The context carries the services; the
// routers stay thin: parse input with zod, call a service, shape the answer.
import { initTRPC } from '@trpc/server';
import type { Services } from './services';

export interface Context {
  services: Services;
  /** Who is calling; the workspace they act in. (Roles arrive with issue 7.) */
  actor: { userId: string; workspaceId: string };
}

const t = initTRPC.context<Context>().create();

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
