// Words for connection kinds and their details, and saving a text file from the browser.
export const KIND_LABELS: Record<string, string> = {
  creatio: 'Creatio',
  'quickbooks-online': 'QuickBooks Online',
  'quickbooks-desktop': 'QuickBooks Desktop (Web Connector)',
};

/** The one line of non-secret details shown for a connection. */
export function connectionDetails(c: { kind: string; details: Record<string, string> }): string {
  if (c.kind === 'quickbooks-desktop') return `Web Connector user: ${c.details.userName ?? '—'}`;
  if (c.kind === 'quickbooks-online') return `Company (realm) ${c.details.realmId ?? '—'} · ${c.details.baseUrl ?? ''}`;
  return c.details.baseUrl ?? '';
}

export interface ConnectionState {
  /** A few words: "Connected", "Password needed"… */
  label: string;
  ok: boolean;
  /** What to do next, in plain words; empty when nothing is needed. */
  next: string;
}

/** Where a connection stands, from what the list tells (no secrets: only whether a Web Connector password is set). */
export function connectionState(c: { kind: string; details: Record<string, string>; warning: string | null; passwordSet?: boolean }, isAdmin: boolean): ConnectionState {
  const admin = (text: string) => (isAdmin ? text : `Ask an admin of this workspace to do it: ${text.charAt(0).toLowerCase()}${text.slice(1)}`);
  if (c.kind === 'quickbooks-desktop') {
    return c.passwordSet
      ? { label: 'Ready for the Web Connector', ok: true, next: isAdmin ? 'Download the .qwc file, open it in the Web Connector on the QuickBooks computer and type the password set here.' : '' }
      : { label: 'Password needed', ok: false, next: admin('Set the Web Connector password, then download the .qwc file.') };
  }
  if (c.kind === 'quickbooks-online') {
    if (!c.details.realmId) return { label: 'Not connected', ok: false, next: admin('Click Reconnect and sign in to QuickBooks.') };
    return c.warning ? { label: 'Reconnect soon', ok: false, next: c.warning } : { label: 'Connected', ok: true, next: '' };
  }
  return { label: 'Saved', ok: true, next: 'Weft signs in each time a flow uses it; a refused sign-in shows on that flow\'s run.' };
}

export function saveText(fileName: string, content: string, type: string): void {
  const href = URL.createObjectURL(new Blob([content], { type }));
  const a = Object.assign(document.createElement('a'), { href, download: fileName });
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
