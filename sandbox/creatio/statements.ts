// Prepared statements, kept per database and SQL text. The simulator builds its SQL
// from the OData query, so the same few texts come back for every page and every
// $expand'ed row; preparing one cost more than running it (issue 6's bench).
import type Database from 'better-sqlite3';

/** Enough for every text the simulator makes; a flood of distinct texts (long IN lists) starts over instead of growing. */
const MAX_PER_DB = 500;
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement(db: Database.Database, sql: string): Database.Statement {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) {
    if (byText.size >= MAX_PER_DB) byText.clear();
    byText.set(sql, (s = db.prepare(sql)));
  }
  return s;
}
