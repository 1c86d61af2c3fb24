// Words for connections, from their kinds' definitions (nodes/connections.ts: the
// designer never switches on a kind), and saving a text file from the browser.
import { connectionRegistry } from '../../../nodes/connections';

export function kindLabel(kind: string): string {
  return connectionRegistry.get(kind)?.label ?? kind;
}

/** The one line of non-secret details shown for a connection. */
export function connectionDetails(c: { kind: string; details: Record<string, string> }): string {
  return connectionRegistry.get(c.kind)?.summary(c.details) ?? '';
}

export interface ConnectionState {
  /** A few words: "Connected", "Password needed"… */
  label: string;
  ok: boolean;
  /** What to do next, in plain words; empty when nothing is needed. */
  next: string;
}

/** Where a connection stands, from what the list tells (no secrets: only which are set). */
export function connectionState(
  c: { kind: string; details: Record<string, string>; warning: string | null; secretsSet: string[] },
  isAdmin: boolean,
): ConnectionState {
  const admin = (text: string) =>
    isAdmin ? text : `Ask an admin of this workspace to do it: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  const hooks = connectionRegistry.get(c.kind)?.hooks;
  if (hooks?.webConnector) {
    return c.secretsSet.includes(hooks.webConnector.passwordSecret)
      ? {
          label: 'Ready for the Web Connector',
          ok: true,
          next: isAdmin
            ? 'Download the .qwc file, open it in the Web Connector on the QuickBooks computer and type the password set here.'
            : '',
        }
      : {
          label: 'Password needed',
          ok: false,
          next: admin('Set the Web Connector password, then download the .qwc file.'),
        };
  }
  if (c.warning) return { label: 'Reconnect soon', ok: false, next: c.warning };
  if (hooks?.oauthConsent) return { label: 'Connected', ok: true, next: '' };
  return { label: 'Saved', ok: true, next: isAdmin ? 'Click Test to check that Weft can sign in.' : '' };
}

export function saveText(fileName: string, content: string, type: string): void {
  const href = URL.createObjectURL(new Blob([content], { type }));
  const a = Object.assign(document.createElement('a'), { href, download: fileName });
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
