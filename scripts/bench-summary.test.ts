// The bench's `--json` summary line (issue 19): the figures a hosting provider reads, in a shape
// scripts can rely on, taken from the cases the bench ran; and the least time Intuit's limits
// allow a company's batch calls, which each company's share of its ceiling is measured against.
import { describe, expect, it } from 'vitest';
import { ceilingSeconds, p95 } from './bench-companies';
import type { CaseResult } from './bench-processes';
import { summarize } from './bench-summary';

const c = (name: string, extra: Partial<CaseResult> = {}): CaseResult => ({
  case: name,
  records: 10_000,
  seconds: 2,
  recordsPerSecond: 5_000,
  peakRssMb: 120,
  ...extra,
});

describe('bench summary', () => {
  it('gives per size the ratio to the ceiling, CPU against it, peak RSS per process and server idle RSS', () => {
    const s = summarize(
      [
        {
          accounts: 10_000,
          cases: [
            c('ceiling (plain client, batches of 30)'),
            c('full run (engine, end to end)', {
              ceilingRatio: 0.85,
              cpuRatioToCeiling: 1.7,
              syncLoopRatio: 0.93,
              cpuRatioToSyncLoop: 2.1,
              engineCpuMsPer1kRecords: 140,
              peakRssMb: 121,
              peakRssByProcessMb: { engine: 121, server: 170, creatioSandbox: 100, qboSandbox: 160 },
            }),
            c('incremental run (10 changed)', { seconds: 0.04 }),
            c('server idle (weft start --no-sandboxes)', { idleRssMb: 121, steadyIdleRssMb: 98 }),
          ],
        },
      ],
      [
        c('3 companies, 2 workers', {
          companies: 3,
          workers: 2,
          recordsPerSecond: 59.6,
          ceilingShareMin: 96.1,
          ceilingShareMedian: 97,
          companiesAt95: 3,
          queuedToRunningP95Ms: 640,
          workerPeakRssMb: [110, 112],
          throttled429: 0,
          cpuSecondsDuringRuns: { workers: 9.1, postgres: 5.8, creatioSandbox: 1, qboSandbox: 5.9 },
          runStartupMs: { median: 40, p95: 120 },
        }),
      ],
    );
    expect(JSON.parse(JSON.stringify(s))).toEqual({
      summary: true,
      sizes: [
        {
          accounts: 10_000,
          ratioToCeiling: 0.85,
          cpuRatioToCeiling: 1.7,
          ratioToSyncLoop: 0.93,
          cpuRatioToSyncLoop: 2.1,
          engineCpuMsPer1kRecords: 140,
          enginePeakRssMb: 121,
          peakRssByProcessMb: { engine: 121, server: 170, creatioSandbox: 100, qboSandbox: 160 },
          serverIdleRssMb: 121,
          serverSteadyIdleRssMb: 98,
          incrementalSeconds: 0.04,
        },
      ],
      companies: [
        {
          companies: 3,
          workers: 2,
          recordsPerSecond: 60,
          ceilingShareMin: 96.1,
          ceilingShareMedian: 97,
          companiesAt95: 3,
          queuedToRunningP95Ms: 640,
          workerPeakRssMb: [110, 112],
          throttled429: 0,
          cpuSecondsDuringRuns: { workers: 9.1, postgres: 5.8, creatioSandbox: 1, qboSandbox: 5.9 },
          runStartupMs: { median: 40, p95: 120 },
        },
      ],
    });
  });

  it('says null, not a made-up figure, for what a size run did not measure', () => {
    const [size] = summarize([{ accounts: 1_000, cases: [c('full run (engine, end to end)')] }], []).sizes;
    expect(size).toMatchObject({
      ratioToCeiling: null,
      cpuRatioToCeiling: null,
      ratioToSyncLoop: null,
      serverIdleRssMb: null,
    });
    const [company] = summarize([], [c('3 companies, 1 worker', { companies: 3, workers: 1 })]).companies;
    expect(company).toMatchObject({ cpuSecondsDuringRuns: null, runStartupMs: null });
  });

  it("a company's ceiling: 40 batch calls of 30 records a minute", () => {
    expect(ceilingSeconds(0)).toBe(0);
    expect(ceilingSeconds(40)).toBe(60);
    expect(ceilingSeconds(100)).toBe(150);
    expect(p95([5, 1, 4, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])).toBe(19);
  });
});
