// The PostgreSQL servers integration tests run against: always the embedded one;
// also the machine's server when DATABASE_URL is set (CI sets it).
import { inject } from 'vitest';

export function testDatabases(): { name: string; url: string }[] {
  const list = [{ name: 'embedded PostgreSQL', url: inject('embeddedPostgresUrl') }];
  if (process.env.DATABASE_URL) list.push({ name: 'PostgreSQL server (DATABASE_URL)', url: process.env.DATABASE_URL });
  return list;
}

let n = 0;
/** A schema name unique to this test, so tests sharing a database never see each other. */
export function testSchema(prefix = 't'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${n++}`;
}
