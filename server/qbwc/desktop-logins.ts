// Which Weft connection a Web Connector signs in as (issue 13: in any workspace):
// connection kinds with a `webConnector` hook name the setting holding the user
// name and the secret holding the password (set in Weft, never in the .qwc). The
// user name is unique across workspaces (server/connections/connection-service.ts),
// so it alone finds the company file. Read from the design store on each sign-in,
// so a changed password applies at the next update.
import { connectionRegistry, type ConnectionRegistry } from '../../nodes/connections';
import type { DesignStore } from '../design/design-store';
import type { DesktopLogin } from './qbwc-service';
import type { QwcConnection } from './qwc-file';

export { desktopPassword } from '../../nodes/quickbooks/desktop/qbd-connection';

export function desktopLogins(design: DesignStore, registry: ConnectionRegistry = connectionRegistry) {
  const served = () => registry.withWebConnector();
  const hookOf = (kind: string) => registry.get(kind)?.hooks?.webConnector;
  const all = () => design.connectionsOfKinds(served().map((d) => d.kind));
  return {
    async findLogin(userName: string): Promise<DesktopLogin | null> {
      if (!userName) return null;
      const c = all().find((x) => x.settings[hookOf(x.kind)!.userNameSetting] === userName);
      if (!c) return null;
      const hook = hookOf(c.kind)!;
      const s = design.resolveConnection(c.workspaceId, c.id).settings;
      return {
        connectionId: c.id,
        password: String(s[hook.passwordSecret] ?? ''),
        companyFile: String(s[hook.companyFileSetting] ?? ''),
      };
    },
    /** The company file's .qwc facts; only a connection of `workspaceId` (the downloading admin's). */
    async qwcConnection(id: string, workspaceId?: string): Promise<QwcConnection | null> {
      const c = all().find((x) => x.id === id && (workspaceId === undefined || x.workspaceId === workspaceId));
      if (!c) return null;
      const hook = hookOf(c.kind)!;
      const every = Number(hook.runEveryMinutesSetting ? c.settings[hook.runEveryMinutesSetting] : undefined);
      const fileId = typeof c.settings.fileId === 'string' ? c.settings.fileId : undefined;
      return {
        id: c.id,
        name: c.name,
        userName: String(c.settings[hook.userNameSetting] ?? c.id),
        fileId,
        runEveryMinutes: every || undefined,
      };
    },
  };
}
