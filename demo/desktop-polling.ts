// The demo's QuickBooks Desktop company file: its Web Connector simulator polls this
// Weft's /qbwc every few seconds as the `qbd-sandbox` company file, as a customer's
// Web Connector would. A Weft without HTTP (headless `weft run`) gets a loopback
// listener with only /qbwc, so Desktop flows of the demo still run.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../nodes/define-node';
import type { QbdSandbox } from '../sandbox/quickbooks-desktop';
import type { DesignStore } from '../server/design/design-store';
import { qbwcRouter, type QbwcHttpOptions } from '../server/qbwc/qbwc-router';

/** Starts the simulator polling `weftUrl` (or a loopback /qbwc of its own); returns its cleanup. */
export async function pollDesktopSandbox(o: {
  sandbox: QbdSandbox;
  qbwc: Omit<QbwcHttpOptions, 'downloadAccess'>;
  weftUrl: string | null;
  design: DesignStore;
  workspaceId: string;
  connectionId: string;
  pollMs?: number;
  log: Logger;
}): Promise<() => Promise<void>> {
  let server: Server | null = null;
  let base = o.weftUrl;
  if (!base) {
    const app = express();
    app.use('/qbwc', qbwcRouter(o.qbwc));
    server = await new Promise<Server>((ok, fail) => {
      const s = app.listen(0, '127.0.0.1', () => ok(s));
      s.once('error', fail);
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const c = o.design.resolveConnection(o.workspaceId, o.connectionId);
  o.sandbox.connect({
    url: `${base}/qbwc`,
    userName: String(c.settings.userName),
    password: String(c.settings.password),
  });
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
