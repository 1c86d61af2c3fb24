// `npm run bench [-- --json] [-- --accounts 10000,100000] [-- --limits-minutes 10]`
//
// Measures the shipped template (Creatio accounts → QuickBooks customers) through
// the sandboxes, each sandbox in its own process so the engine's memory is
// measured alone:
// - ceiling: a plain client posting ready-made batches of 30 to the QuickBooks
//   sandbox, 10 at a time — the customers this job writes (the template mapping's
//   fields), measured right before (after 5,000 unmeasured posts that warm the
//   sandbox up) and right after the engine's run, whose ratio is taken against their
//   mean (this machine's speed drifts: judge the ratio over several runs); also a names-only
//   ceiling (DisplayName alone, the ceiling of earlier figures) for comparison;
// - full run: records/s and the engine process's peak RSS (the engine is a
//   `weft worker` child process of its own, so the bench's own boot, the ceiling
//   client and the sandboxes are not counted: VmHWM from /proc/<pid>/status);
// - incremental: a second run with a few changed accounts;
// - scheduler latency: a schedule's due time → its run running (issue 6);
// - with Intuit's real limits on, in sandbox and governor alike ("API call limits and
//   throttles": 40 batch calls a minute per realm and app, 10 requests a second, 500 a
//   minute): the share of the 1,200 records a minute one app can write to one company
//   (40 × 30) that the template sustains over `--limits-minutes` (default 10), its binding
//   queries taking from the same budget, and the 429s met (there should be none).
// - server idle: `weft start --no-sandboxes` on the run store, idle, its RSS 5 s after ready and steady (issue 19: < 120 MB);
// - CPU per 1,000 records of the engine against the plain client's (issue 19: at most 2×).
// `--accounts 1000000` adds the 1M case; `--no-limits-case` skips the slow one, `--only-limits-case` runs it alone.
// - mapping (issue 14): the same flow with field copies and with JSONata expressions, the throughput
//   JSONata costs (bench-mapping.ts), end to end through the sandboxes (`--mapping-accounts N`, default
//   10,000; 0 skips it) and in the engine alone (`--mapping-records N`); `--only-mapping-case` runs it alone.
// `--companies N [--minutes M] [--workers W]` runs the many-companies case alone (scripts/bench-companies.ts):
// N QuickBooks Online companies at Intuit's limits, M minutes of writing each, on 1 then 2 workers; with the CPU
// seconds of the workers, PostgreSQL and the sandboxes during the runs, and each run's start-up in the worker
// (WEFT_PG_STATS=1 adds the run store's busiest statements). A full bench ends with it at its defaults (200
// companies, 1 minute each: 1,500 accounts a company; 1 then 2 workers); `--no-companies-case` skips it.
// `--json` ends with one summary line (scripts/bench-summary.ts).
// A benchmark, never a timed test.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootWeft, embeddedPortFor, ROOT } from '../server/boot';
import { startEmbeddedPostgres } from '../engine';
import { callerRunApi } from '../server/cli-http';
import { runOnce } from '../server/cli-run';
import { DEFAULT_WORKSPACE } from '../server/app';
import { ceiling, touchAccounts } from './bench-ceiling';
import { compareWithLoop, syncLoop } from './bench-sync-loop';
import {
  cpuSeconds,
  mb,
  procStatusMb,
  sandboxProcess,
  sayBusiestStatements,
  serverIdle,
  stopProcess,
  workerProcess,
  type CaseResult,
} from './bench-processes';
import { LIMIT_PER_MINUTE, sampleWrites, sustainedShare, type SinkSample } from './bench-limits';
import { mappingCase, templateMappings } from './bench-mapping';
import { companiesCases } from './bench-companies';
import { ceilingLine, summarize } from './bench-summary';

// The sandbox runs without Intuit's limits here, so the client must not pace either:
// this measures the engine's own overhead. (Real limits: a case of its own later.)
const NO_LIMITS = { perMinute: 1e9, perSecond: 1e9, concurrent: 10, batchPerMinute: 1e9 };

