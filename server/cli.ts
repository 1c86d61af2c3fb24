// `weft start | run | worker | sandbox | bench` — see README.md.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
// Types only: boot.ts loads the whole server (express, tRPC, designer, sandboxes),
// which `weft worker` never needs; each command imports what it uses (the bundle is
// split at these imports, so a worker process loads only the engine and the nodes).
import type { Weft } from './boot';
import type { ConnectionApi } from './cli-http';
import type { NodeSummary, RunApi } from './cli-run';
import type { FlowFileApi } from './cli-api';

const USAGE = `Usage:
  weft start [--no-sandboxes]        start Weft (designer, API, worker, sandboxes) on PORT (default 3000);
                                     --no-sandboxes (or WEFT_SANDBOXES=off): for a customer, no sandbox
  weft run <template file | template id | flow id> [--json] [--dry-run] [--workspace W] [--connection SLOT=NAME …]
                                     run a flow once and print a summary (exit 0 = succeeded,
                                     3 = completed with failed records, 1 = failed); SLOT is a
                                     connection kind (creatio, quickbooks-online, quickbooks-desktop)
                                     or a node id, NAME a connection's name or id; --dry-run reads and
                                     decides but writes nothing: sinks report wouldCreate/wouldUpdate/wouldSkip
  weft run <id> --utility binding|bulk-load|single [--from T --to T] [--batch-size N] [--slices N] [--record ID]
                                     a utility run (scheduled flows on the same objects pause meanwhile):
                                     binding only links records; bulk-load loads a date range (times as
                                     ISO 8601); single runs one record (--record: its QuickBooks or Creatio id)
  weft connections add <kind> --name N [--workspace W] [--set key=value …] [--secrets-stdin]
                                     add a connection; secrets as one JSON object on stdin
  weft connections test <name> [--workspace W] [--json]
                                     {"ok","message"}; exit 0 when ok, 1 when not
  weft connections list [--workspace W] [--json]
                                     the workspace's connections, without secrets
  weft flows export <flow id> [--version N] [--workspace W]
                                     print the flow (its draft, or a published version) as a flow file
  weft flows import <file> [--workspace W] [--json]
                                     a new flow from a flow file; prints its id ({"id"} with --json);
                                     exit 1, with the problems by node and field, when the file is refused
  weft worker [--key-file FILE]      only take runs from the queue (needs DATABASE_URL, and the server's secret key:
                                     WEFT_SECRET_KEY, --key-file, or secret.key in WEFT_DATA_DIR)
  weft sandbox creatio|qbo [--port N] [--accounts N] [--limits off]
                                     start one sandbox alone; prints one JSON line when ready
  weft sandbox qbd --weft-url URL [--user U --password P] [--file company.sqlite] [--every S]
                                     a QuickBooks Desktop company file + Web Connector simulator polling URL/qbwc
  weft bench [--json]                measure records/s and memory (see README)
  weft mail test --to ADDRESS [--json]
                                     send a test mail through WEFT_SMTP_URL (exit 0 = the mail server took it)
  weft rotate-key                    encrypt every stored connection secret under a new key (stop Weft first)
  weft users reset-password <email>  give a person a new generated password (printed once) and end their sessions
Environment: WEFT_DATA_DIR (default ./data), PORT (default 3000), DATABASE_URL (default: embedded PostgreSQL),
             WEFT_PG_SCHEMA (default weft), WEFT_SANDBOXES (default on; off = no sandbox)`;

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await start(rest);
      case 'run':
        return await run(rest);
      case 'connections': {
        const { connections } = await import('./cli-connections');
        return await connections(rest, (ws) =>
          reach(ws, (m) => console.error(m), { runs: false }).then(({ connections: api, weft }) => ({ api, weft })),
        );
      }
      case 'flows': {
        const { flowsCommand } = await import('./cli-flows');
        return await flowsCommand(rest, (ws) =>
          reach(ws, (m) => console.error(m), { runs: false }).then(({ flows: api, weft }) => ({ api, weft })),
        );
      }
      case 'worker':
        return await worker(rest);
      case 'sandbox': {
        // The sandboxes are the demo's (demo/): loaded only for this command.
        const { sandboxCommand } = await import('../demo/sandbox-cli');
        return await sandboxCommand(rest);
      }
      case 'rotate-key':
        return await rotateKey();
      case 'mail': {
        const { mailCommand } = await import('./notify/mail-cli');
        return await mailCommand(rest);
      }
      case 'users':
        return await users(rest);
      case 'bench': {
        const { bench } = await import('../scripts/bench');
        return await bench(rest);
      }
      default:
        console.log(USAGE);
        process.exitCode = command ? 2 : 0;
    }
  } catch (e) {
    console.error(`weft ${command}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

async function start(args: string[]): Promise<void> {
  heapForEngine();
  // `--no-sandboxes` is WEFT_SANDBOXES=off: a Weft for a customer, with none of the demo's code loaded.
  if (args.includes('--no-sandboxes')) process.env.WEFT_SANDBOXES = 'off';
  const t0 = Date.now();
  const port = Number(process.env.PORT ?? 3000);
  console.log('Starting Weft…');
  const { bootWeft, consoleLogger, dataDirFromEnv } = await import('./boot');
  const { installLastResort } = await import('./last-resort');
  installLastResort(consoleLogger);
  const weft = await bootWeft({
    dataDir: dataDirFromEnv(),
    port,
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgSchema: process.env.WEFT_PG_SCHEMA || undefined,
    demoCredits: true,
  });
  console.log(`Weft is ready in ${((Date.now() - t0) / 1000).toFixed(1)} s. Open ${weft.url} in your browser.`);
  if (weft.firstAdmin) {
    // Shown once, on the start that created the account: Weft keeps only a hash of the password.
    console.log(`First start: sign in as ${weft.firstAdmin.email}`);
    if (weft.firstAdmin.password)
      console.log(
        `  with the password ${weft.firstAdmin.password}  (shown only now: change it under your name, top right)`,
      );
    else console.log('  with the password in WEFT_ADMIN_PASSWORD.');
  }
  for (const l of weft.sandboxLines) console.log(l);
  for (const w of weft.deploymentWarnings) console.warn(`Warning: ${w}`);
  console.log(`Data folder: ${weft.dataDir}`);
  stopOnSignal(weft);
}

async function rotateKey(): Promise<void> {
  const { dataDirFromEnv, embeddedPortFor, runningWeftUrl } = await import('./boot');
  const dataDir = dataDirFromEnv();
  if (runningWeftUrl(dataDir)) throw new Error(`Weft is running on ${dataDir}: stop it first, then rotate the key.`);
  const { rotateSecretKey } = await import('./design/rotate-key');
  // The run store's connection vault holds copies of the secrets: re-sealed in the same go.
  const schema = process.env.WEFT_PG_SCHEMA || undefined;
  let url = process.env.DATABASE_URL || null;
  let embedded: { stop(): Promise<void> } | null = null;
  if (!url && existsSync(join(dataDir, 'postgres'))) {
    const { startEmbeddedPostgres } = await import('../engine');
    const server = await startEmbeddedPostgres(
      dataDir,
      Number(process.env.WEFT_PG_PORT) || embeddedPortFor(dataDir),
      () => undefined,
    );
    embedded = server;
    url = server.url;
  }
  let r: Awaited<ReturnType<typeof rotateSecretKey>>;
  try {
    r = await rotateSecretKey(dataDir, process.env, url ? { url, schema } : null);
  } finally {
    await embedded?.stop();
  }
  console.log(
    `Re-encrypted ${r.resealed} stored secret(s) under a new key` +
      (r.resealedInRunStore ? `, and ${r.resealedInRunStore} in the run store's connection vault` : '') +
      '.',
  );
  if (r.resealedInRunStore)
    console.log(
      'Workers on other machines need the new key before they run again: restart them with it (WEFT_SECRET_KEY or --key-file).',
    );
  if (r.newEnvKey) {
    console.log(
      'WEFT_SECRET_KEY is set: replace its value with the new key below, then delete secret.key.next from the data folder.',
    );
    console.log(r.newEnvKey);
  } else {
    console.log(`The new key is in ${dataDir}/secret.key; the old one no longer opens anything.`);
  }
}

