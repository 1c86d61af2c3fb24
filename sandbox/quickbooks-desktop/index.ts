// Entry points of the QuickBooks Desktop sandbox: a company file in SQLite and a
// Web Connector simulator that polls Weft's /qbwc. See README.md.
import { CompanyFile } from './company-file';
import { QbdFaults } from './faults';
import { DEFAULT_HOST, type Host } from './qbxml-engine';
import { seedCompany, type QbdSeedOptions } from './seed';
import { WebConnector, type SessionReport } from './web-connector';

export { CompanyFile } from './company-file';
export { QbdFaults, type FaultRule, type QbdFaultKind } from './faults';
export { processRequestSet, DEFAULT_HOST, SUPPORTED_VERSIONS, type Host, type Session } from './qbxml-engine';
export { WebConnector, type SessionReport } from './web-connector';
export { seededMemo } from './seed';

export interface QbdSandboxOptions {
  /** SQLite file of the company; default in memory. */
  dbPath?: string;
  seed?: QbdSeedOptions | false;
  /** Weft's QBWC endpoint (`…/qbwc`); without it the simulator is not started. */
  url?: string;
  userName?: string;
  password?: string;
  /** Pause between scheduled updates (the .qwc's RunEveryNMinutes; seconds here). */
  pollMs?: number;
  noOpMs?: number;
  host?: Host;
  /** Time zone of the machine QuickBooks runs on (default America/New_York): its wall clock stamps records. */
  timeZone?: string;
}

export interface QbdSandbox {
  file: CompanyFile;
  faults: QbdFaults;
  /** True when the company file was created and seeded just now. */
  fresh: boolean;
  connector: WebConnector | null;
  /** Point the simulator at a Weft (once its URL is known). */
  connect(o: { url: string; userName: string; password: string }): WebConnector;
  /** One update now (what "Update Selected" does in the Web Connector). */
  runSession(): Promise<SessionReport>;
  /** Poll every pollMs until stop(). Errors (Weft down) are logged and polling goes on. */
  start(pollMs?: number, onError?: (e: unknown) => void, onSession?: (r: SessionReport) => void): void;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export function startQbdSandbox(o: QbdSandboxOptions = {}): QbdSandbox {
  const file = new CompanyFile(o.dbPath);
  if (o.timeZone) file.timeZone = o.timeZone;
  const fresh = file.isEmpty;
  if (fresh && o.seed !== false) seedCompany(file, o.seed || {});
  const faults = new QbdFaults();
  let connector: WebConnector | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  const sb: QbdSandbox = {
    file,
    faults,
    fresh,
    get connector() {
      return connector;
    },
    connect(c) {
      connector = new WebConnector({
        url: c.url,
        userName: c.userName,
        password: c.password,
        file,
        faults,
        host: o.host ?? DEFAULT_HOST,
        noOpMs: o.noOpMs ?? 5000,
      });
      return connector;
    },
    async runSession() {
      if (!connector) throw new Error('The Desktop sandbox is not pointed at a Weft yet (connect).');
      const r = connector.runSession();
      running = r.catch(() => undefined);
      return r;
    },
    start(pollMs = o.pollMs ?? 5000, onError, onSession) {
      stopped = false;
      const tick = async () => {
        if (stopped) return;
        try {
          // Not `onSession?.(await …)`: an optional call skips evaluating its argument.
          const report = await sb.runSession();
          onSession?.(report);
        } catch (e) {
          onError?.(e);
        }
        if (!stopped) timer = setTimeout(() => void tick(), pollMs);
      };
      timer = setTimeout(() => void tick(), 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      connector?.quit();
      await running;
    },
    async close() {
      await sb.stop();
      file.close();
    },
  };
  if (o.url && o.userName && o.password) sb.connect({ url: o.url, userName: o.userName, password: o.password });
  return sb;
}
