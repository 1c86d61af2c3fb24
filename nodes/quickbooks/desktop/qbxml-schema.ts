// qbXML element order and field limits for the requests Weft builds. QuickBooks
// validates against its schema and rejects elements out of order with HRESULT
// 0x80040400 "QuickBooks found an error when parsing the provided XML text
// stream" (reference C3), so every builder walks one of these lists, never the
// order in which a mapping happened to produce fields.
// Orders and lengths: qbXML 13.0 / consolibyte qbxmlops70.xml (reference C3, C5).

/** Address aggregate (BillAddress, ShipAddress). */
export const ADDRESS_ORDER = ['Addr1', 'Addr2', 'Addr3', 'Addr4', 'Addr5', 'City', 'State', 'PostalCode', 'Country', 'Note'] as const;

/** CustomerAdd body, the subset Weft writes (schema order). */
export const CUSTOMER_ADD_ORDER = [
  'Name', 'IsActive', 'ParentRef', 'CompanyName', 'Salutation', 'FirstName', 'MiddleName', 'LastName', 'JobTitle',
  'BillAddress', 'ShipAddress', 'Phone', 'AltPhone', 'Fax', 'Email', 'Cc', 'Contact', 'AltContact',
  'ResaleNumber', 'AccountNumber', 'CreditLimit', 'JobDesc', 'Notes',
] as const;

/** CustomerMod body after ListID and EditSequence: same fields, same order. */
export const CUSTOMER_MOD_ORDER = ['ListID', 'EditSequence', ...CUSTOMER_ADD_ORDER] as const;

/** Aggregates written as `<X><ListID>` or `<X><FullName>`. */
export const REF_FIELDS = new Set(['ParentRef', 'ClassRef', 'CustomerRef', 'ItemRef', 'TermsRef']);
export const ADDRESS_FIELDS = new Set(['BillAddress', 'ShipAddress']);

/** Maximum lengths in characters (reference C5). QuickBooks answers 3070 past them; Weft checks first. */
export const CUSTOMER_LIMITS: Record<string, number> = {
  Name: 41, CompanyName: 41, Salutation: 15, FirstName: 25, MiddleName: 5, LastName: 25, JobTitle: 41,
  Phone: 21, AltPhone: 21, Fax: 21, Email: 1023, Cc: 1023, Contact: 41, AltContact: 41,
  ResaleNumber: 15, AccountNumber: 99, JobDesc: 99, Notes: 4095,
};
export const ADDRESS_LIMITS: Record<string, number> = {
  Addr1: 41, Addr2: 41, Addr3: 41, Addr4: 41, Addr5: 41, City: 31, State: 21, PostalCode: 13, Country: 31, Note: 41,
};
export const FULL_NAME_LIMIT = 209;

/** The newest qbXML Weft writes; the session uses the highest version both sides know (HostQuery). */
export const WEFT_QBXML_VERSION = '13.0';
/** Oldest accepted: iterators and DataExt need 5.0+ (QuickBooks 2006). */
export const MIN_QBXML_VERSION = '5.0';
