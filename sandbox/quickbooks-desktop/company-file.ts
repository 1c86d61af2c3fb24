// The simulated QuickBooks company file, in SQLite: customers, invoices, public
// custom fields (DataExt) and the company clock. All SQL lives here (the tables
// and rows: company-file-rows.ts); the qbXML handlers work on plain objects. Ids
// look like QuickBooks' (reference C3):
// ListID `80000001-1551813140`, TxnID `1A2B-1551813140`, EditSequence numeric.
import Database from 'better-sqlite3';
import { DEFAULT_TIME_ZONE } from './company-clock';
import {
  customerOf,
  invoiceOf,
  nameKey,
  objectOf,
  SCHEMA,
  sec,
  type CustomerRow,
  type InvoiceRow,
  type ObjectRow,
  type Raw,
} from './company-file-rows';

export class CompanyFile {
  readonly db: Database.Database;
  /** Company clock in ms; tests may move it. Seconds are what QuickBooks keeps. */
  now: () => number = () => Date.now();
  /** Time zone of the machine QuickBooks runs on (IANA name); its wall clock stamps and filters records (company-clock.ts). */
  timeZone: string = DEFAULT_TIME_ZONE;
  /** Write requests (…Add, …Mod, …Del, …Void) answered since the file was opened (issue 14: a dry run adds none). */
  writeRequests = 0;
  /**
   * Saves per record (ListID/TxnID; a custom field as `<id>|DataExt:<name>`) since the file was
   * opened: how tests count writes at QuickBooks itself (exactly-once effects, issue 19), where
   * EditSequence, a time in seconds, cannot tell two saves within one second apart.
   */
  readonly writes = new Map<string, number>();
  private wrote(id: string): void {
    this.writes.set(id, (this.writes.get(id) ?? 0) + 1);
  }

