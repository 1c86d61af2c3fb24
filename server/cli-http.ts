// The two ways `weft run` reaches a Weft: HTTP to a running one, or a tRPC
// caller on one it started itself. Both go through the same router.
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { DEFAULT_WORKSPACE } from './app';
import { MACHINE_USER } from './auth/accounts';
import type { RunApi } from './cli-run';
import { appRouter, type AppRouter } from './router';
import type { Services } from './services';
import { createCallerFactory } from './trpc';

/** Through a running Weft, with the data folder's machine token (machine.token, readable by its owner only). */
export function httpRunApi(url: string, token: string): RunApi {
  const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })] });
  return {
    flowExists: async (id) => (await client.flows.list.query()).some((f) => f.id === id),
    template: async (id) => (await client.templates.list.query()).some((t) => t.id === id) ? client.templates.get.query({ id }) : null,
    importDocument: (id, document) => client.flows.importDocument.mutate({ id, document: document as never }),
    startRun: async (flowId) => (await client.runs.start.mutate({ flowId })).runId,
    getRun: (runId) => client.runs.get.query({ runId }),
  };
}

export function callerRunApi(services: Services): RunApi {
  const caller = createCallerFactory(appRouter)({ services, actor: { userId: MACHINE_USER, workspaceId: DEFAULT_WORKSPACE } });
  return {
    flowExists: async (id) => (await services.design.getFlow(DEFAULT_WORKSPACE, id)) !== null,
    template: async (id) => services.design.getTemplate(id),
    importDocument: (id, document) => caller.flows.importDocument({ id, document: document as never }),
    startRun: async (flowId) => (await caller.runs.start({ flowId })).runId,
    getRun: (runId) => caller.runs.get({ runId }),
  };
}
