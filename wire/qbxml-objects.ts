// The QuickBooks Desktop objects as qbXML defines them (issue 5), as data: the
// kind of object (list: ListID, names unique; transaction: TxnID, RefNumber), the
// element order of its Add and Mod bodies (schema order), its line aggregates,
// field limits and the country editions that have a field.
// Orders and limits: qbXML 13.0 OSR / consolibyte qbxmlops70.xml and
// QuickBooks/QBXML/Schema/Object/*Rq.php (reference C3, C5, D). Transaction Adds
// carry ExternalGUID (qbXML 8.0+), just before their lines: Weft sets it to find
// a transaction saved twice after a lost session (nodes/quickbooks/desktop/qbd-sink.node.ts).
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

const o = (s: string): readonly string[] => s.trim().split(/\s+/);

const CONTACT = 'CompanyName Salutation FirstName MiddleName LastName JobTitle';
const PHONES = 'Phone AltPhone Fax Email Cc Contact AltContact';
const ITEM_HEAD = 'Name BarCode IsActive ClassRef ParentRef';
const SALES_HEAD =
  'CustomerRef ClassRef ARAccountRef TemplateRef TxnDate RefNumber BillAddress ShipAddress IsPending PONumber TermsRef DueDate SalesRepRef FOB ShipDate ShipMethodRef ItemSalesTaxRef Memo CustomerMsgRef IsToBePrinted IsToBeEmailed IsTaxIncluded CustomerSalesTaxCodeRef Other';
const SALES_LINE =
  'ItemRef Desc Quantity UnitOfMeasure Rate RatePercent PriceLevelRef ClassRef Amount InventorySiteRef ServiceDate SalesTaxCodeRef IsTaxable OverrideItemAccountRef Other1 Other2';
const SALES_LINE_MOD =
  'TxnLineID ItemRef Desc Quantity UnitOfMeasure OverrideUOMSetRef Rate RatePercent PriceLevelRef ClassRef Amount InventorySiteRef ServiceDate SalesTaxCodeRef IsTaxable OverrideItemAccountRef Other1 Other2';
const EXPENSE_LINE = 'AccountRef Amount Memo CustomerRef ClassRef SalesTaxCodeRef BillableStatus SalesRepRef';
const ITEM_LINE =
  'ItemRef InventorySiteRef Desc Quantity UnitOfMeasure Cost Amount CustomerRef ClassRef SalesTaxCodeRef BillableStatus OverrideItemAccountRef SalesRepRef';
const JOURNAL_LINE = 'TxnLineID AccountRef Amount Memo EntityRef ClassRef ItemSalesTaxRef BillableStatus';
const SALES_OR_PURCHASE = 'Desc Price PricePercent AccountRef';
const SALES_AND_PURCHASE =
  'SalesDesc SalesPrice IncomeAccountRef PurchaseDesc PurchaseCost PurchaseTaxCodeRef ExpenseAccountRef PrefVendorRef';

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
const US_ONLY = ['US'] as const;
const NON_US = ['CA', 'UK', 'AU'] as const;
const SALES_TAX = { ItemSalesTaxRef: US_ONLY, IsTaxIncluded: NON_US };
const PURCHASE_TAX = { IsTaxIncluded: NON_US };
const ITEM_TAX = { IsTaxIncluded: NON_US, PurchaseTaxCodeRef: NON_US };

const ADDRESS = o('Addr1 Addr2 Addr3 Addr4 Addr5 City State PostalCode Country Note');
const ADDRESSES = { BillAddress: ADDRESS, ShipAddress: ADDRESS, VendorAddress: ADDRESS, Address: ADDRESS };

function salesTxn(name: string, head: string, line: string, lineMod: string, total: string): EntityDef {
  return {
    name,
    kind: 'txn',
    match: 'RefNumber',
    add: o(`${head} ExternalGUID ${name}LineAdd`),
    mod: o(`${head} ${name}LineMod`),
    shapes: { ...ADDRESSES, [`${name}LineAdd`]: o(line), [`${name}LineMod`]: o(lineMod) },
    lines: [{ add: `${name}LineAdd`, mod: `${name}LineMod`, ret: `${name}LineRet`, alias: 'Lines' }],
    total,
    lineItems: true,
    country: SALES_TAX,
    dataExt: null,
  };
}