async function users(args: string[]): Promise<void> {
  const [action, email] = args;
  if (action !== 'reset-password' || !email) throw new Error('say what to do: weft users reset-password <email>');
  const { dataDirFromEnv, ROOT } = await import('./boot');
  const { resetPasswordFromCli } = await import('./auth/reset-password-cli');
  const password = await resetPasswordFromCli(dataDirFromEnv(), email, join(ROOT, 'migrations/design'));
  // Shown once: Weft keeps only its hash.
  console.log(`New password for ${email.trim().toLowerCase()}: ${password}`);
  console.log(
    'Shown only now. Every session of this person has ended and their lockout is lifted; they sign in with it, then change it.',
  );
}

async function worker(args: string[]): Promise<void> {
  heapForEngine();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('A worker shares the queue of another Weft: set DATABASE_URL to that PostgreSQL.');
  const keyArg = args.indexOf('--key-file');
  const keyFile = keyArg >= 0 ? args[keyArg + 1] : undefined;
  if (keyArg >= 0 && !keyFile)
    throw new Error('say which file after --key-file (a copy of secret.key from the Weft this worker serves)');
  // Only PostgreSQL and the key: connections come from the run store's vault, not a design store.
  const { SecretBox } = await import('./design/secrets');
  const { bootWorker, workerDataDir, workerLogger } = await import('./worker-boot');
  const box = SecretBox.forWorker(workerDataDir(), keyFile && resolve(keyFile));
  const { installLastResort } = await import('./last-resort');
  installLastResort(workerLogger);
  const w = await bootWorker({
    databaseUrl: url,
    pgSchema: process.env.WEFT_PG_SCHEMA || undefined,
    box,
    log: workerLogger,
  });
  console.log('Weft worker is taking runs from the queue.');
  stopOnSignal(w);
}

