// Entry points of the QuickBooks Online simulator. See README.md.
import type { AddressInfo } from 'node:net';
import { createQboApp, type QboAppOptions, type QboSandboxStats, type SandboxApp } from './app';
import type { QboFaults } from './faults';
import type { ThrottleLimits } from './throttle';
import type { QboStore } from './store';

export { createQboApp } from './app';
export { OTHER_APP } from './app';
export type { QboApp, QboAppOptions, QboSandboxStats, SandboxApp } from './app';
export type { FaultRule, QboFaults } from './faults';

export interface QboSandboxOptions extends Omit<QboAppOptions, 'limits'> {
  port?: number;
  host?: string;
  limits?: false | Partial<ThrottleLimits>;
}

export interface QboSandbox {
  /** API base (paths `/v3/company/{realmId}/…`) and OAuth host. */
  baseUrl: string;
  tokenUrl: string;
  authorizeUrl: string;
  realmId: string;
  realmIds: string[];
  clientId: string;
  clientSecret: string;
  /** Every app (client id and secret) that may connect; the first is clientId. */
  apps: SandboxApp[];
  refreshToken: string;
  faults: QboFaults;
  stats: QboSandboxStats;
  /** The company data itself, for tests and tools that check what was written. */
  store: QboStore;
  reset(): void;
  close(): Promise<void>;
}

export async function startQboSandbox(opts: QboSandboxOptions = {}): Promise<QboSandbox> {
  const { port = 0, host = '127.0.0.1', ...appOpts } = opts;
  const qbo = createQboApp(appOpts);
  const server = qbo.app.listen(port, host);
  await new Promise<void>((ok, fail) => {
    server.once('listening', ok);
    server.once('error', fail);
  });
  const addr = server.address() as AddressInfo;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
  const realmId = qbo.realms[0].id;
  return {
    baseUrl,
    tokenUrl: `${baseUrl}/oauth2/v1/tokens/bearer`,
    authorizeUrl: `${baseUrl}/connect/oauth2`,
    realmId,
    realmIds: qbo.realms.map((r) => r.id),
    clientId: qbo.clientId,
    clientSecret: qbo.clientSecret,
    apps: qbo.apps,
    refreshToken: qbo.refreshTokens[realmId],
    faults: qbo.faults,
    stats: qbo.stats,
    store: qbo.store,
    reset: qbo.reset,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          qbo.store.close();
          ok();
        });
      }),
  };
}
