// The bench's processes: sandboxes and the worker as child processes, and what
// /proc says of them (peak RSS, CPU seconds). Split from bench.ts to keep it readable.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type pg from 'pg';
import { ROOT } from '../server/boot';

/** One line of the bench's report. */
export interface CaseResult {
  case: string;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMb: number;
  [k: string]: unknown;
}

/** Starts `weft sandbox …` as a child process and reads its one JSON line. */
export async function sandboxProcess(args: string[], children: ChildProcess[]): Promise<Record<string, unknown>> {
  const flags = (process.env.WEFT_BENCH_SANDBOX_FLAGS ?? '').split(' ').filter(Boolean);
  // From the bundle, as the worker (see workerProcess), so an edit meanwhile does not slow the sandboxes down.
  const env = import.meta.url.includes('/dist/server/') ? { ...process.env, WEFT_BUNDLE: '1' } : process.env;
  const child = spawn(process.execPath, [...flags, join(ROOT, 'bin/weft.mjs'), 'sandbox', ...args, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  children.push(child);
  const rl = createInterface({ input: child.stdout! });
  for await (const line of rl) {
    if (line.startsWith('{')) return JSON.parse(line);
  }
  throw new Error(`the sandbox ${args[0]} stopped before it was ready`);
}

/**
 * `weft worker` on the bench's run store: the engine alone in a process, launched
 * as `npx weft worker` launches it — bin/weft.mjs executed directly, so its
 * shebang's node flags (the heap limits) apply. When the bench runs from the bundle
 * `npm run bench` just built, so does the worker (WEFT_BUNDLE=1), even if a source
 * is edited meanwhile. WEFT_BENCH_NODE_FLAGS adds node flags (e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof`, which NODE_OPTIONS refuses): node is then called with
 * the shebang's flags and these; WEFT_BENCH_SANDBOX_FLAGS for the sandboxes.
 */
export async function workerProcess(
  dir: string,
  databaseUrl: string,
  _say: (m: string) => void,
): Promise<ChildProcess> {
  const bin = join(ROOT, 'bin/weft.mjs');
  const fromBundle = import.meta.url.includes('/dist/server/');
  const flags = (process.env.WEFT_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const shebang = readFileSync(bin, 'utf8').split('\n')[0].split(/\s+/);
  const [command, args] = flags.length
    ? [process.execPath, [...shebang.slice(shebang.indexOf('node') + 1), ...flags, bin, 'worker']]
    : [bin, ['worker']];
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DATABASE_URL: databaseUrl, WEFT_DATA_DIR: dir, ...(fromBundle ? { WEFT_BUNDLE: '1' } : {}) },
  });
  const rl = createInterface({ input: child.stdout! });
  for await (const line of rl) {
    if (line.includes('taking runs')) {
      // Drained: its log lines are not the bench's output (WEFT_BENCH_WORKER_LOG keeps them in a file).
      const logFile = process.env.WEFT_BENCH_WORKER_LOG;
      rl.on('line', (l) => logFile && appendFileSync(logFile, `${l}\n`));
      return child;
    }
  }
  throw new Error("the bench's worker process stopped before it was ready");
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** A figure of /proc/<pid>/status (VmRSS now, VmHWM = peak RSS so far), in MB. */
export function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : -1;
}

/** User + system CPU seconds of a process so far (/proc/<pid>/stat, in clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds of an embedded PostgreSQL so far: its postmaster (pid from `postmaster.pid` in `pgDir`), its
 * live backends and what its exited backends spent (the postmaster's cutime + cstime).
 */
export function postgresCpuSeconds(pgDir: string): number {
  try {
    const pid = Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const fieldsOf = (p: number | string) => {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    };
    const own = fieldsOf(pid);
    let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const f = fieldsOf(p);
        if (Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // The process ended meanwhile: its time is in the postmaster's cutime now.
      }
    }
    return ticks / 100;
  } catch {
    return -1;
  }
}

/**
 * The run store's 25 busiest statements by total time (WEFT_PG_STATS=1: the embedded PostgreSQL then loads
 * pg_stat_statements; without it this says why there are none, and goes on).
 */
export async function sayBusiestStatements(pool: pg.Pool, say: (m: string) => void): Promise<void> {
  const { rows } = await pool
    .query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
    .then(() =>
      pool.query(
        `SELECT calls, round(total_exec_time) ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), ` +
          `160) q FROM public.pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25`,
      ),
    )
    .catch((e: Error) => {
      say(`    the run store's busiest statements are not available: ${e.message}`);
      return { rows: [] as Record<string, unknown>[] };
    });
  for (const r of rows)
    say(
      `    pg ${String(r.ms).padStart(7)} ms ${String(r.calls).padStart(7)} calls ${String(r.rows).padStart(8)} ` +
        `rows  ${String(r.q)}`,
    );
}

export function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

/**
 * `weft start --no-sandboxes` (server, API, designer files and its own worker) on the bench's run
 * store, left idle for `idleMs` after it says it is ready, then asked for its sign-in page once, as
 * a hosting provider's Weft waiting for its customers: its RSS then, and its peak. Then again once
 * `steadyMs` have passed since ready: V8 gives the start-up's garbage back to the system only after
 * about 50 s without work (its memory reducer), and a server waiting for customers is idle for hours,
 * so the steady figure is the one issue 19's goal (< 120 MB) is about; the early one is kept beside it.
 */
export async function serverIdle(
  databaseUrl: string,
  dataDir: string,
  idleMs = 5_000,
  steadyMs = 75_000,
): Promise<CaseResult> {
  const bin = join(ROOT, 'bin/weft.mjs');
  const fromBundle = import.meta.url.includes('/dist/server/');
  const child = spawn(bin, ['start', '--no-sandboxes'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      WEFT_DATA_DIR: dataDir,
      PORT: '0',
      WEFT_ADMIN_PASSWORD: 'bench-admin-password-0123456789',
      ...(fromBundle ? { WEFT_BUNDLE: '1' } : {}),
    },
  });
  try {
    const t0 = performance.now();
    const rl = createInterface({ input: child.stdout! });
    let url = '';
    for await (const line of rl) {
      const m = /Weft is ready .* Open (\S+) in your browser/.exec(line);
      if (m) {
        url = m[1];
        break;
      }
    }
    if (!url) throw new Error('weft start stopped before it was ready');
    const readySeconds = (performance.now() - t0) / 1000;
    rl.on('line', () => undefined);
    const ready = performance.now();
    await new Promise((r) => setTimeout(r, idleMs));
    await fetch(url).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 500));
    const idleRssMb = procStatusMb(child.pid!, 'VmRSS');
    await new Promise((r) => setTimeout(r, Math.max(0, steadyMs - (performance.now() - ready))));
    await fetch(url).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 500));
    return {
      case: 'server idle (weft start --no-sandboxes)',
      records: 0,
      seconds: readySeconds,
      recordsPerSecond: 0,
      peakRssMb: procStatusMb(child.pid!, 'VmHWM'),
      idleRssMb,
      steadyIdleRssMb: procStatusMb(child.pid!, 'VmRSS'),
    };
  } finally {
    await stopProcess(child);
  }
}
