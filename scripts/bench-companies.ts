// The bench's many-companies case (issue 19): a hosting provider runs hundreds of customers'
// flows on a few workers. `companies` QuickBooks Online companies (realms of one sandbox, each
// with Intuit's real per-company limits: 500 requests/min and 10/s per realm and app, 10 at once,
// 40 batch calls/min) each get the template's run of the same Creatio accounts, all started at
// once, on `workers` `weft worker` processes sharing one PostgreSQL (and so one governor).
// Figures: each company's share of its own ceiling (the time its batch calls take at 40 a minute,
// over the time its run took, start-up included), queued → running p95, each worker's peak RSS, the
// aggregate records/s, and the 429s the sandbox answered (a company pushed past its limits).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootWeft, embeddedPortFor, ROOT } from '../server/boot';
import { startEmbeddedPostgres } from '../engine';
import { DEFAULT_WORKSPACE } from '../server/app';
import {
  cpuSeconds,
  postgresCpuSeconds,
  procStatusMb,
  sayBusiestStatements,
  sandboxProcess,
  stopProcess,
  workerProcess,
  type CaseResult,
} from './bench-processes';
import { LIMIT_PER_MINUTE } from './bench-limits';

/** Intuit's batch limit per company and app: 40 calls a minute, at most 10 a second. */
const BATCHES_PER_MINUTE = 40;

/**
 * The time a company's batch calls take at its ceiling, 40 a minute (1,200 records a minute, as the
 * limits case measures it): the governor paces them evenly instead of spending a minute's budget at once.
 */
export function ceilingSeconds(batches: number): number {
  return (Math.max(0, batches) / BATCHES_PER_MINUTE) * 60;
}

