// Starts a whole Weft: design store, run store + queue (embedded PostgreSQL unless
// DATABASE_URL is set), the worker, and (optionally) the HTTP server. Used by
// `weft start`, `weft run` and tests. With sandboxes on (the default; off with
// WEFT_SANDBOXES=off), the demo (demo/: sandboxes wired as default connections) is
// loaded by a dynamic import, so a Weft without them loads no sandbox code.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { privateFile, secureDataFolder } from './data-folder';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConnectionVault, RunQueue, startEmbeddedPostgres, Worker, type EmbeddedServer } from '../engine';
import { registry } from '../nodes';
import type { Logger } from '../nodes/define-node';
import { createApp, DEFAULT_WORKSPACE } from './app';
import { DesignStore } from './design/design-store';
import { redactDeep, redactText } from './redact-secrets';
import { SecretBox } from './design/secrets';
import { RunEvents } from './run-events';
// Types only (erased): the demo's code is loaded by a dynamic import, when sandboxes are on.
import type { Demo, Sandboxes } from '../demo';
import { desktopService } from './qbwc/desktop-wiring';
import { createWeftServer, deploymentFromEnv, deploymentWarnings } from './http/deployment';
import { loadTemplates } from './templates';
import type { Services } from './services';
import { createServices } from './weft-services';
import { createQboConnect } from './qbo-connect/qbo-connect-service';
import { VaultSync } from './design/vault-sync';
import { rememberSecrets } from './redact-secrets';
import { startNotifications } from './notify/notify-wiring';
import type { Notifier } from './notify/notifier';

/** The project folder (templates, migrations, the built designer), found from this module whether it runs from source or from the bundle in dist/server. */
export const ROOT = projectRoot(fileURLToPath(new URL('.', import.meta.url)));

function projectRoot(from: string): string {
  for (let dir = resolve(from); ; dir = resolve(dir, '..')) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    if (dir === resolve(dir, '..')) throw new Error(`Weft's project folder was not found above ${from}`);
  }
}

export interface BootOptions {
  dataDir: string;
  /** HTTP port; null = no HTTP server (headless run). 0 = ephemeral. */
  port: number | null;
  databaseUrl?: string;
  /** PostgreSQL schema of this Weft's run store (tests use one each). */
  pgSchema?: string;
  /** The demo's sandboxes wired as default connections; default: on unless WEFT_SANDBOXES=off. */
  sandboxes?: boolean;
  /** With the sandboxes: a few credit memos in the QuickBooks companies seeded anew (`weft start`; tests: off). */
  demoCredits?: boolean;
  worker?: boolean;
  log?: Logger;
  /** How often the QuickBooks Desktop sandbox's Web Connector polls (ms; default 3000). */
  qbdPollMs?: number;
  /** The mail server for notifications; default WEFT_SMTP_URL (tests pass their own). */
  smtpUrl?: string;
}

export interface Weft {
  url: string | null;
  dataDir: string;
  services: Services;
  design: DesignStore;
  queue: RunQueue;
  worker: Worker | null;
  sandboxes: Sandboxes | null;
  notifier: Notifier;
  /** Lines telling how to reach each sandbox (URLs and logins); empty without sandboxes. */
  sandboxLines: string[];
  /** What is amiss for a customer's network (plain http where the Web Connector needs https…); empty when all is well. */
  deploymentWarnings: string[];
  /** Set on the first start with HTTP: the admin just created (password null when it came from WEFT_ADMIN_PASSWORD). */
  firstAdmin: { email: string; password: string | null } | null;
  close(): Promise<void>;
}

export const consoleLogger: Logger = {
  info: (m, f) => console.log(line(m, f)),
  warn: (m, f) => console.warn(line(m, f)),
  error: (m, f) => console.error(line(m, f)),
};

function redactingLogger(log: Logger): Logger {
  const clean = (f?: Record<string, unknown>) => (f ? redactDeep(f) : f);
  return {
    info: (m, f) => log.info(redactText(m), clean(f)),
    warn: (m, f) => log.warn(redactText(m), clean(f)),
    error: (m, f) => log.error(redactText(m), clean(f)),
  };
}

