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

export function saveText(fileName: string, content: string, type: string): void {
  const href = URL.createObjectURL(new Blob([content], { type }));
  const a = Object.assign(document.createElement('a'), { href, download: fileName });
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
