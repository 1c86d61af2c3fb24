// The simulated QuickBooks company file, in SQLite: customers, invoices, public
// custom fields (DataExt) and the company clock. All SQL lives here; the qbXML
// handlers work on plain objects. Ids look like QuickBooks' (reference C3):
// ListID `80000001-1551813140`, TxnID `1A2B-1551813140`, EditSequence numeric.
import Database from 'better-sqlite3';

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

export interface InvoiceLine { item: string; desc: string; quantity: number; rate: number }
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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS customer (list_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,
  is_active INTEGER NOT NULL, edit_sequence TEXT NOT NULL, time_created INTEGER NOT NULL, time_modified INTEGER NOT NULL, fields TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS customer_modified ON customer (time_modified);
CREATE TABLE IF NOT EXISTS invoice (txn_id TEXT PRIMARY KEY, txn_number INTEGER NOT NULL, customer_list_id TEXT NOT NULL, ref_number TEXT NOT NULL,
  txn_date TEXT NOT NULL, due_date TEXT NOT NULL, memo TEXT NOT NULL, is_paid INTEGER NOT NULL, lines TEXT NOT NULL, edit_sequence TEXT NOT NULL,
  time_created INTEGER NOT NULL, time_modified INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS invoice_modified ON invoice (time_modified);
CREATE TABLE IF NOT EXISTS data_ext_def (owner_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, objects TEXT NOT NULL, PRIMARY KEY (owner_id, name));
CREATE TABLE IF NOT EXISTS data_ext (owner_id TEXT NOT NULL, name TEXT NOT NULL, obj_id TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (owner_id, name, obj_id));
`;

/** QuickBooks names are unique regardless of case (3100 for "acme" vs "Acme"). */
export const nameKey = (n: string) => n.trim().toLowerCase();

type Raw = Record<string, unknown>;
/** QuickBooks keeps times to the second. */
export const sec = (ms: number) => Math.floor(ms / 1000) * 1000;

export class CompanyFile {
  readonly db: Database.Database;
  /** Company clock in ms; tests may move it. Seconds are what QuickBooks keeps. */
  now: () => number = () => Date.now();

  constructor(readonly path = ':memory:') {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  get isEmpty(): boolean { return !this.db.prepare('SELECT 1 FROM meta WHERE k = ?').get('seeded'); }
  markSeeded(): void { this.db.prepare('INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)').run('seeded', '1'); }
  transaction<T>(fn: () => T): T { return this.db.transaction(fn)(); }
  close(): void { this.db.close(); }
  wipe(): void { this.db.exec('DELETE FROM meta; DELETE FROM customer; DELETE FROM invoice; DELETE FROM data_ext; DELETE FROM data_ext_def;'); }

  private next(k: string): number {
    const v = Number((this.db.prepare('SELECT v FROM meta WHERE k = ?').get(k) as { v: string } | undefined)?.v ?? 0) + 1;
    this.db.prepare('INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)').run(k, String(v));
    return v;
  }

  /** Strictly increasing per record, numeric text, like QuickBooks' EditSequence. */
  nextEditSequence(prev?: string): string {
    const s = Math.floor(this.now() / 1000);
    return String(prev ? Math.max(Number(prev) + 1, s) : s);
  }

  addCustomer(c: { name: string; isActive?: boolean; fields: Record<string, unknown>; at?: number }): CustomerRow {
    const at = sec(c.at ?? this.now());
    const seq = this.next('list');
    const listId = `${(0x80000000 + seq).toString(16).toUpperCase()}-${Math.floor(at / 1000)}`;
    const row: CustomerRow = { listId, name: c.name, isActive: c.isActive ?? true, editSequence: String(Math.floor(at / 1000)), timeCreated: at, timeModified: at, fields: c.fields };
    this.db.prepare('INSERT INTO customer (list_id, seq, name, name_key, is_active, edit_sequence, time_created, time_modified, fields) VALUES (?,?,?,?,?,?,?,?,?)')
      .run(listId, seq, row.name, nameKey(row.name), row.isActive ? 1 : 0, row.editSequence, at, at, JSON.stringify(row.fields));
    return row;
  }

  saveCustomer(c: CustomerRow): void {
    this.db.prepare('UPDATE customer SET name = ?, name_key = ?, is_active = ?, edit_sequence = ?, time_modified = ?, fields = ? WHERE list_id = ?')
      .run(c.name, nameKey(c.name), c.isActive ? 1 : 0, c.editSequence, c.timeModified, JSON.stringify(c.fields), c.listId);
  }

  customer(listId: string): CustomerRow | undefined { return this.customerOf(this.db.prepare('SELECT * FROM customer WHERE list_id = ?').get(listId) as Raw | undefined); }
  customerByName(name: string): CustomerRow | undefined { return this.customerOf(this.db.prepare('SELECT * FROM customer WHERE name_key = ?').get(nameKey(name)) as Raw | undefined); }

  /** Customers ordered by name, as QuickBooks lists them. */
  customers(f: { active?: 'ActiveOnly' | 'InactiveOnly' | 'All'; from?: number; to?: number } = {}): CustomerRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.active === 'ActiveOnly' || f.active === undefined) where.push('is_active = 1');
    if (f.active === 'InactiveOnly') where.push('is_active = 0');
    if (f.from !== undefined) { where.push('time_modified >= ?'); args.push(f.from); }
    if (f.to !== undefined) { where.push('time_modified <= ?'); args.push(f.to); }
    const sql = `SELECT * FROM customer ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name_key`;
    return (this.db.prepare(sql).all(...args) as Raw[]).map((r) => this.customerOf(r)!);
  }

  customerCount(): number { return (this.db.prepare('SELECT count(*) AS n FROM customer').get() as { n: number }).n; }

  private customerOf(r: Raw | undefined): CustomerRow | undefined {
    if (!r) return undefined;
    return { listId: String(r.list_id), name: String(r.name), isActive: r.is_active === 1, editSequence: String(r.edit_sequence), timeCreated: Number(r.time_created), timeModified: Number(r.time_modified), fields: JSON.parse(String(r.fields)) };
  }

  addInvoice(i: Omit<InvoiceRow, 'txnId' | 'txnNumber' | 'editSequence' | 'timeCreated' | 'timeModified'> & { at?: number }): InvoiceRow {
    const at = sec(i.at ?? this.now());
    const n = this.next('txn');
    const row: InvoiceRow = { ...i, txnId: `${(0x1000 + n).toString(16).toUpperCase()}-${Math.floor(at / 1000)}`, txnNumber: n, editSequence: String(Math.floor(at / 1000)), timeCreated: at, timeModified: at };
    this.db.prepare('INSERT INTO invoice (txn_id, txn_number, customer_list_id, ref_number, txn_date, due_date, memo, is_paid, lines, edit_sequence, time_created, time_modified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)')
      .run(row.txnId, n, row.customerListId, row.refNumber, row.txnDate, row.dueDate, row.memo, row.isPaid ? 1 : 0, JSON.stringify(row.lines), row.editSequence, at, at);
    return row;
  }

  touchInvoice(txnId: string, patch: Partial<Pick<InvoiceRow, 'memo' | 'isPaid'>>): void {
    const cur = this.invoices({}).find((x) => x.txnId === txnId);
    if (!cur) return;
    const next = { ...cur, ...patch };
    this.db.prepare('UPDATE invoice SET memo = ?, is_paid = ?, edit_sequence = ?, time_modified = ? WHERE txn_id = ?').run(next.memo, next.isPaid ? 1 : 0, this.nextEditSequence(cur.editSequence), sec(this.now()), txnId);
  }

  /** Invoices in entry order. */
  invoices(f: { from?: number; to?: number; txnIds?: string[]; refNumbers?: string[]; customerListId?: string }): InvoiceRow[] {
    return (this.db.prepare('SELECT * FROM invoice ORDER BY txn_number').all() as Raw[]).map((r) => ({
      txnId: String(r.txn_id), txnNumber: Number(r.txn_number), customerListId: String(r.customer_list_id), refNumber: String(r.ref_number), txnDate: String(r.txn_date), dueDate: String(r.due_date),
      memo: String(r.memo), isPaid: r.is_paid === 1, lines: JSON.parse(String(r.lines)), editSequence: String(r.edit_sequence), timeCreated: Number(r.time_created), timeModified: Number(r.time_modified),
    })).filter((i) => (f.from === undefined || i.timeModified >= f.from) && (f.to === undefined || i.timeModified <= f.to)
      && (!f.txnIds || f.txnIds.includes(i.txnId)) && (!f.refNumbers || f.refNumbers.includes(i.refNumber)) && (!f.customerListId || i.customerListId === f.customerListId));
  }

  dataExtDef(ownerId: string, name: string): { type: string; objects: string[] } | undefined {
    const r = this.db.prepare('SELECT type, objects FROM data_ext_def WHERE owner_id = ? AND name = ?').get(ownerId, name) as { type: string; objects: string } | undefined;
    return r ? { type: r.type, objects: JSON.parse(r.objects) } : undefined;
  }
  addDataExtDef(ownerId: string, name: string, type: string, objects: string[]): void {
    this.db.prepare('INSERT INTO data_ext_def (owner_id, name, type, objects) VALUES (?,?,?,?)').run(ownerId, name, type, JSON.stringify(objects));
  }
  dataExt(ownerId: string, name: string, objId: string): string | undefined {
    return (this.db.prepare('SELECT value FROM data_ext WHERE owner_id = ? AND name = ? AND obj_id = ?').get(ownerId, name, objId) as { value: string } | undefined)?.value;
  }
  dataExts(objId: string): { ownerId: string; name: string; value: string }[] {
    return (this.db.prepare('SELECT owner_id AS ownerId, name, value FROM data_ext WHERE obj_id = ? ORDER BY name').all(objId) as { ownerId: string; name: string; value: string }[]);
  }
  setDataExt(ownerId: string, name: string, objId: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO data_ext (owner_id, name, obj_id, value) VALUES (?,?,?,?)').run(ownerId, name, objId, value);
  }
}