function purchaseTxn(name: string, head: string, total: string, refLimit = 20): EntityDef {
  return {
    name,
    kind: 'txn',
    match: 'RefNumber',
    add: o(`${head} ExternalGUID ExpenseLineAdd ItemLineAdd`),
    mod: o(`${head} ExpenseLineMod ItemLineMod`),
    shapes: {
      ...ADDRESSES,
      ExpenseLineAdd: o(EXPENSE_LINE),
      ItemLineAdd: o(ITEM_LINE),
      ExpenseLineMod: o(`TxnLineID ${EXPENSE_LINE}`),
      ItemLineMod: o(`TxnLineID ${ITEM_LINE}`),
    },
    lines: [
      { add: 'ExpenseLineAdd', mod: 'ExpenseLineMod', ret: 'ExpenseLineRet', alias: 'ExpenseLines' },
      { add: 'ItemLineAdd', mod: 'ItemLineMod', ret: 'ItemLineRet', alias: 'ItemLines' },
    ],
    total,
    lineItems: true,
    country: PURCHASE_TAX,
    limits: { RefNumber: refLimit },
    dataExt: null,
  };
}

function item(name: string, body: string, shapes: Record<string, readonly string[]> = {}, modBody = body): EntityDef {
  return {
    name,
    kind: 'list',
    match: 'Name',
    namespace: 'Item',
    queryAs: 'Item',
    delType: name,
    add: o(`${ITEM_HEAD} ${body}`),
    mod: o(`${ITEM_HEAD} ${modBody}`),
    shapes,
    limits: { Name: 31 },
    country: ITEM_TAX,
    dataExt: 'Item',
  };
}
const SALES_PURCHASE_SHAPES = {
  SalesOrPurchase: o(SALES_OR_PURCHASE),
  SalesAndPurchase: o(SALES_AND_PURCHASE),
  SalesOrPurchaseMod: o(SALES_OR_PURCHASE),
  SalesAndPurchaseMod: o(SALES_AND_PURCHASE),
};

