// Wires the Web Connector service into a booting Weft (issue 5): the SOAP
// service over the run store. The demo's Web Connector simulator polling it is
// wired in demo/desktop-polling.ts.
import type pg from 'pg';
import type { Logger } from '../../nodes/define-node';
import type { DesignStore } from '../design/design-store';
import { desktopLogins } from './desktop-logins';
import type { QbwcHttpOptions } from './qbwc-router';
import { QbwcService } from './qbwc-service';

export function desktopService(
  pool: pg.Pool,
  design: DesignStore,
  workspaceId: string,
  log: Logger,
): Omit<QbwcHttpOptions, 'downloadAccess'> {
  // Sign-ins find the company file in any workspace; a .qwc download the caller's workspace's (`workspaceId` without a caller).
  const logins = desktopLogins(design);
  return {
    service: new QbwcService({ pool, findLogin: logins.findLogin, log }),
    qwcConnection: (id, ws) => logins.qwcConnection(id, ws ?? workspaceId),
  };
}
