// Which Weft connection a Web Connector signs in as: connections of kind
// `quickbooks-desktop` carry `userName` (settings) and `password` (secret, set in
// Weft, never in the .qwc). Read from the design store on each sign-in, so a
// changed password applies at the next update.
import { z } from 'zod';
import type { DesignStore } from '../design/design-store';
import type { DesktopLogin } from './qbwc-service';
import type { QwcConnection } from './qwc-file';

export const DESKTOP_KIND = 'quickbooks-desktop';

/**
 * A Web Connector password chosen by a person: 16 characters at least (issue 18). The Web
 * Connector stores it and types it at every update, so length costs nobody anything; Weft
 * can also make one (24 random characters, `generatePassword`).
 */
export const desktopPassword = z
  .string()
  .min(16, 'Use at least 16 characters for the Web Connector password, or let Weft make one for you.')
  .max(200, 'Use at most 200 characters for the Web Connector password.');

export function desktopLogins(design: DesignStore, workspaceId: string) {
  const list = () => design.listConnections(workspaceId).filter((c) => c.kind === DESKTOP_KIND);
  return {
    async findLogin(userName: string): Promise<DesktopLogin | null> {
      const c = list().find((x) => x.details.userName === userName);
      if (!c) return null;
      const s = design.resolveConnection(workspaceId, c.id).settings;
      return { connectionId: c.id, password: String(s.password ?? ''), companyFile: String(s.companyFile ?? '') };
    },
    async qwcConnection(id: string): Promise<QwcConnection | null> {
      const c = list().find((x) => x.id === id);
      if (!c) return null;
      return { id: c.id, name: c.name, userName: c.details.userName ?? c.id, fileId: c.details.fileId, runEveryMinutes: Number(c.details.runEveryMinutes) || undefined };
    },
  };
}
