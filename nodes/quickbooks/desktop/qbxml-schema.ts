// qbXML versions Weft speaks and the FullName limit. Element orders and field
// limits of every object are in the catalogue (wire/qbxml-objects.ts): QuickBooks
// rejects elements out of order with HRESULT 0x80040400 (reference C3).

export const FULL_NAME_LIMIT = 209;

/** The newest qbXML Weft writes; the session uses the highest version both sides know (HostQuery). */
export const WEFT_QBXML_VERSION = '13.0';
/** Oldest accepted: iterators and DataExt need 5.0+ (QuickBooks 2006). */
export const MIN_QBXML_VERSION = '5.0';

/** Whether qbXML `version` is `since` or newer (`13.0` ≥ `8.0`: compared as numbers, not text). */
export function versionAtLeast(version: string, since: string): boolean {
  const [a, b] = version.split('.').map(Number);
  const [c, d] = since.split('.').map(Number);
  return a > c || (a === c && (b || 0) >= (d || 0));
}
