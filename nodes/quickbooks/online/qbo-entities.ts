// QuickBooks Online entities the nodes offer, with what the nodes need to know
// about each (reference B4): name list or transaction, the field a binding
// matches on, the fields a query can filter on, how a row is removed, and the
// fields QuickBooks computes (never mapped). Name lists have `Active` and are
// hidden from queries when inactive.
export const QBO_ENTITIES = [
  'Customer',
  'Vendor',
  'Employee',
  'Item',
  'Account',
  'Invoice',
  'Payment',
  'SalesReceipt',
  'Estimate',
  'CreditMemo',
  'Bill',
  'BillPayment',
  'Purchase',
  'Deposit',
  'JournalEntry',
  'VendorCredit',
  'PurchaseOrder',
  'TimeActivity',
] as const;
export type QboEntityName = (typeof QBO_ENTITIES)[number];

export interface QboEntityInfo {
  kind: 'list' | 'transaction';
  /** What a binding matches on by default: the unique name of a list, DocNumber of a transaction. */
  nameField: string;
  /** Fields `where` conditions may use (besides Id and MetaData.*). */
  queryFields: string[];
  /** How a row goes away: lists become inactive; transactions are deleted or voided (Intuit voids these four). */
  remove: 'inactive' | 'delete' | 'delete-or-void';
  /** Computed by QuickBooks: a mapping must not write them. */
  readOnly: string[];
  /** Sales forms take up to 3 string custom fields (DefinitionId from Preferences.SalesFormsPrefs). */
  customFields?: boolean;
  /** Change Data Capture does not cover it (reference B6). */
  noCdc?: boolean;
}

const COMMON_RO = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse'];
/** Multicurrency (reference B11): CurrencyRef and ExchangeRate are mapped like any field; Home* amounts are computed. */
const TXN_RO = [...COMMON_RO, 'TotalAmt', 'HomeTotalAmt', 'LinkedTxn'];
const TXN_QUERY = ['DocNumber', 'TxnDate', 'TotalAmt'];
const list = (nameField: string, queryFields: string[], readOnly: string[] = []): QboEntityInfo => ({
  kind: 'list',
  nameField,
  queryFields: [nameField, 'Active', ...queryFields],
  remove: 'inactive',
  readOnly: [...COMMON_RO, 'FullyQualifiedName', ...readOnly],
});
const txn = (queryFields: string[], o: Partial<QboEntityInfo> = {}): QboEntityInfo => ({
  kind: 'transaction',
  nameField: 'DocNumber',
  queryFields: [...TXN_QUERY, ...queryFields],
  remove: 'delete',
  readOnly: TXN_RO,
  ...o,
});

export const QBO_ENTITY_INFO: Record<QboEntityName, QboEntityInfo> = {
  Customer: list(
    'DisplayName',
    ['GivenName', 'FamilyName', 'CompanyName', 'PrimaryEmailAddr', 'Balance', 'Job', 'ParentRef'],
    ['Balance', 'BalanceWithJobs', 'Level'],
  ),
  Vendor: list('DisplayName', ['GivenName', 'FamilyName', 'CompanyName', 'PrimaryEmailAddr', 'Balance'], ['Balance']),
  Employee: list('DisplayName', ['GivenName', 'FamilyName', 'PrimaryEmailAddr']),
  Item: list('Name', ['Sku', 'Type', 'UnitPrice'], ['Level']),
  Account: list(
    'Name',
    ['AccountType', 'Classification', 'AcctNum'],
    ['Classification', 'CurrentBalance', 'CurrentBalanceWithSubAccounts'],
  ),
  Invoice: txn(['CustomerRef', 'DueDate', 'Balance'], {
    remove: 'delete-or-void',
    readOnly: [...TXN_RO, 'Balance'],
    customFields: true,
  }),
  Payment: {
    ...txn(['CustomerRef', 'PaymentRefNum'], {
      remove: 'delete-or-void',
      readOnly: [...COMMON_RO, 'UnappliedAmt', 'HomeTotalAmt'],
    }),
    nameField: 'PaymentRefNum',
  },
  SalesReceipt: txn(['CustomerRef'], {
    remove: 'delete-or-void',
    readOnly: [...TXN_RO, 'Balance'],
    customFields: true,
  }),
  Estimate: txn(['CustomerRef', 'TxnStatus', 'ExpirationDate'], { customFields: true }),
  CreditMemo: txn(['CustomerRef', 'RemainingCredit'], {
    readOnly: [...TXN_RO, 'Balance', 'RemainingCredit'],
    customFields: true,
  }),
  Bill: txn(['VendorRef', 'DueDate', 'Balance'], { readOnly: [...TXN_RO, 'Balance'] }),
  BillPayment: txn(['VendorRef', 'PayType'], { remove: 'delete-or-void', readOnly: [...COMMON_RO, 'HomeTotalAmt'] }),
  Purchase: txn(['PaymentType', 'AccountRef', 'EntityRef']),
  Deposit: txn(['DepositToAccountRef']),
  JournalEntry: txn([]),
  VendorCredit: txn(['VendorRef', 'Balance'], { readOnly: [...TXN_RO, 'Balance'] }),
  PurchaseOrder: txn(['VendorRef', 'POStatus']),
  TimeActivity: {
    ...txn(['CustomerRef', 'EmployeeRef', 'VendorRef', 'BillableStatus']),
    nameField: 'Id',
    queryFields: ['TxnDate', 'CustomerRef', 'EmployeeRef', 'VendorRef', 'BillableStatus'],
    readOnly: COMMON_RO,
    noCdc: true,
  },
};

export const isNameList = (entity: string) => QBO_ENTITY_INFO[entity as QboEntityName]?.kind === 'list';
export const isTransaction = (entity: string) => QBO_ENTITY_INFO[entity as QboEntityName]?.kind === 'transaction';

/** Also find inactive rows: a plain `select *` skips them, and binding must not create a twin of one. */
export const includeInactive = (entity: string) => (isNameList(entity) ? ' AND Active IN (true, false)' : '');

/** The human name of a QuickBooks body, for messages. */
export function displayName(data: Record<string, unknown>): string | undefined {
  const v = data.DisplayName ?? data.Name ?? data.DocNumber ?? data.PaymentRefNum;
  return v === undefined || v === null || v === '' ? undefined : String(v);
}
