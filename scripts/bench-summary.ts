// The one line `npm run bench -- --json` ends with: the figures issue 19 asks of the engine, taken
// from the cases above it (each case is also printed as a line of its own before it).
import type { CaseResult } from './bench-processes';

export interface BenchSummary {
  summary: true;
  /** Per size run: records/s as a share of the plain client's, CPU per 1,000 records against it, peak RSS. */
  sizes: {
    accounts: number;
    ratioToCeiling: number | null;
    cpuRatioToCeiling: number | null;
    /** The same against the plain sync loop, which reads the Creatio pages too (bench-sync-loop.ts). */
    ratioToSyncLoop: number | null;
    cpuRatioToSyncLoop: number | null;
    engineCpuMsPer1kRecords: number | null;
    enginePeakRssMb: number;
    peakRssByProcessMb: Record<string, number> | null;
    /** 5 s after ready, and steady (75 s after ready, once V8 has given the start-up's garbage back). */
    serverIdleRssMb: number | null;
    serverSteadyIdleRssMb: number | null;
    incrementalSeconds: number | null;
  }[];
  /** The many-companies cases: each company's share of its own ceiling, latency, worker memory, 429s. */
  companies: {
    companies: number;
    workers: number;
    recordsPerSecond: number;
    ceilingShareMin: number;
    ceilingShareMedian: number;
    companiesAt95: number;
    queuedToRunningP95Ms: number;
    workerPeakRssMb: number[];
    throttled429: number;
    /** CPU seconds each kind of process spent during the runs (less sensitive to a busy machine than time). */
    cpuSecondsDuringRuns: Record<string, number> | null;
    /** From a run's claim to its first log line: the fixed start-up each run pays in the worker. */
    runStartupMs: { median: number; p95: number } | null;
  }[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `groups`: each size's cases in the order benchSize returned them; `companies`: the companies cases. */
export function summarize(groups: { accounts: number; cases: CaseResult[] }[], companies: CaseResult[]): BenchSummary {
  return {
    summary: true,
    sizes: groups.map(({ accounts, cases }) => {
      const full = cases.find((c) => c.case.startsWith('full run'));
      const idle = cases.find((c) => c.case.startsWith('server idle'));
      const inc = cases.find((c) => c.case.startsWith('incremental run'));
      return {
        accounts,
        ratioToCeiling: num(full?.ceilingRatio),
        cpuRatioToCeiling: num(full?.cpuRatioToCeiling),
        ratioToSyncLoop: num(full?.syncLoopRatio),
        cpuRatioToSyncLoop: num(full?.cpuRatioToSyncLoop),
        engineCpuMsPer1kRecords: num(full?.engineCpuMsPer1kRecords),
        enginePeakRssMb: full?.peakRssMb ?? -1,
        peakRssByProcessMb: (full?.peakRssByProcessMb as Record<string, number> | undefined) ?? null,
        serverIdleRssMb: num(idle?.idleRssMb),
        serverSteadyIdleRssMb: num(idle?.steadyIdleRssMb),
        incrementalSeconds: inc ? inc.seconds : null,
      };
    }),
    companies: companies.map((c) => ({
      companies: Number(c.companies),
      workers: Number(c.workers),
      recordsPerSecond: Math.round(c.recordsPerSecond),
      ceilingShareMin: Number(c.ceilingShareMin),
      ceilingShareMedian: Number(c.ceilingShareMedian),
      companiesAt95: Number(c.companiesAt95),
      queuedToRunningP95Ms: Number(c.queuedToRunningP95Ms),
      workerPeakRssMb: (c.workerPeakRssMb as number[]) ?? [],
      throttled429: Number(c.throttled429),
      cpuSecondsDuringRuns: (c.cpuSecondsDuringRuns as Record<string, number> | undefined) ?? null,
      runStartupMs: (c.runStartupMs as { median: number; p95: number } | undefined) ?? null,
    })),
  };
}

/** How a case compares with the plain loop (the ceiling), and what the engine process spent. */
export function ceilingLine(r: CaseResult): string {
  const pct = (x: unknown) => Math.round(Number(x) * 100);
  return (
    `  = ${pct(r.ceilingRatio)}% of the ceiling (mean of before and after: ${r.ceilingPerSecond} rec/s; ` +
    `${pct(r.namesCeilingRatio)}% of names only; ${pct(r.syncLoopRatio)}% of the plain sync loop's ` +
    `${r.syncLoopPerSecond} rec/s, CPU ${r.cpuRatioToSyncLoop}× its ${r.syncLoopCpuMsPer1kRecords} ms per 1,000); ` +
    `engine CPU ${r.engineCpuSeconds} s ` +
    `(${r.engineCpuMsPer1kRecords} ms per 1,000 records), RSS ${r.engineRssAtStartMb} MB before the run`
  );
}