/**
 * Ctrl-C in a terminal signals the whole process group: the embedded PostgreSQL gets
 * SIGINT too and ends every connection at once ("terminating connection due to
 * administrator command", SQLSTATE 57P01) while Weft is closing them in order. Those
 * lines say nothing once Weft is stopping, so they are dropped then (and only then).
 */
const SHUTDOWN_NOISE =
  /terminating connection due to administrator command|the database system is shutting down|Connection terminated/i;

function quietWhileStopping(log: Logger, stopping: () => boolean): Logger {
  const pass = (write: Logger['warn']) => (m: string, f?: Record<string, unknown>) => {
    if (!(stopping() && SHUTDOWN_NOISE.test(m))) write(m, f);
  };
  return { info: log.info, warn: pass(log.warn), error: pass(log.error) };
}

function line(m: string, f?: Record<string, unknown>): string {
  return f && Object.keys(f).length > 0 ? `${m} ${JSON.stringify(f)}` : m;
}

/** A port derived from the data folder, so two Weft data folders rarely collide. */
export function embeddedPortFor(dataDir: string): number {
  let h = 0;
  for (const c of resolve(dataDir)) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 54_400 + (h % 1000);
}

export async function bootWeft(opts: BootOptions): Promise<Weft> {
  // Every line Weft logs passes the secret redactor, whoever prints it (issue 7).
  let stopping = false;
  const log = quietWhileStopping(redactingLogger(opts.log ?? consoleLogger), () => stopping);
  const dataDir = resolve(opts.dataDir);
  secureDataFolder(dataDir, { embeddedPostgresAsRoot: !opts.databaseUrl && process.getuid?.() === 0 });
  const cleanups: (() => Promise<void> | void)[] = [];
  const closeAll = async () => {
    stopping = true;
    for (const c of cleanups.reverse())
      await Promise.resolve(c()).catch((e) => log.warn(`while stopping: ${String(e)}`));
  };
  try {
    let embedded: EmbeddedServer | null = null;
    let url = opts.databaseUrl;
    if (!url) {
      const port = Number(process.env.WEFT_PG_PORT) || embeddedPortFor(dataDir);
      embedded = await startEmbeddedPostgres(dataDir, port, (m) => log.info(m));
      cleanups.push(() => embedded!.stop());
      url = embedded.url;
    }
    const box = SecretBox.open(dataDir);
    const design = DesignStore.open(privateFile(join(dataDir, 'weft.sqlite')), box, join(ROOT, 'migrations/design'));
    cleanups.push(() => design.close());
    design.ensureWorkspace(DEFAULT_WORKSPACE, 'Demo company');
    design.rememberAllSecrets();

    const queue = await RunQueue.open(url, join(ROOT, 'migrations/runs'), (m) => log.warn(m), opts.pgSchema);
    cleanups.push(() => queue.close());
    // Workers (this one and `weft worker`s elsewhere) resolve connections from the run store's vault (issues 6, 4).
    const vault = new ConnectionVault(queue.pool, box, rememberSecrets);
    const vaultSync = await VaultSync.start(design, vault, url, log);
    cleanups.push(() => vaultSync.close());
    // Only this process uses an embedded database: jobs left active belong to a killed Weft.
    if (embedded) {
      const n = await queue.retryOrphanedJobs();
      if (n > 0) log.info(`Resuming ${n} job(s) interrupted when Weft last stopped.`);
    }
    const events = new RunEvents();
    await events.listen(url, (m) => log.warn(m));
    cleanups.push(() => events.close());

    let demo: Demo | null = null;
    if (opts.sandboxes ?? sandboxesFromEnv()) {
      const { startDemo } = await import('../demo');
      demo = await startDemo({
        dir: join(dataDir, 'sandbox'),
        design,
        pool: queue.pool,
        workspaceId: DEFAULT_WORKSPACE,
        log,
        demoCredits: opts.demoCredits ?? false,
      });
      cleanups.push(() => demo!.close());
    }

    const templates = loadTemplates(join(ROOT, 'templates'), registry);
    const services = createServices({ registry, design, queue, events, templates, vault, vaultSync });
    services.qboConnect = createQboConnect({ design, localSandbox: demo?.sandboxes.qbo ?? null });
    services.accounts.ensureMachineToken(dataDir, DEFAULT_WORKSPACE);
    // Only a Weft people open in a browser makes the first admin, so its password is printed where someone sees it.
    const firstAdmin = opts.port !== null ? await services.accounts.ensureFirstAdmin(DEFAULT_WORKSPACE) : null;

    let httpUrl: string | null = null;
    const notifier = startNotifications({
      services,
      pool: queue.pool,
      smtpUrl: opts.smtpUrl,
      serverUrl: () => httpUrl,
      loop: opts.port !== null,
      log,
    });
    cleanups.push(() => notifier.close());

    let worker: Worker | null = null;
    if (opts.worker !== false) {
      worker = new Worker({
        queue,
        registry,
        log,
        connections: async (ws, id) => (await vaultSync.idle(), vault.resolve(ws, id)),
        redact: redactDeep,
      });
      await worker.start();
      // Stop taking jobs first, then the queue and the database (stack-notes: pg-boss before Postgres).
      cleanups.push(() => worker!.stop());
    }

    const qbwc = { ...desktopService(queue.pool, design, DEFAULT_WORKSPACE, log), listenUrl: () => httpUrl };
    // HOST, WEFT_PUBLIC_URL, WEFT_TLS_CERT/KEY, WEFT_TRUST_PROXY (server/http/deployment.ts).
    const deployment = deploymentFromEnv();
    let warnings: string[] = [];
    if (opts.port !== null) {
      let ready = false;
      const app = createApp({
        services,
        designerDir: join(ROOT, 'dist/designer'),
        isReady: () => ready,
        pool: queue.pool,
        qbwc,
      });
      // Behind an https reverse proxy its X-Forwarded-Proto makes req.secure true: Secure cookies, HSTS.
      if (deployment.trustProxy !== null) app.set('trust proxy', deployment.trustProxy);
      const server: Server = createWeftServer(deployment, app);
      server.listen(opts.port, deployment.host);
      await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e as Error))]);
      cleanups.push(
        () =>
          new Promise<void>((ok) => {
            server.closeAllConnections();
            server.close(() => ok());
          }),
      );
      // The address this machine's own tools use (weft run, the demo's Web Connector); others use WEFT_PUBLIC_URL.
      httpUrl = `${deployment.tls ? 'https' : 'http'}://localhost:${(server.address() as AddressInfo).port}`;
      warnings = deploymentWarnings(deployment, (server.address() as AddressInfo).port);
      writeFileSync(join(dataDir, 'weft.json'), JSON.stringify({ pid: process.pid, url: httpUrl }), { mode: 0o600 });
      cleanups.push(() => rmSync(join(dataDir, 'weft.json'), { force: true }));
      ready = true;
    }
    await demo?.afterListen({ qbwc, weftUrl: httpUrl, pollMs: opts.qbdPollMs });
    const sandboxes = demo?.sandboxes ?? null;
    return {
      url: httpUrl,
      dataDir,
      services,
      design,
      queue,
      worker,
      sandboxes,
      notifier,
      sandboxLines: demo?.describe() ?? [],
      deploymentWarnings: warnings,
      firstAdmin,
      close: closeAll,
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

/** WEFT_SANDBOXES=off (or `weft start --no-sandboxes`) starts Weft for a customer: no sandbox, none of their code loaded. */
export function sandboxesFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['off', '0', 'false', 'no'].includes((env.WEFT_SANDBOXES ?? '').trim().toLowerCase());
}

export function dataDirFromEnv(): string {
  return resolve(process.env.WEFT_DATA_DIR ?? join(process.cwd(), 'data'));
}

/** The URL of a Weft already serving this data folder, if its process is alive. */
export function runningWeftUrl(dataDir: string): string | null {
  const file = join(dataDir, 'weft.json');
  if (!existsSync(file)) return null;
  try {
    const { pid, url } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; url: string };
    process.kill(pid, 0); // throws if no such process
    return url;
  } catch {
    return null;
  }
}
