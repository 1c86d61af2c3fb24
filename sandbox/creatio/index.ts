// Entry point of the Creatio simulator: start it on a real port (0 = ephemeral).
import type { AddressInfo } from 'node:net';
import { DEMO_CREDENTIALS, createCreatioApp, type CreatioAppOptions } from './app';
import type { Faults } from './faults';
import { seedDemo, type SeedOptions } from './seed';
import { openStore, type Db } from './store';

export { createCreatioApp, DEMO_CREDENTIALS } from './app';
export type { CreatioApp, CreatioAppOptions } from './app';
export type { FaultConfig } from './faults';
export { ACTIVE_NO_ID, ACTIVE_YES_ID, PRODUCTS, SUPERVISOR_CONTACT_ID, opportunityLines, seededAccountId, seededModifiedOn } from './seed';

export interface StartCreatioOptions {
  /** 0 (default) = ephemeral port. */
  port?: number;
  host?: string;
  /** SQLite file, or ':memory:' (default). An existing file keeps its data. */
  dbPath?: string;
  seed?: SeedOptions;
  sessionTtlMs?: number;
  tokenTtlMs?: number;
  lenientPatch?: boolean;
  /** Cap pages and send `@odata.nextLink` (not real Creatio behaviour; for client tests). */
  maxPageSize?: number;
}

export interface CreatioSandbox {
  /** e.g. `http://127.0.0.1:41234` — OData at `${baseUrl}/0/odata` and `${baseUrl}/odata`. */
  baseUrl: string;
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  /** Token endpoint for OAuth client credentials. */
  tokenUrl: string;
  faults: Faults;
  reset(): void;
  /** Expire every session and token, as after a server restart. */
  expireSessions(): void;
  db: Db;
  close(): Promise<void>;
}

export async function startCreatioSandbox(opts: StartCreatioOptions = {}): Promise<CreatioSandbox> {
  const db = openStore(opts.dbPath ?? ':memory:');
  const empty = (db.prepare('SELECT count(*) AS n FROM "Account"').get() as { n: number }).n === 0;
  if (empty) seedDemo(db, opts.seed);
  const appOpts: CreatioAppOptions = { db, seed: opts.seed, sessionTtlMs: opts.sessionTtlMs, tokenTtlMs: opts.tokenTtlMs, lenientPatch: opts.lenientPatch, maxPageSize: opts.maxPageSize };
  const sim = createCreatioApp(appOpts);
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = sim.app.listen(opts.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    baseUrl,
    ...DEMO_CREDENTIALS,
    tokenUrl: `${baseUrl}/connect/token`,
    faults: sim.faults,
    reset: sim.reset,
    expireSessions: () => sim.auth.expireAll(),
    db,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      db.close();
    },
  };
}