export async function bench(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const sizesArg = args[args.indexOf('--accounts') + 1];
  const sizes = args.includes('--accounts') && sizesArg ? sizesArg.split(',').map(Number) : [10_000, 100_000];
  const out: CaseResult[] = [];
  const groups: { accounts: number; cases: CaseResult[] }[] = [];
  const companies: CaseResult[] = [];
  const say = (m: string) => (json ? process.stderr.write(`${m}\n`) : console.log(m));
  // `--companies N [--minutes M] [--workers W]`: the many-companies case alone.
  const onlyCompanies = args.includes('--companies');
  const companiesCase = async () => {
    const rs = await companiesCases(args, say);
    out.push(...rs);
    companies.push(...rs);
  };
  if (onlyCompanies) await companiesCase();
  const only = args.includes('--only-limits-case') || args.includes('--only-mapping-case') || onlyCompanies;
  if (!args.includes('--only-limits-case') && !onlyCompanies) {
    const n = args.includes('--mapping-records') ? Number(args[args.indexOf('--mapping-records') + 1]) : 100_000;
    say(`\n— mapping: ${n.toLocaleString('en-US')} accounts, field copies vs JSONata expressions (engine only)`);
    const accounts = args.includes('--mapping-accounts')
      ? Number(args[args.indexOf('--mapping-accounts') + 1])
      : 10_000;
    const endToEnd = (expressions: boolean) =>
      benchSize(accounts, say, false, undefined, {
        label: `mapping end to end: ${expressions ? 'JSONata' : 'copies'}`,
        mappings: templateMappings(expressions),
      });
    const runs = accounts > 0 ? [...(await endToEnd(false)), ...(await endToEnd(true))] : [];
    if (runs.length === 2) {
      const share = 1 - runs[1].recordsPerSecond / runs[0].recordsPerSecond;
      runs[1].throughputCostPercent = Math.round(share * 1000) / 10;
      // Issue 14's measure: the same flow, run as a customer runs it (goal: JSONata costs at most 15%).
      say(
        `  end to end (${accounts} accounts through the sandboxes): JSONata costs ${runs[1].throughputCostPercent}% ` +
          '(goal ≤ 15%)',
      );
    }
    for (const r of [...runs, ...(await mappingCase(n > 0 ? n : 100_000, say))]) {
      out.push(r);
      say(
        `  ${r.case.padEnd(34)} ${String(r.records).padStart(8)} records  ${r.seconds.toFixed(2).padStart(7)} ` +
          `s  ${Math.round(r.recordsPerSecond).toString().padStart(7)} rec/s`,
      );
    }
  }
  for (const accounts of only ? [] : sizes) {
    say(`\n— ${accounts.toLocaleString('en-US')} Creatio accounts → QuickBooks customers`);
    const group = { accounts, cases: [] as CaseResult[] };
    groups.push(group);
    for (const r of await benchSize(accounts, say)) {
      out.push(r);
      group.cases.push(r);
      say(
        `  ${r.case.padEnd(34)} ${String(r.records).padStart(8)} records  ${r.seconds.toFixed(2).padStart(7)} ` +
          `s  ${Math.round(r.recordsPerSecond).toString().padStart(7)} rec/s  peak RSS ${r.peakRssMb} MB` +
          (r.ceilingRatio !== undefined ? ceilingLine(r) : '') +
          (r.steadyIdleRssMb !== undefined
            ? `; RSS ${r.idleRssMb} MB at 5 s idle, ${r.steadyIdleRssMb} MB steady`
            : ''),
      );
      if (r.peakRssByProcessMb)
        say(
          `  ${''.padEnd(34)} peak RSS by process (MB): ${Object.entries(r.peakRssByProcessMb)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        );
    }
  }
  if (!args.includes('--no-limits-case') && !args.includes('--only-mapping-case') && !onlyCompanies) {
    const minutesArg = args.includes('--limits-minutes') ? Number(args[args.indexOf('--limits-minutes') + 1]) : 10;
    const minutes = Number.isFinite(minutesArg) && minutesArg > 0 ? minutesArg : 10;
    say(
      `\n— Intuit's real limits for ${minutes} min (40 batch calls/min per realm and app, 10 requests/s, 500/min, ≤30 per batch: 1,200 records/min)`,
    );
    const r = await limitsCase(minutes, say);
    out.push(r);
    say(
      `  ${r.case.padEnd(34)} ${String(r.records).padStart(8)} written  ${r.seconds.toFixed(1).padStart(7)} ` +
        `s  sustained ${r.sustainedPerMinute ?? '?'} rec/min = ${r.sustainedShare ?? '?'}% of the ${LIMIT_PER_MINUTE} ` +
        `allowed (over ${r.sustainedWindowSeconds ?? '?'} s after the first minute; whole run ${r.wholeRunPerMinute} ` +
        `rec/min); 429s ${r.throttled}, requests ${r.requests} (batch calls and binding queries), failed ` +
        `${r.failed}`,
    );
  }
  // Issue 19's many-companies figures belong in every full bench: 200 companies, 1 then 2 workers.
  const skipCompanies = ['--no-companies-case', '--only-limits-case', '--only-mapping-case'].some((f) =>
    args.includes(f),
  );
  if (!onlyCompanies && !skipCompanies) await companiesCase();
  if (json) {
    for (const r of out) console.log(JSON.stringify(r));
    console.log(JSON.stringify(summarize(groups, companies)));
  }
}

async function benchSize(
  accounts: number,
  say: (m: string) => void,
  limits = false,
  afterRun?: (qbo: Record<string, unknown>) => Promise<void>,
  /** The mapping case (issue 14): the template with these field mappings, the full run only. */
  shape?: { label: string; mappings: object[] },
): Promise<CaseResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  const children: ChildProcess[] = [];
  try {
    const creatio = await sandboxProcess(['creatio', '--accounts', String(accounts)], children);
    const qbo = await sandboxProcess(
      ['qbo', '--accounts', String(accounts), ...(limits ? [] : ['--limits', 'off'])],
      children,
    );
    say(`  sandboxes ready (Creatio ${creatio.baseUrl}, QuickBooks ${qbo.baseUrl})`);
    const results: CaseResult[] = [];
    if (!limits && !shape) {
      // Warm-up, not measured: a fresh sandbox's first thousands of posts run before its
      // code is compiled, and took 2.5 s instead of 2.2 s for 20,000 (or twice as long on a
      // cold machine), which made the ceiling look lower and the engine's share higher.
      await ceiling(qbo, Math.min(accounts, 5_000), accounts + 60_000, 'customers');
      // The reference: the customers this job writes (the template's fields), ready-made.
      results.push(await ceiling(qbo, Math.min(accounts, 20_000), accounts, 'customers'));
      // For comparison with earlier figures: names only, a lighter load than the job's.
      results.push(await ceiling(qbo, Math.min(accounts, 20_000), accounts + 20_000, 'names'));
      // The plain sync loop (bench-sync-loop.ts): the same job hand-written, reading Creatio too; warmed up first.
      await syncLoop(creatio, qbo, Math.min(accounts, 3_000), ' (warm-up)');
      results.push(await syncLoop(creatio, qbo, Math.min(accounts, 20_000), ' (plain loop)'));
    }

    // The run store in its own PostgreSQL; this process only queues runs and reads
    // their ledger; the engine is the `weft worker` child below.
    const pg = await startEmbeddedPostgres(
      dir,
      Number(process.env.WEFT_PG_PORT) || embeddedPortFor(dir),
      () => undefined,
    );
    const weft = await bootWeft({
      dataDir: dir,
      port: null,
      databaseUrl: pg.url,
      sandboxes: false,
      worker: false,
      log: { info: () => undefined, warn: say, error: say },
    });
    let engine: ChildProcess | null = null;
    try {
      weft.design.upsertConnection({
        id: 'creatio-sandbox',
        workspaceId: DEFAULT_WORKSPACE,
        kind: 'creatio',
        name: 'Creatio (bench)',
        settings: { baseUrl: creatio.baseUrl as string, username: creatio.username as string, authKind: 'forms' },
        secrets: { password: creatio.password },
      });
      weft.design.upsertConnection({
        id: 'qbo-sandbox',
        workspaceId: DEFAULT_WORKSPACE,
        kind: 'quickbooks-online',
        name: 'QuickBooks (bench)',
        settings: {
          baseUrl: qbo.baseUrl as string,
          tokenUrl: `${qbo.baseUrl}/oauth2/v1/tokens/bearer`,
          realmId: qbo.realmId as string,
          clientId: qbo.clientId as string,
          ...(limits ? {} : { limits: NO_LIMITS }),
        },
        secrets: { clientSecret: qbo.clientSecret, refreshToken: qbo.refreshToken },
      });
      engine = await workerProcess(dir, pg.url, say);
      const api = callerRunApi(weft.services);
      const template = JSON.parse(readFileSync(join(ROOT, 'templates/creatio-accounts-to-qbo-customers.json'), 'utf8'));
      const mapping = template.nodes.find((n: { id: string }) => n.id === 'map-customer');
      if (shape) Object.assign(mapping, { version: 2, config: { ...mapping.config, mappings: shape.mappings } });
      const rssAtStart = procStatusMb(engine.pid!, 'VmRSS');
      const cpu0 = cpuSeconds(engine.pid!);
      const sampler = limits ? sampleWrites(qbo.baseUrl as string) : null;
      const startedAtMs = Date.now();
      const full = await runOnce(api, { kind: 'document', id: 'bench', document: template }).finally(() =>
        sampler?.stop(),
      );
      const peak = procStatusMb(engine.pid!, 'VmHWM');
      // CPU the engine process spent on the run: its overhead whatever else the machine runs.
      const engineCpuSeconds = Math.round((cpuSeconds(engine.pid!) - cpu0) * 100) / 100;
      if (process.env.WEFT_PG_STATS) await sayBusiestStatements(weft.queue.pool, say);
      const sink = full.nodes[full.nodes.length - 1];
      const written = sink.out;
      // Peak RSS of each process of the bench so far (the embedded PostgreSQL's processes are not counted).
      // `server` is this process: the run store's client, the design store and the API (and the ceiling client).
      const peakRssByProcessMb = {
        engine: peak,
        server: procStatusMb(process.pid, 'VmHWM'),
        creatioSandbox: procStatusMb(children[0].pid!, 'VmHWM'),
        qboSandbox: procStatusMb(children[1].pid!, 'VmHWM'),
      };
      const result: CaseResult = {
        case: 'full run (engine, end to end)',
        records: full.nodes[0].in,
        seconds: full.durationMs / 1000,
        recordsPerSecond: full.nodes[0].in / (full.durationMs / 1000),
        peakRssMb: peak,
        peakRssByProcessMb,
        engineRssAtStartMb: rssAtStart,
        engineCpuSeconds,
        engineCpuMsPer1kRecords: Math.round((engineCpuSeconds * 1e6) / Math.max(full.nodes[0].in, 1)),
        written,
        writtenPerSecond: written / (full.durationMs / 1000),
        failed: sink.failed,
        status: full.status,
      };
      if (shape) return [...results, { ...result, case: shape.label }];
      if (limits) {
        await afterRun?.(qbo);
        Object.assign(result, { sinkSamples: sampler?.samples, startedAtMs });
        results.push(result);
        return results;
      }
      // The ceiling again right after the run: this machine's speed drifts (other
      // tenants), so the run is compared with the mean of the ceilings around it.
      const before = results.find((r) => r.case.startsWith('ceiling ('))!;
      const after = await ceiling(qbo, before.records, accounts + 40_000, 'customers');
      after.case = 'ceiling again, after the run';
      const ceilingPerSecond = (before.recordsPerSecond + after.recordsPerSecond) / 2;
      const names = results.find((r) => r.case.startsWith('ceiling, names'))!;
      result.ceilingPerSecond = Math.round(ceilingPerSecond);
      // CPU per 1,000 records: the engine (reads, maps, binds, writes, ledger) against the plain client's posts.
      const ceilingCpu = (Number(before.cpuMsPer1kRecords) + Number(after.cpuMsPer1kRecords)) / 2;
      result.ceilingCpuMsPer1kRecords = Math.round(ceilingCpu);
      result.cpuRatioToCeiling = Math.round((Number(result.engineCpuMsPer1kRecords) / ceilingCpu) * 100) / 100;
      result.ceilingRatio = Math.round((result.recordsPerSecond / ceilingPerSecond) * 1000) / 1000;
      result.namesCeilingRatio = Math.round((result.recordsPerSecond / names.recordsPerSecond) * 1000) / 1000;
      const loopBefore = results.find((r) => r.case.startsWith('plain sync loop'))!;
      const loopAfter = await syncLoop(creatio, qbo, loopBefore.records, ' (plain loop again)');
      loopAfter.case = 'plain sync loop again, after the run';
      compareWithLoop(result, loopBefore, loopAfter);
      results.push(after, loopAfter, result);

      const changed = 10;
      await touchAccounts(creatio, changed);
      const inc = await runOnce(api, { kind: 'id', id: 'bench' });
      results.push({
        case: `incremental run (${changed} changed)`,
        records: inc.nodes[0].in,
        seconds: inc.durationMs / 1000,
        recordsPerSecond: inc.nodes[0].in / Math.max(inc.durationMs / 1000, 0.001),
        peakRssMb: procStatusMb(engine.pid!, 'VmHWM'),
        status: inc.status,
      });
      results.push({ ...(await schedulerLatency(weft)), peakRssMb: procStatusMb(engine.pid!, 'VmHWM') });
      results.push(await serverIdle(pg.url, join(dir, 'server-idle')));
    } finally {
      if (engine) await stopProcess(engine);
      await weft.close();
      await pg.stop();
    }
    return results;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Due → running for a flow on a 2-second schedule, five runs (issue 6: scheduler latency). */
async function schedulerLatency(weft: Awaited<ReturnType<typeof bootWeft>>): Promise<CaseResult> {
  const ws = DEFAULT_WORKSPACE;
  const doc =
    weft.services.design.getTemplate('creatio-accounts-to-qbo-customers') ??
    JSON.parse(readFileSync(join(ROOT, 'templates/creatio-accounts-to-qbo-customers.json'), 'utf8'));
  const flowId = await weft.services.design.createFlow(
    ws,
    { ...doc, name: 'latency', settings: { ...doc.settings, schedule: { every: '2s' } } },
    null,
  );
  await weft.queue.pool.query(
    `INSERT INTO weft_watermarks (flow_id, node_id, value) SELECT $1, node_id, value FROM weft_watermarks WHERE flow_id = 'bench'`,
    [flowId],
  );
  await weft.services.design.publishFlow(ws, flowId, 'latency');
  const due0 = Date.now();
  await weft.services.runs.setFlowState(ws, flowId, 'started');
  let rows: { started_at: Date }[] = [];
  for (
    const end = Date.now() + 30_000;
    rows.length < 5 && Date.now() < end;
    await new Promise((r) => setTimeout(r, 200))
  ) {
    rows = (
      await weft.queue.pool.query(
        `SELECT started_at FROM weft_runs WHERE flow_id = $1 AND started_at IS NOT NULL ORDER BY started_at`,
        [flowId],
      )
    ).rows;
  }
  await weft.services.runs.setFlowState(ws, flowId, 'stopped');
  const lat = rows.slice(0, 5).map((r, k) => new Date(r.started_at).getTime() - (due0 + k * 2000));
  const mean = lat.reduce((a, b) => a + b, 0) / Math.max(lat.length, 1);
  return {
    case: 'scheduler latency (due → running)',
    records: lat.length,
    seconds: mean / 1000,
    recordsPerSecond: 0,
    peakRssMb: mb(process.memoryUsage().rss),
    latenciesMs: lat,
    maxMs: Math.max(...lat),
  };
}

/**
 * The template's full run against a QuickBooks sandbox and a governor both on Intuit's limits, with
 * enough accounts to keep it writing for the run's first minute and `minutes` more (about 80% of
 * the demo accounts are active, not duplicated, and so written).
 */
async function limitsCase(minutes: number, say: (m: string) => void): Promise<CaseResult> {
  const accounts = Math.ceil((LIMIT_PER_MINUTE * (minutes + 1.5)) / 0.8);
  const stats: Record<string, number> = {};
  const [r] = await benchSize(accounts, say, true, async (qbo) => {
    Object.assign(stats, await (await fetch(`${qbo.baseUrl}/__sandbox/stats`)).json());
  });
  const samples = (r.sinkSamples ?? []) as SinkSample[];
  const sustained = samples.length ? sustainedShare(samples, Number(r.startedAtMs) + 60_000, minutes) : null;
  const wholeRun = Number(r.written) / (r.seconds / 60);
  return {
    ...r,
    sinkSamples: undefined,
    case: `real limits: full run (${minutes} min)`,
    records: Number(r.written),
    recordsPerSecond: wholeRun / 60,
    wholeRunPerMinute: Math.round(wholeRun),
    sustainedPerMinute: sustained?.perMinute,
    sustainedShare: sustained?.share,
    sustainedWindowSeconds: sustained?.windowSeconds,
    allowedPerMinute: LIMIT_PER_MINUTE,
    throttled: stats.throttled,
    requests: stats.requests,
  };
}
