// Words for connection kinds, and saving a text file from the browser.
export const KIND_LABELS: Record<string, string> = {
  creatio: 'Creatio',
  'quickbooks-online': 'QuickBooks Online',
  'quickbooks-desktop': 'QuickBooks Desktop (Web Connector)',
};

export function saveText(fileName: string, content: string, type: string): void {
  const href = URL.createObjectURL(new Blob([content], { type }));
  const a = Object.assign(document.createElement('a'), { href, download: fileName });
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
