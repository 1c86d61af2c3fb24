// The fields of QuickBooks Online entities a mapping writes, for the mapping editor's
// target list: nested objects by dotted path (PrimaryPhone.FreeFormNumber, BillAddr.Line1),
// references by `.value`, lines as a list with the fields of one line. Lengths and
// required fields from Intuit's API reference (developer.intuit.com › API reference ›
// Accounting › <entity>, "Attributes"); fields QuickBooks computes are left out
// (qbo-entities.ts `readOnly`).
import type { FieldInfo, FieldType } from '../../core/field-catalogue';
import { QBO_ENTITY_INFO, type QboEntityName } from './qbo-entities';

const f = (path: string, type: FieldType = 'text', more: Partial<FieldInfo> = {}): FieldInfo => ({
  path,
  type,
  ...more,
});
const text = (path: string, maxLength?: number, required = false): FieldInfo =>
  f(path, 'text', { ...(maxLength ? { maxLength } : {}), ...(required ? { required } : {}) });
const ref = (name: string, required = false): FieldInfo =>
  f(`${name}.value`, 'reference', required ? { required } : {});

const addr = (name: string): FieldInfo[] => [
  ...[1, 2, 3, 4, 5].map((i) => text(`${name}.Line${i}`, 500)),
  text(`${name}.City`, 255),
  text(`${name}.CountrySubDivisionCode`, 255),
  text(`${name}.PostalCode`, 30),
  text(`${name}.Country`, 255),
];

/** Customer, Vendor, Employee: Intuit requires a DisplayName or one of the name parts; Weft binds by DisplayName. */
const PARTY: FieldInfo[] = [
  text('DisplayName', 500, true),
  text('Title', 16),
  text('GivenName', 100),
  text('MiddleName', 100),
  text('FamilyName', 100),
  text('Suffix', 16),
  text('CompanyName', 100),
  text('PrintOnCheckName', 110),
  text('PrimaryEmailAddr.Address', 100),
  text('PrimaryPhone.FreeFormNumber', 30),
  text('Mobile.FreeFormNumber', 30),
  text('Fax.FreeFormNumber', 30),
  text('AlternatePhone.FreeFormNumber', 30),
  text('WebAddr.URI', 1000),
  ...addr('BillAddr'),
  text('Notes', 2000),
  f('Active', 'boolean'),
  ref('CurrencyRef'),
];

const SALES_LINE: FieldInfo = f('Line', 'list', {
  required: true,
  children: [
    text('DetailType', undefined, true),
    f('Amount', 'number', { required: true }),
    text('Description', 4000),
    ref('SalesItemLineDetail.ItemRef'),
    f('SalesItemLineDetail.Qty', 'number'),
    f('SalesItemLineDetail.UnitPrice', 'number'),
    ref('SalesItemLineDetail.TaxCodeRef'),
    f('SalesItemLineDetail.ServiceDate', 'date'),
  ],
});

const EXPENSE_LINE: FieldInfo = f('Line', 'list', {
  required: true,
  children: [
    text('DetailType', undefined, true),
    f('Amount', 'number', { required: true }),
    text('Description', 4000),
    ref('AccountBasedExpenseLineDetail.AccountRef'),
    ref('ItemBasedExpenseLineDetail.ItemRef'),
    f('ItemBasedExpenseLineDetail.Qty', 'number'),
    f('ItemBasedExpenseLineDetail.UnitPrice', 'number'),
  ],
});

const TXN: FieldInfo[] = [text('DocNumber', 21), f('TxnDate', 'date'), text('PrivateNote', 4000), ref('CurrencyRef')];
const SALES: FieldInfo[] = [
  ref('CustomerRef', true),
  ...TXN,
  f('DueDate', 'date'),
  text('CustomerMemo.value', 1000),
  text('BillEmail.Address', 100),
  ...addr('BillAddr'),
  ...addr('ShipAddr'),
  ref('SalesTermRef'),
  SALES_LINE,
];

const FIELDS: Partial<Record<QboEntityName, FieldInfo[]>> = {
  Customer: [
    ...PARTY,
    ...addr('ShipAddr'),
    ref('ParentRef'),
    f('Job', 'boolean'),
    f('BillWithParent', 'boolean'),
    f('Taxable', 'boolean'),
    text('ResaleNum', 16),
  ],
  Vendor: [...PARTY, text('AcctNum', 100), text('TaxIdentifier', 20), f('Vendor1099', 'boolean')],
  Employee: [...PARTY, text('EmployeeNumber', 100), f('HiredDate', 'date'), ...addr('PrimaryAddr')],
  Item: [
    text('Name', 100, true),
    text('Sku', 100),
    text('Description', 4000),
    text('Type'),
    f('UnitPrice', 'number'),
    ref('IncomeAccountRef'),
    ref('ExpenseAccountRef'),
    f('Active', 'boolean'),
    f('Taxable', 'boolean'),
  ],
  Invoice: SALES,
  SalesReceipt: SALES,
  Estimate: SALES,
  CreditMemo: SALES,
  Payment: [ref('CustomerRef', true), f('TotalAmt', 'number', { required: true }), ...TXN],
  Bill: [ref('VendorRef', true), ...TXN, f('DueDate', 'date'), ref('APAccountRef'), EXPENSE_LINE],
  PurchaseOrder: [ref('VendorRef', true), ...TXN, ref('APAccountRef'), EXPENSE_LINE],
  VendorCredit: [ref('VendorRef', true), ...TXN, EXPENSE_LINE],
};

/** The fields a mapping can write on a QuickBooks Online entity; a short note when Weft lists only the common ones. */
export function qboFieldCatalogue(entity: string): { fields: FieldInfo[]; note?: string } {
  const known = FIELDS[entity as QboEntityName];
  if (known) return { fields: known };
  const info = QBO_ENTITY_INFO[entity as QboEntityName];
  if (!info) return { fields: [], note: `QuickBooks Online has no object "${entity}" that Weft writes.` };
  const common = info.kind === 'list' ? [text(info.nameField, 100, true), f('Active', 'boolean')] : TXN;
  return {
    fields: common,
    note: `Weft lists the common fields of ${entity}; other fields of Intuit's reference can be typed as a path.`,
  };
}
