// The company file's tables (SCHEMA, created by company-file.ts) and its rows as the
// qbXML handlers see them: customers, invoices and every other object as plain
// objects, and how a SQLite row becomes one.
export interface CustomerRow {
  listId: string;
  name: string;
  isActive: boolean;
  editSequence: string;
  timeCreated: number;
  timeModified: number;
  /** Every other field in qbXML names (CompanyName, BillAddress{…}, Phone, Notes…). */
  fields: Record<string, unknown>;
}

/** Any object but Customer (vendors, items, accounts, every transaction): its qbXML fields as sent, ids as QuickBooks makes them. */
export interface ObjectRow {
  id: string;
  object: string;
  seq: number;
  /** Lists: the name; transactions: the RefNumber (not unique). */
  name: string | null;
  isActive: boolean;
  editSequence: string;
  timeCreated: number;
  timeModified: number;
  data: Record<string, unknown>;
}

export interface InvoiceLine {
  item: string;
  desc: string;
  quantity: number;
  rate: number;
}
export interface InvoiceRow {
  txnId: string;
  txnNumber: number;
  customerListId: string;
  refNumber: string;
  txnDate: string;
  dueDate: string;
  memo: string;
  isPaid: boolean;
  lines: InvoiceLine[];
  editSequence: string;
  timeCreated: number;
  timeModified: number;
}

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS customer (list_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,
  is_active INTEGER NOT NULL, edit_sequence TEXT NOT NULL, time_created INTEGER NOT NULL, time_modified INTEGER NOT NULL, fields TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS customer_modified ON customer (time_modified);
CREATE TABLE IF NOT EXISTS invoice (txn_id TEXT PRIMARY KEY, txn_number INTEGER NOT NULL, customer_list_id TEXT NOT NULL, ref_number TEXT NOT NULL,
  txn_date TEXT NOT NULL, due_date TEXT NOT NULL, memo TEXT NOT NULL, is_paid INTEGER NOT NULL, lines TEXT NOT NULL, edit_sequence TEXT NOT NULL,
  time_created INTEGER NOT NULL, time_modified INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS invoice_modified ON invoice (time_modified);
CREATE TABLE IF NOT EXISTS record (id TEXT PRIMARY KEY, object TEXT NOT NULL, seq INTEGER NOT NULL, ns TEXT, name_key TEXT, ref_number TEXT,
  is_active INTEGER NOT NULL, edit_sequence TEXT NOT NULL, time_created INTEGER NOT NULL, time_modified INTEGER NOT NULL, data TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS record_name ON record (ns, name_key) WHERE name_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS record_modified ON record (object, time_modified);
CREATE TABLE IF NOT EXISTS data_ext_def (owner_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, objects TEXT NOT NULL, PRIMARY KEY (owner_id, name));
CREATE TABLE IF NOT EXISTS data_ext (owner_id TEXT NOT NULL, name TEXT NOT NULL, obj_id TEXT NOT NULL,
  value TEXT NOT NULL, PRIMARY KEY (owner_id, name, obj_id));
`;

/** QuickBooks names are unique regardless of case (3100 for "acme" vs "Acme"). */
export const nameKey = (n: string) => n.trim().toLowerCase();

export type Raw = Record<string, unknown>;
/** QuickBooks keeps times to the second. */
export const sec = (ms: number) => Math.floor(ms / 1000) * 1000;

export function customerOf(r: Raw | undefined): CustomerRow | undefined {
  if (!r) return undefined;
  return {
    listId: String(r.list_id),
    name: String(r.name),
    isActive: r.is_active === 1,
    editSequence: String(r.edit_sequence),
    timeCreated: Number(r.time_created),
    timeModified: Number(r.time_modified),
    fields: JSON.parse(String(r.fields)),
  };
}

/** An invoice as the generic record InvoiceAdd makes it, read back as InvoiceRow. */
export function invoiceOf(r: ObjectRow): InvoiceRow {
  type Line = { ItemRef?: { FullName?: unknown }; Desc?: unknown; Quantity?: unknown; Rate?: unknown };
  const d = r.data as {
    InvoiceLineAdd?: Line[];
    CustomerRef?: { ListID?: unknown };
    RefNumber?: unknown;
    TxnDate?: unknown;
    DueDate?: unknown;
    Memo?: unknown;
    '#applied'?: unknown;
  };
  const lines = (d.InvoiceLineAdd ?? []).map((l) => ({
    item: String(l.ItemRef?.FullName ?? ''),
    desc: String(l.Desc ?? ''),
    quantity: Number(l.Quantity ?? 1),
    rate: Number(l.Rate ?? 0),
  }));
  const total = lines.reduce((s, l) => s + l.quantity * l.rate, 0);
  return {
    txnId: r.id,
    txnNumber: r.seq,
    customerListId: String(d.CustomerRef?.ListID ?? ''),
    refNumber: String(d.RefNumber ?? ''),
    txnDate: String(d.TxnDate ?? ''),
    dueDate: String(d.DueDate ?? ''),
    memo: String(d.Memo ?? ''),
    isPaid: total > 0 && Number(d['#applied'] ?? 0) >= total,
    lines,
    editSequence: r.editSequence,
    timeCreated: r.timeCreated,
    timeModified: r.timeModified,
  };
}

export function objectOf(r: Raw | undefined): ObjectRow | undefined {
  if (!r) return undefined;
  return {
    id: String(r.id),
    object: String(r.object),
    seq: Number(r.seq),
    name:
      r.name_key !== null
        ? String((JSON.parse(String(r.data)) as Record<string, unknown>).Name ?? r.name_key)
        : r.ref_number === null
          ? null
          : String(r.ref_number),
    isActive: r.is_active === 1,
    editSequence: String(r.edit_sequence),
    timeCreated: Number(r.time_created),
    timeModified: Number(r.time_modified),
    data: JSON.parse(String(r.data)),
  };
}
