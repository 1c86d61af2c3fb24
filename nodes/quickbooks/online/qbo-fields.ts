// The fields of QuickBooks Online entities a mapping writes, for the mapping editor's
// target list: nested objects by dotted path (PrimaryPhone.FreeFormNumber, BillAddr.Line1),
// references by `.value`, lines as a list with the fields of one line. The fields, lengths
// and required ones are Intuit's API reference (developer.intuit.com › API reference ›
// Accounting › <entity>, "Attributes") as wire/qbo-entity-fields.ts keeps them for the
// sandbox too; fields QuickBooks computes are left out. The fields of one line are here.
import type { FieldInfo, FieldType } from '../../core/field-catalogue';
import { QBO_ENTITY_FIELDS, TXN, type QboFields } from '../../../wire/qbo-entity-fields';
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

/**
 * The fields a request may write, from Intuit's facts shared with the sandbox (wire/qbo-entity-fields.ts):
 * aggregates by their members (PrimaryPhone.FreeFormNumber), references by `.value`; computed (read-only)
 * fields and structures a mapping does not fill field by field (CustomField, item groups) left out; lines apart.
 */
function writable(facts: QboFields, line?: FieldInfo): FieldInfo[] {
  const out: FieldInfo[] = [];
  for (const [name, spec] of Object.entries(facts)) {
    if (spec.ro) continue;
    const required = spec.required ? { required: true } : {};
    if (spec.kind === 'list') {
      if (name === 'Line' && line) out.push(line);
      continue;
    }
    if (spec.sub && Object.keys(spec.sub).length === 0) out.push(f(`${name}.value`, 'reference', required));
    else if (spec.sub) for (const [member, max] of Object.entries(spec.sub)) out.push(text(`${name}.${member}`, max));
    else out.push(f(name, spec.kind ?? 'text', { ...(spec.max ? { maxLength: spec.max } : {}), ...required }));
  }
  return out;
}

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

const FIELDS: Partial<Record<QboEntityName, FieldInfo[]>> = {
  Customer: writable(QBO_ENTITY_FIELDS.Customer),
  Vendor: writable(QBO_ENTITY_FIELDS.Vendor),
  Employee: writable(QBO_ENTITY_FIELDS.Employee),
  Item: writable(QBO_ENTITY_FIELDS.Item),
  Invoice: writable(QBO_ENTITY_FIELDS.Invoice, SALES_LINE),
  SalesReceipt: writable(QBO_ENTITY_FIELDS.SalesReceipt, SALES_LINE),
  Estimate: writable(QBO_ENTITY_FIELDS.Estimate, SALES_LINE),
  CreditMemo: writable(QBO_ENTITY_FIELDS.CreditMemo, SALES_LINE),
  Payment: writable(QBO_ENTITY_FIELDS.Payment),
  Bill: writable(QBO_ENTITY_FIELDS.Bill, EXPENSE_LINE),
  PurchaseOrder: writable(QBO_ENTITY_FIELDS.PurchaseOrder, EXPENSE_LINE),
  VendorCredit: writable(QBO_ENTITY_FIELDS.VendorCredit, EXPENSE_LINE),
};

const TXN_COMMON = writable(TXN);

/** The fields a mapping can write on a QuickBooks Online entity; a short note when Weft lists only the common ones. */
export function qboFieldCatalogue(entity: string): { fields: FieldInfo[]; note?: string } {
  const known = FIELDS[entity as QboEntityName];
  if (known) return { fields: known };
  const info = QBO_ENTITY_INFO[entity as QboEntityName];
  if (!info) return { fields: [], note: `QuickBooks Online has no object "${entity}" that Weft writes.` };
  const common = info.kind === 'list' ? [text(info.nameField, 100, true), f('Active', 'boolean')] : TXN_COMMON;
  return {
    fields: common,
    note: `Weft lists the common fields of ${entity}; other fields of Intuit's reference can be typed as a path.`,
  };
}
