// The qbXML requests Weft sends, as plain JSON: that is what waits in the
// company file's outbox, and it becomes XML only when a Web Connector session
// carries it, in the qbXML version that session negotiated (reference C1, C3).
export type ActiveStatus = 'ActiveOnly' | 'InactiveOnly' | 'All';
export type Iterator = { iterator: 'Start' } | { iterator: 'Continue'; iteratorID: string };

export interface CustomerQuery {
  type: 'CustomerQuery';
  /** Exclusive filter group: ids or names, or the list filters below (reference C3). */
  listIds?: string[];
  fullNames?: string[];
  maxReturned?: number;
  activeStatus?: ActiveStatus;
  /** Lists filter by FromModifiedDate directly. */
  fromModifiedDate?: string;
  toModifiedDate?: string;
  nameFilter?: { matchCriterion: 'StartsWith' | 'Contains' | 'EndsWith'; name: string };
  includeRetElements?: string[];
  /** `0` returns public custom fields (DataExtRet). */
  ownerId?: string;
  iterator?: Iterator;
}

/** Customer fields in qbXML names; addresses are nested objects, refs `{ ListID } | { FullName }`. */
export type CustomerFields = Record<string, unknown>;

export interface CustomerAdd {
  type: 'CustomerAdd';
  fields: CustomerFields;
}
export interface CustomerMod {
  type: 'CustomerMod';
  listId: string;
  editSequence: string;
  fields: CustomerFields;
}

export interface InvoiceQuery {
  type: 'InvoiceQuery';
  txnIds?: string[];
  refNumbers?: string[];
  maxReturned?: number;
  /** Transactions filter by ModifiedDateRangeFilter, not FromModifiedDate (reference C3). */
  fromModifiedDate?: string;
  toModifiedDate?: string;
  customerFullName?: string;
  includeLineItems?: boolean;
  includeRetElements?: string[];
  ownerId?: string;
  iterator?: Iterator;
}

/** Sets a custom field (DataExt) on a list object; `DataExtMod` when it already has a value (3180 on Add). */
export interface DataExtSet {
  type: 'DataExtAdd' | 'DataExtMod';
  ownerId: string;
  name: string;
  listDataExtType: string;
  listObj: { ListID: string } | { FullName: string };
  value: string;
}

/** Defines a custom field once per company file (3100 when it exists already). */
export interface DataExtDefAdd {
  type: 'DataExtDefAdd';
  ownerId: string;
  name: string;
  dataExtType:
    'STR255TYPE' | 'STR1024TYPE' | 'AMTTYPE' | 'DATETIMETYPE' | 'INTTYPE' | 'PERCENTTYPE' | 'PRICETYPE' | 'QUANTYPE';
  assignToObject: string[];
}

export interface HostQuery {
  type: 'HostQuery';
}

/** `<Object>AddRq` of any catalogue object (wire/qbxml-objects.ts); fields in qbXML names, lines under their Add name or alias. */
export interface ObjectAdd {
  type: 'Add';
  object: string;
  fields: CustomerFields;
}
/** `<Object>ModRq`: ListID or TxnID with the EditSequence last read (3200 when stale). */
export interface ObjectMod {
  type: 'Mod';
  object: string;
  id: string;
  editSequence: string;
  fields: CustomerFields;
}
/** `ListDelRq` / `TxnDelRq`. */
export interface ObjectDel {
  type: 'Del';
  object: string;
  id: string;
}
/** `<Object>QueryRq` (items: `ItemQueryRq`): ids, names (lists: FullName; transactions: RefNumber), or the filters. */
export interface ObjectQuery {
  type: 'Query';
  object: string;
  ids?: string[];
  names?: string[];
  maxReturned?: number;
  /** Lists only. */
  activeStatus?: ActiveStatus;
  /** Lists: FromModifiedDate; transactions: ModifiedDateRangeFilter (reference C3). */
  fromModifiedDate?: string;
  toModifiedDate?: string;
  nameFilter?: { matchCriterion: 'StartsWith' | 'Contains' | 'EndsWith'; name: string };
  /** Transactions: EntityFilter. */
  entity?: { ListID: string } | { FullName: string };
  /** Invoices (and other A/R transactions): PaidStatus, e.g. NotPaidOnly for the open ones. */
  paidStatus?: 'All' | 'PaidOnly' | 'NotPaidOnly';
  includeLineItems?: boolean;
  /** Transactions: IncludeLinkedTxns (each Ret's LinkedTxn). */
  includeLinkedTxns?: boolean;
  includeRetElements?: string[];
  ownerId?: string;
  iterator?: Iterator;
}

export type QbdRequest =
  | HostQuery
  | CustomerQuery
  | CustomerAdd
  | CustomerMod
  | InvoiceQuery
  | DataExtSet
  | DataExtDefAdd
  | ObjectAdd
  | ObjectMod
  | ObjectDel
  | ObjectQuery;
export type QbdRequestType = QbdRequest['type'];

/** Requests Weft can build, for the README and the support page. */
export const SUPPORTED_REQUESTS: QbdRequestType[] = [
  'HostQuery',
  'CustomerQuery',
  'CustomerAdd',
  'CustomerMod',
  'InvoiceQuery',
  'DataExtDefAdd',
  'DataExtAdd',
  'DataExtMod',
  'Add',
  'Mod',
  'Del',
  'Query',
];
