// SQLite storage for the simulator: one table per entity, named and shaped after
// entities.ts. Values are kept in wire form so reads need little conversion:
// timestamps as fixed-width `yyyy-MM-ddTHH:mm:ss.fffffffZ` text (so text order =
// time order), lookups as lower-case GUID text or NULL, text as '' when empty.
import Database from 'better-sqlite3';
import { ENTITIES, type ColumnDef } from './entities';

export type Db = Database.Database;

function sqlType(col: ColumnDef): string {
  switch (col.type) {
    case 'Text':
      // Real Creatio runs on MS SQL / PostgreSQL with case-insensitive collations,
      // so `Name eq 'acme'` finds "Acme". NOCASE folds ASCII only; noted in README.
      return "TEXT NOT NULL DEFAULT '' COLLATE NOCASE";
    case 'Decimal':
      return 'REAL NOT NULL DEFAULT 0';
    case 'Integer':
    case 'Boolean':
      return 'INTEGER NOT NULL DEFAULT 0';
    default:
      return 'TEXT';
  }
}

export function createTables(db: Db): void {
  for (const e of ENTITIES.values()) {
    // The key is a unique index built by createIndexes: building it after a bulk seed
    // is several times faster than keeping it up to date row by row.
    const cols = e.columns.map((c) => `"${c.name}" ${sqlType(c)}${c.name === 'Id' ? ' NOT NULL' : ''}`);
    db.exec(`CREATE TABLE IF NOT EXISTS "${e.name}" (${cols.join(', ')})`);
    // A sandbox file from before a column was added gets it (empty), so `npm start` keeps its data.
    const have = new Set((db.prepare(`PRAGMA table_info("${e.name}")`).all() as { name: string }[]).map((c) => c.name));
    for (const c of e.columns)
      if (!have.has(c.name)) db.exec(`ALTER TABLE "${e.name}" ADD COLUMN "${c.name}" ${sqlType(c)}`);
  }
}

/** Primary keys, and indexes for the reads a sync does (ModifiedOn,Id keyset; contacts by account). Built after a bulk seed. */
export function createIndexes(db: Db): void {
  for (const e of ENTITIES.values()) {
    db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS "pk_${e.name}" ON "${e.name}" ("Id")`);
    db.exec(`CREATE INDEX IF NOT EXISTS "ix_${e.name}_mod" ON "${e.name}" ("ModifiedOn", "Id")`);
  }
  db.exec('CREATE INDEX IF NOT EXISTS "ix_Contact_Account" ON "Contact" ("AccountId")');
  // $expand of OpportunityProductCollectionByOpportunity reads the lines of each opportunity.
  db.exec('CREATE INDEX IF NOT EXISTS "ix_OpportunityProduct_Opportunity" ON "OpportunityProduct" ("OpportunityId")');
}

export function openStore(path = ':memory:'): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  createTables(db);
  return db;
}

export function dropAll(db: Db): void {
  for (const e of ENTITIES.values()) db.exec(`DROP TABLE IF EXISTS "${e.name}"`);
}

/** Creatio timestamp: UTC, 7 fractional digits, `Z` (A4 value conventions). */
export function creatioTimestamp(ms: number, extraTicks = 0): string {
  const iso = new Date(ms).toISOString(); // yyyy-MM-ddTHH:mm:ss.sssZ
  const ticks = String((ms % 1000) * 10000 + extraTicks).padStart(7, '0');
  return `${iso.slice(0, 19)}.${ticks}Z`;
}

/**
 * Normalise an ISO 8601 timestamp with a zone to Creatio's 7-digit UTC form,
 * keeping sub-millisecond digits that `Date` would drop. Returns null if unparsable
 * or without an explicit zone (Edm.DateTimeOffset needs one).
 */
export function normaliseTimestamp(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return null;
  const frac = (m[2] ?? '').padEnd(7, '0');
  return creatioTimestamp(ms + Number(frac.slice(0, 3)), Number(frac.slice(3)));
}

/** A clock that never repeats a timestamp: real writes are 100 ns apart at worst. */
export function tickingClock(now: () => number = Date.now): () => string {
  let lastMs = 0;
  let tick = 0;
  return () => {
    const ms = now();
    if (ms === lastMs) tick = Math.min(tick + 1, 9999);
    else if (ms > lastMs) {
      lastMs = ms;
      tick = 0;
    }
    return creatioTimestamp(lastMs, tick);
  };
}

/** Deterministic GUID for seeded rows: `kind` keeps entities apart, `n` the row. */
export function seededGuid(kind: number, n: number): string {
  const hex = (v: number, len: number) => (v >>> 0).toString(16).padStart(len, '0').slice(-len);
  // Mix the index so ids are not sorted like their index: paging code must not rely on that.
  let h = Math.imul(n + 1, 0x9e3779b1) ^ (kind << 24);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return `${hex(h, 8)}-${hex(kind, 4)}-4${hex(n >>> 20, 3)}-8${hex(n >>> 8, 3)}-${hex(n, 12)}`;
}
