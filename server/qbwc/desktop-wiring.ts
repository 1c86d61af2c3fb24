// Wires the Web Connector service into a booting Weft (issue 5): the SOAP
// service over the run store, and — with the sandboxes — the Web Connector
// simulator polling this Weft's /qbwc every few seconds as the `qbd-sandbox`
// company file. A Weft without HTTP (headless `weft run`) gets a loopback
// listener with only /qbwc, so Desktop flows still run.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import type { Logger } from '../../nodes/define-node';
import type { QbdSandbox } from '../../sandbox/quickbooks-desktop';
import type { DesignStore } from '../design/design-store';
import { desktopLogins } from './desktop-logins';
import { qbwcRouter, type QbwcHttpOptions } from './qbwc-router';
import { QbwcService } from './qbwc-service';

export function desktopService(pool: pg.Pool, design: DesignStore, workspaceId: string, log: Logger): Omit<QbwcHttpOptions, 'downloadAccess'> {
  // Sign-ins find the company file in any workspace; a .qwc download the caller's workspace's (`workspaceId` without a caller).
  const logins = desktopLogins(design);
  return { service: new QbwcService({ pool, findLogin: logins.findLogin, log }), qwcConnection: (id, ws) => logins.qwcConnection(id, ws ?? workspaceId) };
}

/** Starts the simulator polling `weftUrl` (or a loopback /qbwc of its own); returns its cleanup. */
export async function pollDesktopSandbox(o: {
  sandbox: QbdSandbox; qbwc: Omit<QbwcHttpOptions, 'downloadAccess'>; weftUrl: string | null; design: DesignStore; workspaceId: string; connectionId: string; pollMs?: number; log: Logger;
}): Promise<() => Promise<void>> {
  let server: Server | null = null;
  let base = o.weftUrl;
  if (!base) {
    const app = express();
    app.use('/qbwc', qbwcRouter(o.qbwc));
    server = await new Promise<Server>((ok, fail) => { const s = app.listen(0, '127.0.0.1', () => ok(s)); s.once('error', fail); });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const c = o.design.resolveConnection(o.workspaceId, o.connectionId);
  o.sandbox.connect({ url: `${base}/qbwc`, userName: String(c.settings.userName), password: String(c.settings.password) });
  let warned = false;
  o.sandbox.start(o.pollMs ?? 3000, (e) => {
    // Weft stopping under a session is expected; say it once, not every few seconds.
    if (!warned) o.log.warn(`QuickBooks Desktop sandbox: a Web Connector update failed (${(e as Error).message})`);
    warned = true;
  });
  return async () => {
    await o.sandbox.stop();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((ok) => server!.close(() => ok()));
    }
  };
}
