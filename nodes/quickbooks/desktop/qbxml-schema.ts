// qbXML versions Weft speaks and the FullName limit. Element orders and field
// limits of every object are in the catalogue (wire/qbxml-objects.ts): QuickBooks
// rejects elements out of order with HRESULT 0x80040400 (reference C3).

export const FULL_NAME_LIMIT = 209;

/** The newest qbXML Weft writes; the session uses the highest version both sides know (HostQuery). */
export const WEFT_QBXML_VERSION = '13.0';
/** Oldest accepted: iterators and DataExt need 5.0+ (QuickBooks 2006). */
export const MIN_QBXML_VERSION = '5.0';
