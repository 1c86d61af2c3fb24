// connections.*: the workspace's connections (issue 13). Listing is for everyone in
// the workspace (no secrets: only which are set); adding, editing, testing and
// deleting are for its admins. Nothing here knows a kind: the definitions
// (nodes/connections.ts) decide, through server/connections/connection-service.ts.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { connectionRegistry } from '../../nodes/connections';
import { ConnectionMissing, ConnectionRefused, type ConnectionService } from '../connections/connection-service';
import { qwcFile, qwcFileName } from '../qbwc/qwc-file';
import { desktopPassword } from '../qbwc/desktop-logins';
import { generatePassword } from '../auth/passwords';
import { publicUrl } from '../http/deployment';
import type { ConnectionSummary } from '../services';
import { procedureFor, router } from '../trpc';
import { deleteConnection } from './connection-delete.router';
import { startQboConnect } from './qbo-connect.router';

const id = z.string().min(1).max(100);
const values = z.record(z.string().max(100), z.unknown());
const connectionInput = z.object({
  name: z.string().max(200),
  settings: values.default({}),
  secrets: values.default({}),
});

function serviceOf(ctx: { services: { connections?: ConnectionService } }): ConnectionService {
  if (!ctx.services.connections)
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This Weft cannot change connections.' });
  return ctx.services.connections;
}

/** Refusals become answers the screen shows as they are. */
function rethrowPlain(e: unknown): never {
  if (e instanceof ConnectionRefused) throw new TRPCError({ code: 'BAD_REQUEST', message: e.message });
  if (e instanceof ConnectionMissing) throw new TRPCError({ code: 'NOT_FOUND', message: e.message });
  throw e;
}

function plain<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    return rethrowPlain(e);
  }
}

/** A connection of the caller's workspace served by the Web Connector (a `webConnector` hook), or 404. */
function webConnectorConnection(list: ConnectionSummary[], connectionId: string) {
  const c = list.find((x) => x.id === connectionId);
  const hook = c ? connectionRegistry.get(c.kind)?.hooks?.webConnector : undefined;
  if (!c || !hook)
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: `QuickBooks Desktop connection "${connectionId}" was not found in this workspace. It may have been deleted; go back to the list and reload.`,
    });
  return { c, hook };
}

export const connectionsRouter = router({
  list: procedureFor('view').query(({ ctx }) => ctx.services.design.listConnections(ctx.actor.workspaceId)),
  create: procedureFor('workspace.admin')
    .input(connectionInput.extend({ kind: z.string().min(1).max(60) }))
    .mutation(({ ctx, input }) => plain(() => serviceOf(ctx).create(ctx.actor.workspaceId, input, 'weft'))),
  update: procedureFor('workspace.admin')
    .input(connectionInput.extend({ id }))
    .mutation(({ ctx, input }) => plain(() => serviceOf(ctx).update(ctx.actor.workspaceId, input.id, input, 'weft'))),
  /** "Test connection": `{ ok, message }` in plain words within about 10 seconds. */
  test: procedureFor('workspace.admin')
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => serviceOf(ctx).test(ctx.actor.workspaceId, input.id).catch(rethrowPlain)),
  startQboConnect,
  delete: deleteConnection,
  /** The .qwc file that adds a QuickBooks Desktop company file to its Web Connector (issue 5); never holds the password. */
  qwc: procedureFor('workspace.admin')
    .input(z.object({ id, origin: z.string().url().max(300) }))
    .query(({ ctx, input }) => {
      const { c, hook } = webConnectorConnection(ctx.services.design.listConnections(ctx.actor.workspaceId), input.id);
      const every = Number(hook.runEveryMinutesSetting ? c.details[hook.runEveryMinutesSetting] : undefined);
      const qwc = {
        id: c.id,
        name: c.name,
        userName: c.details[hook.userNameSetting] ?? c.id,
        fileId: c.details.fileId,
        runEveryMinutes: every || undefined,
      };
      try {
        return { fileName: qwcFileName(c.id), content: qwcFile(qwc, publicUrl(input.origin)) };
      } catch (e) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: (e as Error).message });
      }
    }),
  /**
   * The password the Web Connector types for this company file (issue 5): stored encrypted, applies at its next
   * update. Without one, Weft makes a strong one and returns it this once (issue 18); a chosen one has 16+ characters.
   */
  setDesktopPassword: procedureFor('workspace.admin')
    .input(z.object({ id, password: desktopPassword.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { c, hook } = webConnectorConnection(ctx.services.design.listConnections(ctx.actor.workspaceId), input.id);
      const info = ctx.services.connection?.(ctx.actor.workspaceId, c.id);
      if (!info)
        throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This Weft cannot change connection passwords.' });
      const password = input.password ?? generatePassword();
      await info.saveSettings({ [hook.passwordSecret]: password });
      ctx.services.accounts.audit(ctx.actor.workspaceId, 'connection.desktop-password', c.id, {
        generated: !input.password,
      });
      return input.password ? { ok: true } : { ok: true, password };
    }),
});
