// The two ways `weft run` reaches a Weft: HTTP to a running one, or a tRPC
// caller on one it started itself. Both go through the same router.
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { DEFAULT_WORKSPACE } from './app';
import { MACHINE_USER } from './auth/accounts';
import type { ConnectionApi, FlowFileApi, RunApi } from './cli-api';

/** What `weft connections` and `weft run --connection` need of a Weft. */
export type { ConnectionApi } from './cli-api';

function clientFor(url: string, token: string, workspace?: string) {
  const headers = { authorization: `Bearer ${token}`, ...(workspace ? { [WORKSPACE_HEADER]: workspace } : {}) };
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc`, headers })] });
}

export function httpConnectionApi(url: string, token: string, workspace?: string): ConnectionApi {
  const client = clientFor(url, token, workspace);
  return {
    list: () => client.connections.list.query(),
    create: (input) => client.connections.create.mutate(input),
    test: (id) => client.connections.test.mutate({ id }),
  };
}

export function callerConnectionApi(services: Services, workspace = DEFAULT_WORKSPACE): ConnectionApi {
  const caller = machineCaller(services, workspace);
  return {
    list: () => caller.connections.list(),
    create: (input) => caller.connections.create(input),
    test: (id) => caller.connections.test({ id }),
  };
}

export function httpFlowFileApi(url: string, token: string, workspace?: string): FlowFileApi {
  const client = clientFor(url, token, workspace);
  return {
    exportFile: (id, version) => client.flows.versions.exportFile.query({ id, version }),
    importFile: (text) => client.flows.versions.importFile.mutate({ text }),
  };
}

export function callerFlowFileApi(services: Services, workspace = DEFAULT_WORKSPACE): FlowFileApi {
  const caller = machineCaller(services, workspace);
  return {
    exportFile: (id, version) => caller.flows.versions.exportFile({ id, version }),
    importFile: (text) => caller.flows.versions.importFile({ text }),
  };
}

/** The command line acts as the data folder's machine account: admin of the workspace it names (made there on first use). */
function machineCaller(services: Services, workspace: string) {
  services.accounts.store.setRole(MACHINE_USER, workspace, 'admin');
  return createCallerFactory(appRouter)({ services, actor: { userId: MACHINE_USER, workspaceId: workspace } });
}
import { appRouter, type AppRouter } from './router';
import type { Services } from './services';
import { createCallerFactory } from './trpc';
import { WORKSPACE_HEADER } from './http/request-context';

/** Through a running Weft, with the data folder's machine token (machine.token, readable by its owner only). */
export function httpRunApi(url: string, token: string, workspace?: string): RunApi {
  const client = clientFor(url, token, workspace);
  return {
    flowExists: async (id) => (await client.flows.list.query()).some((f) => f.id === id),
    template: async (id) =>
      (await client.templates.list.query()).some((t) => t.id === id) ? client.templates.get.query({ id }) : null,
    flowDraft: async (id) => (await client.flows.get.query({ id })).draft,
    importDocument: (id, document) => client.flows.importDocument.mutate({ id, document: document as never }),
    startRun: async (flowId, opts) => (await client.runs.start.mutate({ flowId, ...opts })).runId,
    startUtility: async (flowId, u) => (await client.operations.startUtility.mutate({ flowId, ...u })).runId,
    getRun: (runId) => client.runs.get.query({ runId }),
  };
}

export function callerRunApi(services: Services, workspace = DEFAULT_WORKSPACE): RunApi {
  const caller = machineCaller(services, workspace);
  return {
    flowExists: async (id) => (await services.design.getFlow(workspace, id)) !== null,
    template: async (id) => services.design.getTemplate(id),
    flowDraft: async (id) => (await services.design.getFlow(workspace, id))?.draft ?? null,
    importDocument: (id, document) => caller.flows.importDocument({ id, document: document as never }),
    startRun: async (flowId, opts) => (await caller.runs.start({ flowId, ...opts })).runId,
    startUtility: async (flowId, u) => (await caller.operations.startUtility({ flowId, ...u })).runId,
    getRun: (runId) => caller.runs.get({ runId }),
  };
}