export const OBJECTS: readonly EntityDef[] = [
  {
    name: 'Customer',
    kind: 'list',
    match: 'Name',
    namespace: 'Name',
    shapes: ADDRESSES,
    dataExt: 'Customer',
    add: o(
      `Name IsActive ClassRef ParentRef ${CONTACT} BillAddress ShipAddress ${PHONES} CustomerTypeRef TermsRef SalesRepRef SalesTaxCodeRef ItemSalesTaxRef SalesTaxCountry ResaleNumber AccountNumber CreditLimit JobDesc Notes TaxRegistrationNumber`,
    ),
    mod: null,
    country: { ItemSalesTaxRef: US_ONLY, SalesTaxCountry: NON_US, TaxRegistrationNumber: NON_US },
  },
  {
    name: 'Vendor',
    kind: 'list',
    match: 'Name',
    namespace: 'Name',
    shapes: ADDRESSES,
    dataExt: 'Vendor',
    add: o(
      `Name IsActive ClassRef ${CONTACT} VendorAddress ShipAddress ${PHONES} NameOnCheck AccountNumber Notes VendorTypeRef TermsRef CreditLimit VendorTaxIdent IsVendorEligibleFor1099 SalesTaxCodeRef SalesTaxCountry IsSalesTaxAgency TaxRegistrationNumber`,
    ),
    mod: null,
    country: {
      VendorTaxIdent: US_ONLY,
      IsVendorEligibleFor1099: US_ONLY,
      SalesTaxCountry: NON_US,
      IsSalesTaxAgency: NON_US,
      TaxRegistrationNumber: NON_US,
    },
  },
  {
    name: 'Account',
    kind: 'list',
    match: 'Name',
    namespace: 'Account',
    shapes: {},
    dataExt: null,
    noOwnerId: true,
    add: o(
      'Name IsActive ParentRef AccountType AccountNumber BankNumber Desc OpenBalance OpenBalanceDate SalesTaxCodeRef TaxLineID',
    ),
    mod: o('Name IsActive ParentRef AccountType AccountNumber BankNumber Desc SalesTaxCodeRef TaxLineID'),
    limits: { Name: 31, AccountNumber: 7, BankNumber: 25, Desc: 200, FullName: 159 },
    country: { SalesTaxCodeRef: NON_US },
  },
  item(
    'ItemService',
    'UnitOfMeasureSetRef IsTaxIncluded SalesTaxCodeRef SalesOrPurchase SalesAndPurchase',
    SALES_PURCHASE_SHAPES,
    'UnitOfMeasureSetRef IsTaxIncluded SalesTaxCodeRef SalesOrPurchaseMod SalesAndPurchaseMod',
  ),
  item(
    'ItemNonInventory',
    'ManufacturerPartNumber UnitOfMeasureSetRef IsTaxIncluded SalesTaxCodeRef SalesOrPurchase SalesAndPurchase',
    SALES_PURCHASE_SHAPES,
    'ManufacturerPartNumber UnitOfMeasureSetRef IsTaxIncluded SalesTaxCodeRef SalesOrPurchaseMod SalesAndPurchaseMod',
  ),
  item(
    'ItemOtherCharge',
    'IsTaxIncluded SalesTaxCodeRef SalesOrPurchase SalesAndPurchase',
    SALES_PURCHASE_SHAPES,
    'IsTaxIncluded SalesTaxCodeRef SalesOrPurchaseMod SalesAndPurchaseMod',
  ),
  item(
    'ItemInventory',
    'ManufacturerPartNumber UnitOfMeasureSetRef IsTaxIncluded SalesTaxCodeRef SalesDesc SalesPrice IncomeAccountRef PurchaseDesc PurchaseCost PurchaseTaxCodeRef COGSAccountRef PrefVendorRef AssetAccountRef ReorderPoint Max QuantityOnHand TotalValue InventoryDate',
    {},
    'ManufacturerPartNumber UnitOfMeasureSetRef IsTaxIncluded SalesTaxCodeRef SalesDesc SalesPrice IncomeAccountRef PurchaseDesc PurchaseCost PurchaseTaxCodeRef COGSAccountRef PrefVendorRef AssetAccountRef ReorderPoint Max',
  ),
  {
    ...item(
      'ItemGroup',
      'ItemDesc UnitOfMeasureSetRef IsPrintItemsInGroup SpecialItemType ItemGroupLine',
      { ItemGroupLine: o('ItemRef Quantity UnitOfMeasure') },
      'ItemDesc UnitOfMeasureSetRef IsPrintItemsInGroup ClearItemsInGroup ItemGroupLine',
    ),
    add: o('Name BarCode IsActive ItemDesc UnitOfMeasureSetRef IsPrintItemsInGroup SpecialItemType ItemGroupLine'),
    mod: o('Name BarCode IsActive ItemDesc UnitOfMeasureSetRef IsPrintItemsInGroup ClearItemsInGroup ItemGroupLine'),
    lines: [{ add: 'ItemGroupLine', mod: 'ItemGroupLine', ret: 'ItemGroupLine', alias: 'ItemGroupLine' }],
    country: {},
  },
  /** Any item type, read only: ItemQuery answers with ItemServiceRet, ItemInventoryRet… mixed (reference C3). */
  {
    name: 'Item',
    kind: 'list',
    match: 'Name',
    namespace: 'Item',
    add: null,
    mod: null,
    shapes: {},
    dataExt: null,
    queryAs: 'Item',
    limits: { Name: 31 },
  },
  salesTxn('Invoice', SALES_HEAD, SALES_LINE, SALES_LINE_MOD, 'Subtotal'),
  salesTxn(
    'Estimate',
    'CustomerRef ClassRef TemplateRef TxnDate RefNumber BillAddress ShipAddress IsActive PONumber TermsRef DueDate SalesRepRef FOB ItemSalesTaxRef Memo CustomerMsgRef IsToBeEmailed IsTaxIncluded CustomerSalesTaxCodeRef Other',
    'ItemRef Desc Quantity UnitOfMeasure Rate RatePercent ClassRef Amount InventorySiteRef SalesTaxCodeRef MarkupRate MarkupRatePercent Other1 Other2',
    'TxnLineID ItemRef Desc Quantity UnitOfMeasure OverrideUOMSetRef Rate RatePercent ClassRef Amount InventorySiteRef SalesTaxCodeRef MarkupRate MarkupRatePercent Other1 Other2',
    'TotalAmount',
  ),
  salesTxn(
    'SalesOrder',
    'CustomerRef ClassRef TemplateRef TxnDate RefNumber BillAddress ShipAddress PONumber TermsRef DueDate SalesRepRef FOB ShipDate ShipMethodRef ItemSalesTaxRef IsManuallyClosed Memo CustomerMsgRef IsToBePrinted IsToBeEmailed IsTaxIncluded CustomerSalesTaxCodeRef Other',
    'ItemRef Desc Quantity UnitOfMeasure Rate RatePercent PriceLevelRef ClassRef Amount InventorySiteRef SalesTaxCodeRef IsManuallyClosed Other1 Other2',
    'TxnLineID ItemRef Desc Quantity UnitOfMeasure OverrideUOMSetRef Rate RatePercent PriceLevelRef ClassRef Amount InventorySiteRef SalesTaxCodeRef IsManuallyClosed Other1 Other2',
    'TotalAmount',
  ),
  salesTxn(
    'SalesReceipt',
    'CustomerRef ClassRef TemplateRef TxnDate RefNumber BillAddress ShipAddress IsPending CheckNumber PaymentMethodRef DueDate SalesRepRef ShipDate ShipMethodRef FOB ItemSalesTaxRef Memo CustomerMsgRef IsToBePrinted IsToBeEmailed IsTaxIncluded CustomerSalesTaxCodeRef DepositToAccountRef Other',
    SALES_LINE,
    SALES_LINE_MOD,
    'TotalAmount',
  ),
  salesTxn('CreditMemo', SALES_HEAD, SALES_LINE, SALES_LINE_MOD, 'TotalAmount'),
  {
    name: 'ReceivePayment',
    kind: 'txn',
    match: 'RefNumber',
    lineItems: true,
    total: null,
    dataExt: null,
    add: o(
      'CustomerRef ARAccountRef TxnDate RefNumber TotalAmount PaymentMethodRef Memo DepositToAccountRef ExternalGUID IsAutoApply AppliedToTxnAdd',
    ),
    mod: o(
      'CustomerRef ARAccountRef TxnDate RefNumber TotalAmount PaymentMethodRef Memo DepositToAccountRef AppliedToTxnMod',
    ),
    shapes: {
      AppliedToTxnAdd: o('TxnID PaymentAmount SetCredit DiscountAmount DiscountAccountRef DiscountClassRef'),
      AppliedToTxnMod: o('TxnID PaymentAmount SetCredit DiscountAmount DiscountAccountRef DiscountClassRef'),
    },
    lines: [
      { add: 'AppliedToTxnAdd', mod: 'AppliedToTxnMod', ret: 'AppliedToTxnRet', alias: 'AppliedTo', keyed: 'TxnID' },
    ],
    limits: { RefNumber: 20 },
  },
  purchaseTxn(
    'Bill',
    'VendorRef VendorAddress APAccountRef TxnDate DueDate RefNumber TermsRef Memo IsTaxIncluded SalesTaxCodeRef',
    'AmountDue',
  ),
  purchaseTxn(
    'Check',
    'AccountRef PayeeEntityRef RefNumber TxnDate Memo Address IsToBePrinted IsTaxIncluded SalesTaxCodeRef',
    'Amount',
    11,
  ),
  purchaseTxn(
    'VendorCredit',
    'VendorRef APAccountRef TxnDate RefNumber Memo IsTaxIncluded SalesTaxCodeRef',
    'CreditAmount',
  ),
  {
    ...salesTxn(
      'PurchaseOrder',
      'VendorRef ClassRef InventorySiteRef ShipToEntityRef TemplateRef TxnDate RefNumber VendorAddress ShipAddress TermsRef DueDate ExpectedDate ShipMethodRef FOB Memo VendorMsg IsToBePrinted IsToBeEmailed IsTaxIncluded SalesTaxCodeRef Other1 Other2',
      'ItemRef ManufacturerPartNumber Desc Quantity UnitOfMeasure Rate ClassRef Amount CustomerRef ServiceDate SalesTaxCodeRef OverrideItemAccountRef Other1 Other2',
      'TxnLineID ItemRef ManufacturerPartNumber Desc Quantity UnitOfMeasure OverrideUOMSetRef Rate ClassRef Amount CustomerRef ServiceDate SalesTaxCodeRef OverrideItemAccountRef Other1 Other2',
      'TotalAmount',
    ),
    country: PURCHASE_TAX,
    limits: { VendorMsg: 99 },
  },
  {
    name: 'Deposit',
    kind: 'txn',
    match: null,
    lineItems: true,
    total: 'DepositTotal',
    dataExt: null,
    add: o('TxnDate DepositToAccountRef Memo ExternalGUID DepositLineAdd'),
    mod: o('TxnDate DepositToAccountRef Memo DepositLineMod'),
    shapes: {
      DepositLineAdd: o(
        'PaymentTxnID PaymentTxnLineID OverrideMemo OverrideCheckNumber OverrideClassRef EntityRef AccountRef Memo CheckNumber PaymentMethodRef ClassRef Amount',
      ),
      DepositLineMod: o(
        'TxnLineID PaymentTxnID PaymentTxnLineID OverrideMemo OverrideCheckNumber OverrideClassRef EntityRef AccountRef Memo CheckNumber PaymentMethodRef ClassRef Amount',
      ),
    },
    lines: [{ add: 'DepositLineAdd', mod: 'DepositLineMod', ret: 'DepositLineRet', alias: 'Lines' }],
  },
  {
    // Debits must equal credits: QuickBooks refuses an unbalanced entry (3180 "Transaction not in balance").
    name: 'JournalEntry',
    kind: 'txn',
    match: 'RefNumber',
    lineItems: true,
    total: null,
    dataExt: null,
    add: o('TxnDate RefNumber IsAdjustment ExternalGUID JournalDebitLine JournalCreditLine'),
    mod: o('TxnDate RefNumber IsAdjustment JournalLineMod'),
    shapes: {
      JournalDebitLine: o(JOURNAL_LINE),
      JournalCreditLine: o(JOURNAL_LINE),
      JournalLineMod: o(
        'TxnLineID JournalLineType AccountRef Amount Memo EntityRef ClassRef ItemSalesTaxRef BillableStatus',
      ),
    },
    lines: [
      {
        add: 'JournalDebitLine',
        mod: 'JournalLineMod',
        ret: 'JournalDebitLine',
        alias: 'DebitLines',
        lineType: 'Debit',
      },
      {
        add: 'JournalCreditLine',
        mod: 'JournalLineMod',
        ret: 'JournalCreditLine',
        alias: 'CreditLines',
        lineType: 'Credit',
      },
    ],
    country: { ItemSalesTaxRef: US_ONLY },
  },
  {
    name: 'TimeTracking',
    kind: 'txn',
    match: null,
    lineItems: false,
    total: null,
    dataExt: null,
    add: o(
      'TxnDate EntityRef CustomerRef ItemServiceRef Duration ClassRef PayrollItemWageRef Notes BillableStatus ExternalGUID',
    ),
    mod: o('TxnDate EntityRef CustomerRef ItemServiceRef Duration ClassRef PayrollItemWageRef Notes BillableStatus'),
    shapes: {},
  },
];
