// The demo's composition root: the sandboxes of Creatio, QuickBooks Online and
// QuickBooks Desktop, wired as the default workspace's connections, and the Web
// Connector simulator polling this Weft's /qbwc. server/boot.ts loads this module
// with a dynamic import, and only while sandboxes are on (not WEFT_SANDBOXES=off,
// not `weft start --no-sandboxes`): a production Weft loads no sandbox code at all.
import type pg from 'pg';
import { forgetBindingsOf } from '../engine';
import type { Logger } from '../nodes/define-node';
import type { DesignStore } from '../server/design/design-store';
import type { QbwcHttpOptions } from '../server/qbwc/qbwc-router';
import { addDemoAccounting } from './demo-accounting';
import { addDemoCredits } from './demo-credits';
import { addDemoTransactions } from './demo-transactions';
import { pollDesktopSandbox } from './desktop-polling';
import {
  CREATIO_SANDBOX_CONNECTION,
  QBD_SANDBOX_CONNECTION,
  QBD_SANDBOX_USER,
  QBO_SANDBOX_CONNECTION,
  startSandboxes,
  type Sandboxes,
} from './sandbox-connections';

export type { Sandboxes };

export interface DemoHost {
  /** Where the sandboxes keep their state (a folder of the data folder). */
  dir: string;
  design: DesignStore;
  /** The run store: bindings to a sandbox seeded anew are dropped from it. */
  pool: pg.Pool;
  workspaceId: string;
  log: Logger;
  /**
   * `weft start`: a few credit memos (demo-credits.ts) and accounting entries (demo-accounting.ts: deposits, journal
   * entries, vendor credits, time, checks) in the QuickBooks sandboxes seeded anew; tests leave them out.
   */
  demoCredits?: boolean;
}

export interface Demo {
  sandboxes: Sandboxes;
  /** Once Weft listens (or not, for a headless run): the Web Connector simulator starts polling /qbwc. */
  afterListen(o: {
    qbwc: Omit<QbwcHttpOptions, 'downloadAccess'>;
    weftUrl: string | null;
    pollMs?: number;
  }): Promise<void>;
  /** The lines `weft start` prints so a newcomer can reach each sandbox (URLs and logins). */
  describe(): string[];
  close(): Promise<void>;
}

export async function startDemo(host: DemoHost): Promise<Demo> {
  const sandboxes = await startSandboxes(host.dir, host.design, host.workspaceId);
  const stops: (() => Promise<void>)[] = [() => sandboxes.close()];
  try {
    await forgetStaleBindings(host.pool, sandboxes);
    if (host.demoCredits) {
      await addDemoCredits(sandboxes);
      await addDemoAccounting(sandboxes);
      await addDemoTransactions(sandboxes);
    }
  } catch (e) {
    await sandboxes.close();
    throw e;
  }
  return {
    sandboxes,
    async afterListen(o) {
      const stopPolling = await pollDesktopSandbox({
        sandbox: sandboxes.qbd,
        qbwc: o.qbwc,
        weftUrl: o.weftUrl,
        design: host.design,
        workspaceId: host.workspaceId,
        connectionId: QBD_SANDBOX_CONNECTION,
        pollMs: o.pollMs,
        log: host.log,
      });
      stops.push(stopPolling);
    },
    describe: () => describeSandboxes(sandboxes),
    async close() {
      // Polling stops before the company file closes under it.
      for (const stop of stops.reverse()) await stop();
    },
  };
}

/** A sandbox seeded anew has new ids: bindings and watermarks pointing at the old ones would mislead. */
async function forgetStaleBindings(pool: pg.Pool, s: Sandboxes): Promise<void> {
  if (s.fresh.qbo) await forgetBindingsOf(pool, QBO_SANDBOX_CONNECTION);
  if (s.fresh.qbd) {
    await forgetBindingsOf(pool, QBD_SANDBOX_CONNECTION);
    await pool.query(`DELETE FROM weft_desktop_requests WHERE connection_id = $1`, [QBD_SANDBOX_CONNECTION]);
  }
  if (s.fresh.creatio) {
    await forgetBindingsOf(pool, CREATIO_SANDBOX_CONNECTION);
    await pool.query(`DELETE FROM weft_watermarks`);
  }
}

function describeSandboxes(s: Sandboxes): string[] {
  return [
    'Sandboxes (demo data; WEFT_SANDBOXES=off or `weft start --no-sandboxes` starts without them):',
    `  Creatio             ${s.creatio.baseUrl}  user ${s.creatio.username}, password ${s.creatio.password}`,
    `  QuickBooks Online   ${s.qbo.baseUrl}  realm ${s.qbo.realmId}, client id ${s.qbo.clientId}`,
    `  QuickBooks Desktop  company file polled by its Web Connector simulator (Web Connector user ${QBD_SANDBOX_USER})`,
  ];
}