/**
 * V8 lets the heap grow to ~4× what survived the last full GC while the process is
 * busy (a run's pages are short-lived garbage): a worker with ~40 MB of live objects
 * reached 250 MB RSS at 100k records (npm run bench). A smaller growing factor keeps
 * RSS near the live set for a little more GC time, with no hard cap to crash on.
 * (--max-old-space-size cannot be set from inside a running process.)
 * WEFT_HEAP_GROWING_PERCENT=0 keeps V8's default.
 */
function heapForEngine(): void {
  const pct = Number(process.env.WEFT_HEAP_GROWING_PERCENT ?? 20);
  if (pct > 0) setFlagsFromString(`--heap-growing-percent=${pct}`);
}

function stopOnSignal(weft: Pick<Weft, 'close'>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping Weft…`);
    await weft.close();
    console.log('Weft stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * A Weft on the data folder: the running one (HTTP, machine token), or its stores
 * opened here when none runs. `workspace` is the workspace the command acts in
 * (made on first use when the stores are opened here).
 */
async function reach(
  workspace: string | undefined,
  log: (m: string) => void,
  o: { runs: boolean } = { runs: true },
): Promise<{ run: RunApi; connections: ConnectionApi; flows: FlowFileApi; weft: Weft | null }> {
  const { bootWeft, dataDirFromEnv, runningWeftUrl } = await import('./boot');
  const http = await import('./cli-http');
  const dataDir = dataDirFromEnv();
  const url = runningWeftUrl(dataDir);
  if (url) {
    log(`Using the Weft running at ${url}.`);
    const { readMachineToken } = await import('./auth/accounts');
    const token = readMachineToken(dataDir);
    if (!token)
      throw new Error(`there is no machine.token in ${dataDir}, so the running Weft cannot be reached. Restart Weft.`);
    return {
      run: http.httpRunApi(url, token, workspace),
      connections: http.httpConnectionApi(url, token, workspace),
      flows: http.httpFlowFileApi(url, token, workspace),
      weft: null,
    };
  }
  const quiet = { info: () => undefined, warn: (m: string) => log(m), error: (m: string) => log(m) };
  // Connection commands run no flow: no worker, and no sandboxes to start.
  const only = o.runs ? {} : { sandboxes: false, worker: false };
  const weft = await bootWeft({
    dataDir,
    port: null,
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgSchema: process.env.WEFT_PG_SCHEMA || undefined,
    log: quiet,
    ...only,
  });
  if (workspace && !weft.design.workspaceExists(workspace)) {
    weft.design.ensureWorkspace(workspace, workspace);
    log(`Made the workspace "${workspace}".`);
  }
  return {
    run: http.callerRunApi(weft.services, workspace),
    connections: http.callerConnectionApi(weft.services, workspace),
    flows: http.callerFlowFileApi(weft.services, workspace),
    weft,
  };
}

async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const { positionals, optionValues } = await import('./cli-connections');
  const valued = ['--workspace', '--connection', '--utility', '--from', '--to', '--batch-size', '--slices', '--record'];
  const target = positionals(args, valued)[0];
  if (!target) throw new Error('say which flow to run: a template file, a template id or a flow id');
  const { runOnce, connectionBindings, utilityRequest } = await import('./cli-run');
  const utility = utilityRequest((name) => optionValues(args, name)[0]);
  const log = json ? (m: string) => console.error(m) : (m: string) => console.log(m);
  const { run: api, connections: conns, weft } = await reach(optionValues(args, '--workspace')[0], log);
  try {
    const bindings = await connectionBindings(conns, optionValues(args, '--connection'));
    const dryRun = args.includes('--dry-run');
    const summary = await runOnce(api, resolveTarget(target), bindings, { dryRun, ...(utility ? { utility } : {}) });
    if (json) console.log(JSON.stringify(summary));
    else {
      const dry = summary.dryRun ? 'DRY RUN (nothing written) ' : '';
      console.log(`${dry}Run ${summary.runId}: ${summary.status} in ${(summary.durationMs / 1000).toFixed(1)} s`);
      for (const n of summary.nodes)
        console.log(
          `  ${n.id.padEnd(20)} ${n.type.padEnd(28)} in ${n.in}  out ${n.out}  failed ${n.failed}${wrote(n)}`,
        );
      if (summary.error) console.log(`  ${summary.error}`);
    }
    // A single run of a record no source found reads nothing: say so rather than report success silently.
    if (utility?.record && summary.nodes.every((n) => n.in === 0))
      console.error(
        `No record with id "${utility.record}" was read. Check the id (a QuickBooks Id, ListID or TxnID, ` +
          'or a Creatio Id) and that it is a record of the object this flow reads.',
      );
    process.exitCode = summary.status === 'succeeded' ? 0 : summary.status === 'completed-with-errors' ? 3 : 1;
  } finally {
    await weft?.close();
  }
}

/** What a sink wrote (or, in a dry run, would have written), for the plain-text summary. */
function wrote(n: NodeSummary): string {
  if (n.wouldCreate !== undefined)
    return `  would create ${n.wouldCreate}  would update ${n.wouldUpdate}  would skip ${n.wouldSkip}`;
  if (n.created !== undefined) return `  created ${n.created}  updated ${n.updated}  skipped ${n.skipped}`;
  return '';
}

/** A path to a flow JSON file, or an id (of a template or a saved flow). */
function resolveTarget(
  target: string,
): { kind: 'document'; id: string; document: unknown } | { kind: 'id'; id: string } {
  const path = resolve(target);
  if (target.endsWith('.json') || existsSync(path)) {
    if (!existsSync(path)) throw new Error(`there is no file ${path}`);
    const id = `file-${basename(path, '.json')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')}`.slice(0, 80);
    return { kind: 'document', id, document: JSON.parse(readFileSync(path, 'utf8')) };
  }
  return { kind: 'id', id: target };
}
