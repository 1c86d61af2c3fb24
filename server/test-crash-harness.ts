// Shared set-up of the crash tests (crash-recovery.test.ts for QuickBooks Online,
// desktop-crash-recovery.test.ts for Desktop): `weft worker` child processes on the
// test's PostgreSQL schema, SIGKILLed at random points of a load and restarted, and the
// run's state read from the run store between kills.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { startCreatioSandbox } from '../sandbox/creatio';
import { DEFAULT_WORKSPACE } from './app';
import { ROOT, type Weft } from './boot';

export const ENDED = ['succeeded', 'completed-with-errors', 'failed', 'stopped'];
const DONE = ['succeeded', 'completed-with-errors'];

/** Worker processes on one run store; `killAll` in afterAll leaves none behind. */
export function crashWorkers(databaseUrl: string, schema: string, dataDir: string) {
  const workers: ChildProcess[] = [];
  return {
    start(): ChildProcess {
      const child = spawn(process.execPath, [join(ROOT, 'bin/weft.mjs'), 'worker'], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          WEFT_PG_SCHEMA: schema,
          WEFT_DATA_DIR: dataDir,
          // Short heartbeats so that a killed worker's run is taken over within seconds.
          WEFT_HEARTBEAT_MS: '500',
          WEFT_STALE_MS: '2500',
        },
      });
      workers.push(child);
      return child;
    },
    killAll() {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    },
  };
}

/** The Creatio sandbox as the workspace's Creatio connection. */
export function addCreatioConnection(weft: Weft, creatio: Awaited<ReturnType<typeof startCreatioSandbox>>) {
  weft.design.upsertConnection({
    id: 'creatio-sandbox',
    workspaceId: DEFAULT_WORKSPACE,
    kind: 'creatio',
    name: 'Creatio',
    settings: { baseUrl: creatio.baseUrl, username: creatio.username, authKind: 'forms' },
    secrets: { password: creatio.password },
  });
}

/** A run's status and how many records its sink node has created or updated so far. */
export function runProbe(weft: Weft, runId: string, sinkNode: string) {
  const pool = weft.queue.pool;
  return {
    async status(): Promise<{ status: string; resumes: number }> {
      return (await pool.query(`SELECT status, resumes FROM weft_runs WHERE id = $1`, [runId])).rows[0];
    },
    async written(): Promise<number> {
      const { rows } = await pool.query(
        `SELECT created + updated AS n FROM weft_run_nodes WHERE run_id = $1 AND node_id = $2`,
        [runId, sinkNode],
      );
      return Number(rows[0]?.n ?? 0);
    },
  };
}

export interface KillPlan {
  kills: number;
  /** Records written between two kills: at least `minGap`, plus a random share up to `spread`. */
  minGap: number;
  spread: number;
  /** The longest random wait after the gap is reached: the kill lands anywhere inside a page. */
  withinPageMs: number;
  /** Runs while no worker is alive (a person's edit in QuickBooks). */
  whileDown?: () => void;
}

/**
 * Kills the worker at random points of the load and starts a new one each time; a kill after
 * which the run had already ended does not count. Then waits (up to 10 minutes) for the run to
 * end and stops the last worker. Returns the kills that were taken over and the run's end state.
 */
export async function killDuringLoad(
  start: () => ChildProcess,
  probe: ReturnType<typeof runProbe>,
  plan: KillPlan,
): Promise<{ kills: number; end: { status: string; resumes: number } }> {
  let kills = 0;
  let worker = start();
  while (kills < plan.kills) {
    const target = (await probe.written()) + plan.minGap + Math.floor(Math.random() * plan.spread);
    while ((await probe.written()) < target && !DONE.includes((await probe.status()).status)) await sleep(50);
    if (DONE.includes((await probe.status()).status)) break;
    await sleep(Math.random() * plan.withinPageMs);
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    plan.whileDown?.();
    const ended = DONE.includes((await probe.status()).status);
    if (!ended) kills++;
    worker = start();
    if (ended) break;
  }
  let end = await probe.status();
  for (
    const until = Date.now() + 600_000;
    !ENDED.includes(end.status) && Date.now() < until;
    end = await probe.status()
  )
    await sleep(250);
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  return { kills, end };
}

export function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
