// Every QuickBooks Desktop object as qbXML defines it (issue 5), as data (the shape of
// a definition: qbxml-objects.ts).
// Orders and limits: qbXML 13.0 OSR / consolibyte qbxmlops70.xml and
// QuickBooks/QBXML/Schema/Object/*Rq.php (reference C3, C5, D). Transaction Adds
// carry ExternalGUID (qbXML 8.0+), just before their lines: Weft sets it to find
// a transaction saved twice after a lost session (nodes/quickbooks/desktop/qbd-sink.node.ts).
import { ITEM_TAX, NON_US, PURCHASE_TAX, SALES_TAX, US_ONLY, type EntityDef } from './qbxml-objects';

const o = (s: string): readonly string[] => s.trim().split(/\s+/);

const CONTACT = 'CompanyName Salutation FirstName MiddleName LastName JobTitle';
const PHONES = 'Phone AltPhone Fax Email Cc Contact AltContact';
const ITEM_HEAD = 'Name BarCode IsActive ClassRef ParentRef';
const SALES_HEAD =
  'CustomerRef ClassRef ARAccountRef TemplateRef TxnDate RefNumber BillAddress ShipAddress ' +
  'IsPending PONumber TermsRef DueDate SalesRepRef FOB ShipDate ShipMethodRef ItemSalesTaxRef ' +
  'Memo CustomerMsgRef IsToBePrinted IsToBeEmailed IsTaxIncluded CustomerSalesTaxCodeRef ' +
  'Other';
const SALES_LINE =
  'ItemRef Desc Quantity UnitOfMeasure Rate RatePercent PriceLevelRef ClassRef Amount ' +
  'InventorySiteRef ServiceDate SalesTaxCodeRef IsTaxable OverrideItemAccountRef Other1 ' +
  'Other2';
const SALES_LINE_MOD =
  'TxnLineID ItemRef Desc Quantity UnitOfMeasure OverrideUOMSetRef Rate RatePercent ' +
  'PriceLevelRef ClassRef Amount InventorySiteRef ServiceDate SalesTaxCodeRef IsTaxable ' +
  'OverrideItemAccountRef Other1 Other2';
const EXPENSE_LINE = 'AccountRef Amount Memo CustomerRef ClassRef SalesTaxCodeRef BillableStatus SalesRepRef';
const ITEM_LINE =
  'ItemRef InventorySiteRef Desc Quantity UnitOfMeasure Cost Amount CustomerRef ClassRef SalesTaxCodeRef BillableStatus OverrideItemAccountRef SalesRepRef';
