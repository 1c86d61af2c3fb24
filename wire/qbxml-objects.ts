// The QuickBooks Desktop objects as qbXML defines them (issue 5), as data: what an
// object definition holds — the kind of object (list: ListID, names unique;
// transaction: TxnID, RefNumber), the element order of its Add and Mod bodies
// (schema order), its line aggregates, field limits and the country editions that
// have a field — the limits every object shares and the qbXML version newer
// elements need. The definitions themselves: qbxml-object-table.ts.
//
// Why here, in wire/: these are facts of QuickBooks' schema, not Weft logic. The
// connector (nodes/quickbooks/desktop) builds requests from them and the sandbox
// (sandbox/quickbooks-desktop) checks requests against them; one copy keeps the
// two from drifting apart (they were two identical copies). Behaviour — what
// QuickBooks answers — stays the sandbox's own.
export type Country = 'US' | 'CA' | 'UK' | 'AU';
export const COUNTRIES: readonly Country[] = ['US', 'CA', 'UK', 'AU'];

export interface LineDef {
  /** Element in the Add body (`InvoiceLineAdd`), in the Mod body (`InvoiceLineMod`), in the Ret (`InvoiceLineRet`). */
  add: string;
  mod: string;
  ret: string;
  /** The name a source record uses for these lines (`Lines`, `ExpenseLines`…). */
  alias: string;
  /** JournalEntry: Mod lines are one JournalLineMod list with JournalLineType Debit/Credit. */
  lineType?: 'Debit' | 'Credit';
  /** Lines that point at another transaction (AppliedToTxnMod) rather than carry a TxnLineID. */
  keyed?: string;
}

export interface EntityDef {
  name: string;
  kind: 'list' | 'txn';
  /** The field a binding matches on: Name (lists, unique in QuickBooks), RefNumber (transactions), or none. */
  match: 'Name' | 'RefNumber' | null;
  /** Add body order; null = read only. */
  add: readonly string[] | null;
  /** Mod body order after ListID/TxnID and EditSequence; omitted or null = the Add order. */
  mod?: readonly string[] | null;
  /** Child order of aggregates (addresses, lines, SalesOrPurchase…); refs (`…Ref`) are ListID/FullName. */
  shapes: Record<string, readonly string[]>;
  lines?: readonly LineDef[];
  limits?: Record<string, number>;
  /** Fields that exist only in these editions. */
  country?: Record<string, readonly Country[]>;
  /** Editions that have the object at all (default: all four). */
  editions?: readonly Country[];
  /** ListDataExtType for custom fields (DataExt), null: none. */
  dataExt?: string | null;
  /** Names shared across objects: customers, vendors… share one list of names; items another (3100). */
  namespace?: string;
  /** Queried through another request (item types through ItemQuery). */
  queryAs?: string;
  /** ListDelType / TxnDelType (default: the name). */
  delType?: string;
  /** The amount QuickBooks computes from the lines (never sent). */
  total?: string | null;
  /** The txn query has IncludeLineItems. */
  lineItems?: boolean;
  /** The query has no OwnerID (no custom fields on it). */
  noOwnerId?: boolean;
}

/**
 * The first qbXML version that has an element; an element not listed is in every version Weft
 * speaks (5.0+). QuickBooks' parser refuses a request set holding an element its declared version
 * lacks, with HRESULT 0x80040400 (reference C3), so a request in an older version must leave it out.
 * ExternalGUID: from qbXML 8.0 (absent from consolibyte/quickbooks-php data/qbxmlops70.xml, e.g. InvoiceAddRq).
 */
export const ELEMENT_SINCE: Readonly<Record<string, string>> = { ExternalGUID: '8.0' };

/** Limits shared by every object unless it says otherwise (reference C5). */
export const COMMON_LIMITS: Record<string, number> = {
  Name: 41,
  CompanyName: 41,
  Salutation: 15,
  FirstName: 25,
  MiddleName: 5,
  LastName: 25,
  JobTitle: 41,
  Phone: 21,
  AltPhone: 21,
  Fax: 21,
  Email: 1023,
  Cc: 1023,
  Contact: 41,
  AltContact: 41,
  AccountNumber: 99,
  Notes: 4095,
  Addr1: 41,
  Addr2: 41,
  Addr3: 41,
  Addr4: 41,
  Addr5: 41,
  City: 31,
  State: 21,
  PostalCode: 13,
  Country: 31,
  Note: 41,
  RefNumber: 11,
  PONumber: 25,
  FOB: 13,
  Memo: 4095,
  Other: 29,
  Other1: 29,
  Other2: 29,
  Desc: 4095,
  UnitOfMeasure: 31,
  SalesDesc: 4095,
  PurchaseDesc: 4095,
  ItemDesc: 4095,
  BarCodeValue: 50,
  ManufacturerPartNumber: 31,
  CheckNumber: 25,
  FullName: 209,
  EditSequence: 16,
  NameOnCheck: 41,
  VendorTaxIdent: 15,
  TaxRegistrationNumber: 30,
  ResaleNumber: 15,
  JobDesc: 99,
  TxnID: 36,
  TxnLineID: 36,
  ListID: 36,
};

/**
 * Country rules, kept small (qbXML OSR country notes; reference C has none yet):
 * US editions compute sales tax from a sales-tax item (ItemSalesTaxRef) and 1099
 * vendor fields; CA/UK/AU editions use tax codes with tax-inclusive amounts
 * (IsTaxIncluded), purchase tax codes and tax registration numbers.
 */
export const US_ONLY = ['US'] as const;
export const NON_US = ['CA', 'UK', 'AU'] as const;
export const SALES_TAX = { ItemSalesTaxRef: US_ONLY, IsTaxIncluded: NON_US };
export const PURCHASE_TAX = { IsTaxIncluded: NON_US };
export const ITEM_TAX = { IsTaxIncluded: NON_US, PurchaseTaxCodeRef: NON_US };