export function p95(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

export async function companiesCase(
  o: { companies: number; minutes: number; workers: number },
  say: (m: string) => void,
): Promise<CaseResult> {
  // Enough accounts to keep each company writing for `minutes` at its ceiling (about 80% are written).
  const accounts = Math.ceil((LIMIT_PER_MINUTE * o.minutes) / 0.8);
  const dir = mkdtempSync(join(tmpdir(), 'weft-bench-companies-'));
  const children: ChildProcess[] = [];
  const workers: ChildProcess[] = [];
  try {
    const creatio = await sandboxProcess(['creatio', '--accounts', String(accounts)], children);
    const qbo = await sandboxProcess(['qbo', '--realms', String(o.companies), '--accounts', '0'], children);
    const realms = qbo.realms as { id: string; refreshToken: string }[];
    say(`  sandboxes ready: ${realms.length} companies, ${accounts} Creatio accounts each company syncs`);
    const pg = await startEmbeddedPostgres(dir, Number(process.env.WEFT_PG_PORT) || embeddedPortFor(dir), () => {});
    const weft = await bootWeft({
      dataDir: dir,
      port: null,
      databaseUrl: pg.url,
      sandboxes: false,
      worker: false,
      log: { info: () => undefined, warn: say, error: say },
    });
    try {
      weft.design.upsertConnection({
        id: 'creatio-sandbox',
        workspaceId: DEFAULT_WORKSPACE,
        kind: 'creatio',
        name: 'Creatio (bench)',
        settings: { baseUrl: creatio.baseUrl as string, username: creatio.username as string, authKind: 'forms' },
        secrets: { password: creatio.password },
      });
      const template = JSON.parse(readFileSync(join(ROOT, 'templates/creatio-accounts-to-qbo-customers.json'), 'utf8'));
      const flows: string[] = [];
      for (const [i, realm] of realms.entries()) {
        const id = `qbo-${i + 1}`;
        // Intuit's default limits (no `limits` setting): the governor paces each company to them.
        weft.design.upsertConnection({
          id,
          workspaceId: DEFAULT_WORKSPACE,
          kind: 'quickbooks-online',
          name: `Company ${i + 1} (bench)`,
          settings: {
            baseUrl: qbo.baseUrl as string,
            tokenUrl: `${qbo.baseUrl}/oauth2/v1/tokens/bearer`,
            realmId: realm.id,
            clientId: qbo.clientId as string,
          },
          secrets: { clientSecret: qbo.clientSecret, refreshToken: realm.refreshToken },
        });
        const doc = structuredClone(template);
        for (const n of doc.nodes) if (n.config.connection === '@quickbooks-online') n.config.connection = id;
        doc.name = `Company ${i + 1}`;
        flows.push(await weft.services.design.createFlow(DEFAULT_WORKSPACE, doc, null, `company-${i + 1}`));
      }
      // Workers start once the connections are in the vault; concurrency: every company's run at once.
      process.env.WEFT_WORKER_CONCURRENCY = String(Math.ceil(o.companies / o.workers));
      for (let w = 0; w < o.workers; w++) workers.push(await workerProcess(dir, pg.url, say));
      const stats0 = (await (await fetch(`${qbo.baseUrl}/__sandbox/stats`)).json()) as Record<string, number>;
      // CPU seconds spent during the runs, per process: less sensitive than wall time to a busy machine.
      const cpuNow = () => ({
        workers: workers.reduce((a, w) => a + cpuSeconds(w.pid!), 0),
        postgres: postgresCpuSeconds(join(dir, 'postgres')),
        creatioSandbox: cpuSeconds(children[0].pid!),
        qboSandbox: cpuSeconds(children[1].pid!),
      });
      const cpu0 = cpuNow();
      const t0 = Date.now();
      const runIds: string[] = [];
      for (const f of flows)
        runIds.push((await weft.services.runs.startRun(DEFAULT_WORKSPACE, f, { trigger: 'manual' })).runId);
      const ended = ['succeeded', 'completed-with-errors', 'failed', 'stopped'];
      type Row = { id: string; status: string; queued_at: Date; started_at: Date | null; finished_at: Date | null };
      let rows: Row[] = [];
      for (const end = Date.now() + (o.minutes + 10) * 60_000; Date.now() < end;) {
        await new Promise((r) => setTimeout(r, 1000));
        rows = (
          await weft.queue.pool.query(
            `SELECT id, status, queued_at, started_at, finished_at FROM weft_runs WHERE id = ANY($1)`,
            [runIds],
          )
        ).rows;
        if (rows.every((r) => ended.includes(r.status))) break;
      }
      const wallSeconds = (Date.now() - t0) / 1000;
      const cpu1 = cpuNow();
      if (process.env.WEFT_PG_STATS) await sayBusiestStatements(weft.queue.pool, say);
      const cpuDuringRuns = Object.fromEntries(
        Object.entries(cpu1).map(([k, v]) => [k, Math.round((v - cpu0[k as keyof typeof cpu0]) * 100) / 100]),
      );
      const written = new Map<string, number>(
        (
          await weft.queue.pool.query(
            `SELECT run_id, created + updated AS n FROM weft_run_nodes
              WHERE run_id = ANY($1) AND node_id = 'customers'`,
            [runIds],
          )
        ).rows.map((r) => [r.run_id as string, Number(r.n)]),
      );
      // A run's start-up in the worker: from its claim (started_at) to its first log line (runFlow starting).
      const startups = (
        await weft.queue.pool.query(
          `SELECT extract(epoch FROM min(l.at) - r.started_at) * 1000 AS ms FROM weft_runs r
             JOIN weft_run_logs l ON l.run_id = r.id AND l.message LIKE 'Run started%'
            WHERE r.id = ANY($1) GROUP BY r.id, r.started_at`,
          [runIds],
        )
      ).rows
        .map((r) => Number(r.ms))
        .sort((a, b) => a - b);
      const done = rows.filter((r) => r.started_at && r.finished_at);
      const tookOf = (r: Row) => (new Date(r.finished_at!).getTime() - new Date(r.started_at!).getTime()) / 1000;
      const shares = done.map((r) =>
        Math.min(1, ceilingSeconds(Math.ceil((written.get(r.id) ?? 0) / 30)) / Math.max(tookOf(r), 0.001)),
      );
      const took = done.map(tookOf).sort((a, b) => a - b);
      const waits = rows
        .filter((r) => r.started_at)
        .map((r) => new Date(r.started_at!).getTime() - new Date(r.queued_at).getTime());
      const stats = (await (await fetch(`${qbo.baseUrl}/__sandbox/stats`)).json()) as Record<string, number>;
      const total = [...written.values()].reduce((a, b) => a + b, 0);
      const sorted = [...shares].sort((a, b) => a - b);
      return {
        case: `${o.companies} companies, ${o.workers} worker${o.workers > 1 ? 's' : ''}`,
        records: total,
        seconds: wallSeconds,
        recordsPerSecond: total / wallSeconds,
        peakRssMb: Math.max(...workers.map((w) => procStatusMb(w.pid!, 'VmHWM'))),
        workerPeakRssMb: workers.map((w) => procStatusMb(w.pid!, 'VmHWM')),
        companies: o.companies,
        workers: o.workers,
        accountsPerCompany: accounts,
        runsEnded: rows.filter((r) => ended.includes(r.status)).length,
        statuses: Object.fromEntries(
          [...new Set(rows.map((r) => r.status))].map((s) => [s, rows.filter((r) => r.status === s).length]),
        ),
        ceilingShareMin: Math.round((sorted[0] ?? 0) * 1000) / 10,
        ceilingShareMedian: Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 1000) / 10,
        companiesAt95: shares.filter((s) => s >= 0.95).length,
        queuedToRunningP95Ms: p95(waits),
        companyRunSeconds: { min: took[0], median: took[Math.floor(took.length / 2)], max: took.at(-1) },
        writtenPerCompany: { min: Math.min(...written.values()), max: Math.max(...written.values()) },
        throttled429: stats.throttled - stats0.throttled,
        runStartupMs: { median: Math.round(startups[startups.length >> 1] ?? 0), p95: Math.round(p95(startups)) },
        cpuSecondsDuringRuns: cpuDuringRuns,
      };
    } finally {
      for (const w of workers) await stopProcess(w);
      await weft.close();
      await pg.stop();
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `--companies N [--minutes M] [--workers W]`: N companies on 1 worker, then on 2 (or on W), one result each. */
export async function companiesCases(args: string[], say: (m: string) => void): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  const numberAfter = (flag: string, fallback: number) => {
    const v = Number(args[args.indexOf(flag) + 1]);
    return args.includes(flag) && Number.isFinite(v) && v > 0 ? v : fallback;
  };
  for (const workers of args.includes('--workers') ? [numberAfter('--workers', 1)] : [1, 2]) {
    const o = { companies: numberAfter('--companies', 200), minutes: numberAfter('--minutes', 1), workers };
    say(
      `\n— ${o.companies} QuickBooks Online companies at Intuit's limits, ${o.minutes} min each, ${workers} worker(s)`,
    );
    const r = await companiesCase(o, say);
    out.push(r);
    say(
      `  ${r.case.padEnd(34)} ${String(r.records).padStart(8)} written  ${r.seconds.toFixed(1).padStart(7)} s  ` +
        `${Math.round(r.recordsPerSecond)} rec/s in all; each company's share of its ceiling: min ` +
        `${String(r.ceilingShareMin)}%, median ${String(r.ceilingShareMedian)}%, ${String(r.companiesAt95)} of ` +
        `${o.companies} at ≥ 95%; queued → running p95 ${String(r.queuedToRunningP95Ms)} ms; worker peak RSS ` +
        `${(r.workerPeakRssMb as number[]).join(', ')} MB; 429s ${String(r.throttled429)}; ${JSON.stringify(r.statuses)}; ` +
        `CPU s during the runs ${JSON.stringify(r.cpuSecondsDuringRuns)}; run seconds ${JSON.stringify(r.companyRunSeconds)}; ` +
        `start-up in the worker (ms) ${JSON.stringify(r.runStartupMs)}`,
    );
  }
  return out;
}