const JOURNAL_LINE = 'TxnLineID AccountRef Amount Memo EntityRef ClassRef ItemSalesTaxRef BillableStatus';
const SALES_OR_PURCHASE = 'Desc Price PricePercent AccountRef';
const SALES_AND_PURCHASE =
  'SalesDesc SalesPrice IncomeAccountRef PurchaseDesc PurchaseCost PurchaseTaxCodeRef ExpenseAccountRef PrefVendorRef';

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
      `Name IsActive ClassRef ParentRef ${CONTACT} BillAddress ShipAddress ${PHONES} ` +
        `CustomerTypeRef TermsRef SalesRepRef SalesTaxCodeRef ItemSalesTaxRef SalesTaxCountry ` +
        `ResaleNumber AccountNumber CreditLimit JobStatus JobStartDate JobProjectedEndDate JobEndDate JobDesc ` +
        `JobTypeRef Notes TaxRegistrationNumber`,
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
      `Name IsActive ClassRef ${CONTACT} VendorAddress ShipAddress ${PHONES} NameOnCheck ` +
        `AccountNumber Notes VendorTypeRef TermsRef CreditLimit VendorTaxIdent ` +
        `IsVendorEligibleFor1099 SalesTaxCodeRef SalesTaxCountry IsSalesTaxAgency ` +
        `TaxRegistrationNumber`,
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
    'ManufacturerPartNumber UnitOfMeasureSetRef IsTaxIncluded SalesTaxCodeRef SalesDesc ' +
      'SalesPrice IncomeAccountRef PurchaseDesc PurchaseCost PurchaseTaxCodeRef COGSAccountRef ' +
      'PrefVendorRef AssetAccountRef ReorderPoint Max QuantityOnHand TotalValue InventoryDate',
    {},
    'ManufacturerPartNumber UnitOfMeasureSetRef IsTaxIncluded SalesTaxCodeRef SalesDesc ' +
      'SalesPrice IncomeAccountRef PurchaseDesc PurchaseCost PurchaseTaxCodeRef COGSAccountRef ' +
      'PrefVendorRef AssetAccountRef ReorderPoint Max',
  ),
  // ItemDiscountAdd (qbXML OSR 13.0): a discount line subtracts DiscountRate (an amount) or DiscountRatePercent
  // (one or the other) from the line above it, posting to AccountRef, which the Add requires.
  item(
    'ItemDiscount',
    'ItemDesc SalesTaxCodeRef DiscountRate DiscountRatePercent AccountRef',
    {},
    'ItemDesc SalesTaxCodeRef DiscountRate DiscountRatePercent AccountRef ApplyAccountRefToExistingTxns',
  ),
  // ItemGroupAdd (OSR): Name, ItemDesc, IsPrintItemsInGroup and the ItemGroupLine components (ItemRef, Quantity);
  // a component that is not an item of the file is refused with 3140 (object-refs.ts).
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
    'CustomerRef ClassRef TemplateRef TxnDate RefNumber BillAddress ShipAddress IsActive ' +
      'PONumber TermsRef DueDate SalesRepRef FOB ItemSalesTaxRef Memo CustomerMsgRef ' +
      'IsToBeEmailed IsTaxIncluded CustomerSalesTaxCodeRef Other',
    'ItemRef Desc Quantity UnitOfMeasure Rate RatePercent ClassRef Amount InventorySiteRef SalesTaxCodeRef MarkupRate MarkupRatePercent Other1 Other2',
    'TxnLineID ItemRef Desc Quantity UnitOfMeasure OverrideUOMSetRef Rate RatePercent ClassRef ' +
      'Amount InventorySiteRef SalesTaxCodeRef MarkupRate MarkupRatePercent Other1 Other2',
    'TotalAmount',
  ),
  salesTxn(
    'SalesOrder',
    'CustomerRef ClassRef TemplateRef TxnDate RefNumber BillAddress ShipAddress PONumber ' +
      'TermsRef DueDate SalesRepRef FOB ShipDate ShipMethodRef ItemSalesTaxRef IsManuallyClosed ' +
      'Memo CustomerMsgRef IsToBePrinted IsToBeEmailed IsTaxIncluded CustomerSalesTaxCodeRef ' +
      'Other',
    'ItemRef Desc Quantity UnitOfMeasure Rate RatePercent PriceLevelRef ClassRef Amount InventorySiteRef SalesTaxCodeRef IsManuallyClosed Other1 Other2',
    'TxnLineID ItemRef Desc Quantity UnitOfMeasure OverrideUOMSetRef Rate RatePercent ' +
      'PriceLevelRef ClassRef Amount InventorySiteRef SalesTaxCodeRef IsManuallyClosed Other1 ' +
      'Other2',
    'TotalAmount',
  ),
  salesTxn(
    'SalesReceipt',
    'CustomerRef ClassRef TemplateRef TxnDate RefNumber BillAddress ShipAddress IsPending ' +
      'CheckNumber PaymentMethodRef DueDate SalesRepRef ShipDate ShipMethodRef FOB ' +
      'ItemSalesTaxRef Memo CustomerMsgRef IsToBePrinted IsToBeEmailed IsTaxIncluded ' +
      'CustomerSalesTaxCodeRef DepositToAccountRef Other',
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
      // A credit (a credit memo's CreditTxnID) set against the invoice; may repeat (OSR, ReceivePaymentAdd).
      SetCredit: o('CreditTxnID AppliedAmount Override'),
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
      'VendorRef ClassRef InventorySiteRef ShipToEntityRef TemplateRef TxnDate RefNumber ' +
        'VendorAddress ShipAddress TermsRef DueDate ExpectedDate ShipMethodRef FOB Memo VendorMsg ' +
        'IsToBePrinted IsToBeEmailed IsTaxIncluded SalesTaxCodeRef Other1 Other2',
      'ItemRef ManufacturerPartNumber Desc Quantity UnitOfMeasure Rate ClassRef Amount ' +
        'CustomerRef ServiceDate SalesTaxCodeRef OverrideItemAccountRef Other1 Other2',
      'TxnLineID ItemRef ManufacturerPartNumber Desc Quantity UnitOfMeasure OverrideUOMSetRef ' +
        'Rate ClassRef Amount CustomerRef ServiceDate SalesTaxCodeRef OverrideItemAccountRef Other1 ' +
        'Other2',
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
        'PaymentTxnID PaymentTxnLineID OverrideMemo OverrideCheckNumber OverrideClassRef EntityRef ' +
          'AccountRef Memo CheckNumber PaymentMethodRef ClassRef Amount',
      ),
      DepositLineMod: o(
        'TxnLineID PaymentTxnID PaymentTxnLineID OverrideMemo OverrideCheckNumber OverrideClassRef ' +
          'EntityRef AccountRef Memo CheckNumber PaymentMethodRef ClassRef Amount',
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
