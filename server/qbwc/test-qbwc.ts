// Test rig: a run store in its own PostgreSQL schema, the QBWC service over real
// HTTP, and (optionally) the Desktop sandbox's Web Connector simulator polling it.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { PgDesktopOutbox } from '../../engine';
import { migrateRunStore } from '../../engine';
import { startQbdSandbox, type QbdSandbox, type QbdSandboxOptions } from '../../sandbox/quickbooks-desktop';
import { ROOT } from '../boot';
import type { BodyLimits } from './qbwc-body';
import { qbwcRouter } from './qbwc-router';
import { QbwcService, type QbwcOptions } from './qbwc-service';

export interface QbwcRig {
  url: string;
  pool: pg.Pool;
  service: QbwcService;
  outbox: PgDesktopOutbox;
  sandbox: QbdSandbox;
  close(): Promise<void>;
}

export const LOGIN = { userName: 'weft-qbd', password: 'p@ss & <word>', connectionId: 'qbd-test' };

export async function qbwcRig(
  dbUrl: string,
  schema: string,
  o: Partial<QbwcOptions> & { sandbox?: QbdSandboxOptions; bodyLimits?: BodyLimits } = {},
): Promise<QbwcRig> {
  const setup = new pg.Client({ connectionString: dbUrl });
  await setup.connect();
  await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).finally(() => setup.end());
  const pool = new pg.Pool({ connectionString: dbUrl, max: 8, options: `-c search_path=${schema}` });
  await migrateRunStore(pool, join(ROOT, 'migrations/runs'));
  const service = new QbwcService({
    pool,
    lingerMs: 100,
    busyWindowMs: 2000,
    requestsPerSet: 50,
    findLogin: async (u) =>
      u === LOGIN.userName ? { connectionId: LOGIN.connectionId, password: LOGIN.password, companyFile: '' } : null,
    ...o,
  });
  const app = express();
  app.use(
    '/qbwc',
    qbwcRouter({
      service,
      bodyLimits: o.bodyLimits,
      qwcConnection: async (id) =>
        id === LOGIN.connectionId ? { id, name: 'Test & Co file', userName: LOGIN.userName } : null,
    }),
  );
  const server: Server = await new Promise((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/qbwc`;
  const sandbox = startQbdSandbox({
    noOpMs: 20,
    ...o.sandbox,
    url,
    userName: LOGIN.userName,
    password: LOGIN.password,
  });
  return {
    url,
    pool,
    service,
    outbox: new PgDesktopOutbox(pool, { pollMs: 20, maxPollMs: 100, timeoutMs: 60_000 }),
    sandbox,
    close: async () => {
      await sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await pool.end();
    },
  };
}