  constructor(readonly path = ':memory:') {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  get isEmpty(): boolean {
    return !this.db.prepare('SELECT 1 FROM meta WHERE k = ?').get('seeded');
  }
  markSeeded(): void {
    this.db.prepare('INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)').run('seeded', '1');
  }
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
  close(): void {
    this.db.close();
  }
  wipe(): void {
    this.db.exec(
      'DELETE FROM meta; DELETE FROM customer; DELETE FROM invoice; DELETE FROM record; DELETE FROM data_ext; DELETE FROM data_ext_def;',
    );
  }

  private next(k: string): number {
    const v =
      Number((this.db.prepare('SELECT v FROM meta WHERE k = ?').get(k) as { v: string } | undefined)?.v ?? 0) + 1;
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
    const row: CustomerRow = {
      listId,
      name: c.name,
      isActive: c.isActive ?? true,
      editSequence: String(Math.floor(at / 1000)),
      timeCreated: at,
      timeModified: at,
      fields: c.fields,
    };
    this.db
      .prepare(
        'INSERT INTO customer (list_id, seq, name, name_key, is_active, edit_sequence, time_created, time_modified, fields) VALUES (?,?,?,?,?,?,?,?,?)',
      )
      .run(
        listId,
        seq,
        row.name,
        nameKey(row.name),
        row.isActive ? 1 : 0,
        row.editSequence,
        at,
        at,
        JSON.stringify(row.fields),
      );
    this.wrote(listId);
    return row;
  }

  saveCustomer(c: CustomerRow): void {
    this.db
      .prepare(
        'UPDATE customer SET name = ?, name_key = ?, is_active = ?, edit_sequence = ?, time_modified = ?, fields = ? WHERE list_id = ?',
      )
      .run(
        c.name,
        nameKey(c.name),
        c.isActive ? 1 : 0,
        c.editSequence,
        c.timeModified,
        JSON.stringify(c.fields),
        c.listId,
      );
    this.wrote(c.listId);
  }

  customer(listId: string): CustomerRow | undefined {
    return customerOf(this.db.prepare('SELECT * FROM customer WHERE list_id = ?').get(listId) as Raw | undefined);
  }
  customerByName(name: string): CustomerRow | undefined {
    return customerOf(
      this.db.prepare('SELECT * FROM customer WHERE name_key = ?').get(nameKey(name)) as Raw | undefined,
    );
  }

  /** Customers ordered by name, as QuickBooks lists them. */
  customers(f: { active?: 'ActiveOnly' | 'InactiveOnly' | 'All'; from?: number; to?: number } = {}): CustomerRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.active === 'ActiveOnly' || f.active === undefined) where.push('is_active = 1');
    if (f.active === 'InactiveOnly') where.push('is_active = 0');
    if (f.from !== undefined) {
      where.push('time_modified >= ?');
      args.push(f.from);
    }
    if (f.to !== undefined) {
      where.push('time_modified <= ?');
      args.push(f.to);
    }
    const sql = `SELECT * FROM customer ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name_key`;
    return (this.db.prepare(sql).all(...args) as Raw[]).map((r) => customerOf(r)!);
  }

  deleteCustomer(listId: string): void {
    this.db.prepare('DELETE FROM customer WHERE list_id = ?').run(listId);
  }

  customerCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM customer').get() as { n: number }).n;
  }

  /** Seeds and tests: an invoice as the generic record InvoiceAdd makes (paid ones carry what was applied). */
  addInvoice(
    i: Omit<InvoiceRow, 'txnId' | 'txnNumber' | 'editSequence' | 'timeCreated' | 'timeModified'> & { at?: number },
  ): InvoiceRow {
    const lines = i.lines.map((l) => ({
      ItemRef: { FullName: l.item },
      Desc: l.desc,
      Quantity: String(l.quantity),
      Rate: l.rate.toFixed(2),
    }));
    const total = i.lines.reduce((s, l) => s + l.quantity * l.rate, 0);
    const c = this.customer(i.customerListId);
    const row = this.addObject({
      object: 'Invoice',
      kind: 'txn',
      name: i.refNumber,
      at: i.at,
      data: {
        CustomerRef: { ListID: i.customerListId, FullName: c?.name ?? '' },
        TxnDate: i.txnDate,
        RefNumber: i.refNumber,
        DueDate: i.dueDate,
        ...(i.memo ? { Memo: i.memo } : {}),
        InvoiceLineAdd: lines,
        '#applied': i.isPaid ? total : 0,
      },
    });
    // QuickBooks numbers every line of a transaction it saves (TxnLineID, reference C3), seeded ones too.
    const numbered = lines.map((l, k) => ({ ...l, TxnLineID: `${row.seq}-${k + 1}` }));
    this.saveObject({ ...row, data: { ...row.data, InvoiceLineAdd: numbered } }, false);
    return invoiceOf(row);
  }

  touchInvoice(txnId: string, patch: Partial<Pick<InvoiceRow, 'memo' | 'isPaid'>>): void {
    const cur = this.object(txnId);
    if (!cur) return;
    const data = { ...cur.data };
    if (patch.memo !== undefined) data.Memo = patch.memo;
    if (patch.isPaid !== undefined)
      data['#applied'] = patch.isPaid ? invoiceOf(cur).lines.reduce((s, l) => s + l.quantity * l.rate, 0) : 0;
    this.saveObject({
      ...cur,
      data,
      editSequence: this.nextEditSequence(cur.editSequence),
      timeModified: sec(this.now()),
    });
  }

  /** Invoices in entry order. */
  invoices(f: {
    from?: number;
    to?: number;
    txnIds?: string[];
    refNumbers?: string[];
    customerListId?: string;
  }): InvoiceRow[] {
    return this.objects(['Invoice'], { from: f.from, to: f.to })
      .map((r) => invoiceOf(r))
      .filter(
        (i) =>
          (!f.txnIds || f.txnIds.includes(i.txnId)) &&
          (!f.refNumbers || f.refNumbers.includes(i.refNumber)) &&
          (!f.customerListId || i.customerListId === f.customerListId),
      );
  }

  /** ListID `80000001-…` for lists, TxnID `1A2B-…` for transactions (reference C3). */
  addObject(o: {
    object: string;
    kind: 'list' | 'txn';
    name: string | null;
    namespace?: string;
    isActive?: boolean;
    data: Record<string, unknown>;
    at?: number;
  }): ObjectRow {
    const at = sec(o.at ?? this.now());
    const seq = this.next(o.kind === 'list' ? 'list' : 'txn');
    const id =
      o.kind === 'list'
        ? `${(0x80000000 + seq).toString(16).toUpperCase()}-${Math.floor(at / 1000)}`
        : `${(0x1000 + seq).toString(16).toUpperCase()}-${Math.floor(at / 1000)}`;
    const row: ObjectRow = {
      id,
      object: o.object,
      seq,
      name: o.name,
      isActive: o.isActive ?? true,
      editSequence: String(Math.floor(at / 1000)),
      timeCreated: at,
      timeModified: at,
      data: o.data,
    };
    this.db
      .prepare(
        'INSERT INTO record (id, object, seq, ns, name_key, ref_number, is_active, edit_sequence, ' +
          'time_created, time_modified, data) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
      )
      .run(
        id,
        o.object,
        seq,
        o.namespace ?? null,
        o.kind === 'list' && o.name !== null ? nameKey(o.name) : null,
        o.kind === 'txn' ? o.name : null,
        row.isActive ? 1 : 0,
        row.editSequence,
        at,
        at,
        JSON.stringify(o.data),
      );
    this.wrote(id);
    return row;
  }

  /** `counted` false: the second half of one save (an Add numbering its lines), not a save of its own. */
  saveObject(r: ObjectRow, counted = true): void {
    this.db
      .prepare(
        'UPDATE record SET name_key = CASE WHEN name_key IS NULL THEN NULL ELSE ? END, ref_number = ' +
          'CASE WHEN ref_number IS NULL AND name_key IS NOT NULL THEN NULL ELSE ? END, is_active = ?, ' +
          'edit_sequence = ?, time_modified = ?, data = ? WHERE id = ?',
      )
      .run(
        r.name === null ? null : nameKey(r.name),
        r.name,
        r.isActive ? 1 : 0,
        r.editSequence,
        r.timeModified,
        JSON.stringify(r.data),
        r.id,
      );
    if (counted) this.wrote(r.id);
  }

  deleteObject(id: string): void {
    this.db.prepare('DELETE FROM record WHERE id = ?').run(id);
  }

  object(id: string): ObjectRow | undefined {
    return objectOf(this.db.prepare('SELECT * FROM record WHERE id = ?').get(id) as Raw | undefined);
  }

  /** A list record by name in its name list (customers and vendors share one; items another), any case. */
  objectByName(namespace: string, name: string): ObjectRow | undefined {
    return objectOf(
      this.db.prepare('SELECT * FROM record WHERE ns = ? AND name_key = ?').get(namespace, nameKey(name)) as
        Raw | undefined,
    );
  }

  /** Records of these objects: lists by name, transactions in entry order. */
  objects(
    objects: string[],
    f: { from?: number; to?: number; active?: 'ActiveOnly' | 'InactiveOnly' | 'All' } = {},
  ): ObjectRow[] {
    const where = [`object IN (${objects.map(() => '?').join(',')})`];
    const args: unknown[] = [...objects];
    if (f.active === 'ActiveOnly') where.push('is_active = 1');
    if (f.active === 'InactiveOnly') where.push('is_active = 0');
    if (f.from !== undefined) {
      where.push('time_modified >= ?');
      args.push(f.from);
    }
    if (f.to !== undefined) {
      where.push('time_modified <= ?');
      args.push(f.to);
    }
    return (
      this.db.prepare(`SELECT * FROM record WHERE ${where.join(' AND ')} ORDER BY name_key, seq`).all(...args) as Raw[]
    ).map((r) => objectOf(r)!);
  }

  dataExtDef(ownerId: string, name: string): { type: string; objects: string[] } | undefined {
    const r = this.db
      .prepare('SELECT type, objects FROM data_ext_def WHERE owner_id = ? AND name = ?')
      .get(ownerId, name) as { type: string; objects: string } | undefined;
    return r ? { type: r.type, objects: JSON.parse(r.objects) } : undefined;
  }
  addDataExtDef(ownerId: string, name: string, type: string, objects: string[]): void {
    this.db
      .prepare('INSERT INTO data_ext_def (owner_id, name, type, objects) VALUES (?,?,?,?)')
      .run(ownerId, name, type, JSON.stringify(objects));
  }
  dataExt(ownerId: string, name: string, objId: string): string | undefined {
    return (
      this.db
        .prepare('SELECT value FROM data_ext WHERE owner_id = ? AND name = ? AND obj_id = ?')
        .get(ownerId, name, objId) as { value: string } | undefined
    )?.value;
  }
  dataExts(objId: string): { ownerId: string; name: string; value: string }[] {
    return this.db
      .prepare('SELECT owner_id AS ownerId, name, value FROM data_ext WHERE obj_id = ? ORDER BY name')
      .all(objId) as { ownerId: string; name: string; value: string }[];
  }
  setDataExt(ownerId: string, name: string, objId: string, value: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO data_ext (owner_id, name, obj_id, value) VALUES (?,?,?,?)')
      .run(ownerId, name, objId, value);
    this.wrote(`${objId}|DataExt:${name}`);
  }
}
