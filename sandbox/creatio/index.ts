// Entry point of the Creatio simulator: start it on a real port (0 = ephemeral).
import type { AddressInfo } from 'node:net';
import { DEMO_CREDENTIALS, createCreatioApp, type CreatioAppOptions } from './app';
import type { Faults } from './faults';
import { createIdentityApp } from './identity-service';
import { seedDemo, type SeedOptions } from './seed';
export { ACCOUNT_PARENTS, PERSON_ACCOUNTS, opportunityVendor, personAccountId } from './seed-people-purchasing';
import { openStore, type Db } from './store';

export { createCreatioApp, DEMO_CREDENTIALS } from './app';
export type { CreatioApp, CreatioAppOptions } from './app';
export type { FaultConfig } from './faults';
export {
  ACTIVE_NO_ID,
  ACTIVE_YES_ID,
  ACCOUNT_TYPES,
  PRODUCTS,
  SUPERVISOR_CONTACT_ID,
  isSupplier,
  opportunityLines,
  seededAccountId,
  seededModifiedOn,
} from './seed';

export interface StartCreatioOptions {
  /** 0 (default) = ephemeral port. */
  port?: number;
  /** Port of the Identity Service, a host of its own as on Creatio cloud (0, default = ephemeral). */
  identityPort?: number;
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
  /** The Identity Service (`{site}-is.creatio.com` on Creatio cloud): another host than baseUrl. */
  identityUrl: string;
  /** Token endpoint for OAuth client credentials, on the Identity Service. */
  tokenUrl: string;
  faults: Faults;
  /** Write requests the sandbox served (issue 14: a dry run adds none). */
  stats: { writes: number };
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
  const appOpts: CreatioAppOptions = {
    db,
    seed: opts.seed,
    sessionTtlMs: opts.sessionTtlMs,
    tokenTtlMs: opts.tokenTtlMs,
    lenientPatch: opts.lenientPatch,
    maxPageSize: opts.maxPageSize,
  };
  const sim = createCreatioApp(appOpts);
  const host = opts.host ?? '127.0.0.1';
  const listen = (app: import('express').Express, port: number) =>
    new Promise<import('node:http').Server>((resolve, reject) => {
      const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
  const urlOf = (s: import('node:http').Server) =>
    `http://${host.includes(':') ? `[${host}]` : host}:${(s.address() as AddressInfo).port}`;
  const server = await listen(sim.app, opts.port ?? 0);
  const identity = await listen(createIdentityApp(sim.auth), opts.identityPort ?? 0);
  const baseUrl = urlOf(server);
  const identityUrl = urlOf(identity);
  return {
    baseUrl,
    ...DEMO_CREDENTIALS,
    identityUrl,
    tokenUrl: `${identityUrl}/connect/token`,
    faults: sim.faults,
    stats: sim.stats,
    reset: sim.reset,
    expireSessions: () => sim.auth.expireAll(),
    db,
    close: async () => {
      for (const s of [server, identity]) {
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
      db.close();
    },
  };
}
