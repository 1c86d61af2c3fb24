// The worker: takes run and tick jobs from pg-boss and executes them. Any number
// of processes sharing one PostgreSQL can run it (`weft worker`).
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import type { ConnectionInfo, Logger, NodeContext } from '../../nodes/define-node';
import type { NodeRegistry } from '../../nodes/registry';
import { validateFlow } from '../../flow/validate-flow';
import { effectKey } from '../run/effect-key';
import { runFlow, type RunDeps } from '../run/run-flow';
import { retryFailures } from '../run/retry-failures';
import { releaseRetry, retrySource } from './failure-queue';
import type { NodeBatchResult, RunRecorder } from '../record/run-recorder';
import { LoggingRecorder, PgRunLog } from './run-log';
import { PgRecorder } from './pg-recorder';
import { loadRun, markRunFinished } from './run-store';
import { readOnlyEffects, readOnlyXref, startingWatermarks } from './dry-run-guards';
import { RUN_QUEUE, TICK_QUEUE, type RunJob, type RunQueue, type TickJob } from './run-queue';
import { handleTick } from './schedules';
import { PgCrossReference } from './xref-store';
import { replayRecords } from './review-store';
import { PgDesktopOutbox } from './desktop-outbox';
import { isHalfOfPair, PgEchoLedger } from './echo-store';
import { afterRun } from './run-finish';
import { claimRun, LeaseBeats, leaseTimesFromEnv, reapStaleRuns, type LeaseTimes } from './run-lease';
import { SLICE_QUEUE } from './run-queue';
import { retryPolicyFromEnv } from '../run/retry';
import { connectionRegistry } from '../../nodes/connections';
import { PgGovernorPeers } from './governor-peers';
import { leanFetch } from '../http/lean-fetch';
import { inRunScope } from './run-scope';
import { PgEffectLedger, pruneEffects } from './effect-store';
import { JobPump } from './job-pump';

/**
 * Every worker, the server's own and each `weft worker` elsewhere, is given
 * `ConnectionVault.resolve` (connection-vault.ts): connections from the run store,
 * with a lock shared across processes for QuickBooks token refreshes (issues 6, 4).
 */
export type ConnectionResolver = (workspaceId: string, connectionId: string) => Promise<ConnectionInfo>;

export interface WorkerOptions {
  queue: RunQueue;
  registry: NodeRegistry;
  connections: ConnectionResolver;
  log: Logger;
  concurrency?: number;
  /** Shown on the runs it takes (default host:pid). */
  name?: string;
  /** Run lease (issue 6 crash safety): heartbeat period and when a silent worker counts as dead. */
  lease?: LeaseTimes;
  /** Masks secrets in failed-record payloads and run errors before they reach the ledger (issue 7). */
  redact?: <T>(value: T) => T;
}

export class Worker {
  private readonly running = new Map<string, AbortController>();
  private readonly id: string;
  private pumps: { stop(): Promise<void> }[] = [];
  private effects: PgEffectLedger | null = null;
  private reaper: NodeJS.Timeout | null = null;
  private readonly lease: LeaseTimes;
  private readonly beats: LeaseBeats;
  /** QuickBooks Online limits shared with the other workers sending to the same companies. */
  private peers: PgGovernorPeers | null = null;

  constructor(private readonly opts: WorkerOptions) {
    this.lease = opts.lease ?? leaseTimesFromEnv();
    this.id = opts.name ?? `${hostname()}:${process.pid}`;
    this.beats = new LeaseBeats(opts.queue.pool, this.id, this.lease.heartbeatMs);
  }

  async start(): Promise<void> {
    const { boss } = this.opts.queue;
    this.peers = new PgGovernorPeers(this.opts.queue.pool).start();
    await pruneEffects(this.opts.queue.pool).catch((e) =>
      this.opts.log.warn(`pruning old write acknowledgements: ${(e as Error).message}`),
    );
    shareThrottles(this.peers);
    // One polling loop per queue, not per slot (job-pump.ts). Slices of split bulk loads (seed §6.1 DRS) are
    // shared by every worker on this database, with as many slots again as runs (as before).
    const slots = this.opts.concurrency ?? 2;
    const onError = (e: Error) => this.opts.log.warn(`taking runs from the queue: ${e.message}`);
    for (const queue of [RUN_QUEUE, SLICE_QUEUE])
      this.pumps.push(
        new JobPump<RunJob>({ boss, queue, slots, onError, handle: (job) => this.execute(job.data.runId) }).start(),
      );
    // Runs whose worker died (SIGKILL, lost machine) go back to the queue: run-lease.ts.
    const reap = () =>
      reapStaleRuns(
        this.opts.queue.pool,
        boss,
        `${this.opts.queue.schema}_queue`,
        { run: RUN_QUEUE, slice: SLICE_QUEUE },
        this.lease.staleMs,
      )
        .then(
          (ids) =>
            ids.length &&
            this.opts.log.warn(`Resuming ${ids.length} run(s) whose worker stopped answering.`, { runs: ids }),
        )
        .catch((e) => this.opts.log.warn(`checking for abandoned runs: ${(e as Error).message}`));
    this.reaper = setInterval(reap, Math.max(500, this.lease.heartbeatMs));
    void reap();
    // Ticks are short (a run queued, the next tick chained): a few at once, so many flows due together start together.
    this.pumps.push(
      new JobPump<TickJob>({
        boss,
        queue: TICK_QUEUE,
        slots: Math.min(slots, 8),
        onError,
        handle: (job) => handleTick(this.opts.queue, job.data, new Date()),
      }).start(),
    );
  }

  /** Ask a run executing in this process to stop at its next page boundary. */
  stopRun(runId: string): boolean {
    const c = this.running.get(runId);
    c?.abort();
    return Boolean(c);
  }

  async stop(): Promise<void> {
    if (this.reaper) clearInterval(this.reaper);
    if (this.peers) {
      shareThrottles(null);
      await this.peers.stop();
      this.peers = null;
    }
    for (const c of this.running.values()) c.abort();
    // Aborted runs end at their next page boundary; their jobs are completed before the queue closes.
    await Promise.all(this.pumps.map((p) => p.stop()));
    this.pumps = [];
  }

  async execute(runId: string): Promise<void> {
    const { pool } = this.opts.queue;
    const run = await loadRun(pool, runId);
    if (!run) return;
    const claim = await claimRun(pool, runId, this.id, this.lease.staleMs);
    if (claim === 'busy') {
      // Another run of this flow is alive (one run per flow): try again shortly.
      await this.opts.queue.boss.send(
        run.parentRunId ? SLICE_QUEUE : RUN_QUEUE,
        { runId },
        { singletonKey: `resume:${runId}`, startAfter: 3 },
      );
      return;
    }
    if (claim === 'gone') return; // finished already, or another worker has it
    const validation = validateFlow(run.document, this.opts.registry);
    if (!validation.ok) {
      await markRunFinished(
        pool,
        runId,
        run.flowId,
        'failed',
        `The flow is not valid: ${validation.problems.map((p) => p.message).join(' ')}`,
      );
      return;
    }
    const controller = new AbortController();
    // Every request in flight listens for the run's stop (10 to QuickBooks alone, more with
    // read-ahead): many listeners are expected here, not a leak, so Node need not warn.
    setMaxListeners(0, controller.signal);
    this.running.set(runId, controller);
    // Utility runs keep their progress on the run (a resumed slice continues where it was), not in the flow's Query Starts.
    // A dry run (issue 14) keeps its progress to itself too: the flow's Query Starts never move.
    const dry = run.dryRun === true;
    // The run's own log (issue 16), written through the recorder so it says what the counters say;
    // secrets redacted first.
    const runLog = await new PgRunLog(pool, runId).open();
    const recorder = redacting(
      new LoggingRecorder(new PgRecorder(pool, runId, run.flowId, !run.options && !dry, this.id), runLog, dry),
      this.opts.redact,
    );
    const clean = this.opts.redact ?? (<T>(v: T) => v);
    const xref = dry ? readOnlyXref(new PgCrossReference(pool)) : new PgCrossReference(pool);
    const desktop = new PgDesktopOutbox(pool);
    // One ledger for the worker's runs, so acknowledgements of many companies share statements.
    this.effects ??= new PgEffectLedger(pool);
    const effects = dry ? readOnlyEffects(this.effects) : this.effects;
    const watermarks = await startingWatermarks(pool, run, runId);
    // A review run (issue 14) replays the records support decided, at the binding that parked them.
    const replay = run.options?.kind === 'review' ? await replayRecords(pool, runId) : null;
    const rememberEchoes =
      !dry && (await isHalfOfPair(pool, this.opts.registry, run.workspaceId, run.flowId, run.document));
    // Steps whose output feeds another (issue 19): a sink at the end of the flow need not keep what it would hand on.
    const feeding = new Set(run.document.edges.map((e) => e.from.split(':')[0]));
    // The lease: a heartbeat every few seconds, one for all of this worker's runs, which also carries the operator's stop.
    let lost = false;
    const release = this.beats.hold(runId, {
      lost: () => {
        lost = true;
        controller.abort(new Error('Another worker took this run over.'));
      },
      stopRequested: () => controller.abort(),
    });
    const log = this.opts.log;
    try {
      // In its own async context: an error escaping this run fails this run only (run-scope.ts).
      const retrying = run.options?.kind === 'retry';
      const outcome = await inRunScope(runId, controller, () => {
        const deps: RunDeps = {
          recorder,
          signal: controller.signal,
          options: {
            ...(run.options
              ? {
                  range: run.options.range,
                  batchSize: run.options.batchSize,
                  ...(run.options.records ? { records: run.options.records } : {}),
                  mode: run.options.kind === 'binding' ? 'bind-only' : 'sync',
                  ...(replay ? { replay } : {}),
                }
              : {}),
            rememberEchoes,
          },
          echoes: new PgEchoLedger(pool),
          retry: retryPolicyFromEnv(),
          watermark: async (nodeId) => watermarks.get(nodeId)?.value ?? null,
          contextFor: (nodeId): NodeContext => ({
            runId,
            flowId: run.flowId,
            nodeId,
            signal: controller.signal,
            log: {
              info: (m, f) => (log.info(m, { runId, nodeId, ...f }), runLog.write('info', nodeId, clean(m), clean(f))),
              warn: (m, f) => (log.warn(m, { runId, nodeId, ...f }), runLog.write('warn', nodeId, clean(m), clean(f))),
              error: (m, f) => (
                log.error(m, { runId, nodeId, ...f }),
                runLog.write('error', nodeId, clean(m), clean(f))
              ),
            },
            now: () => new Date(),
            connection: (id) => this.opts.connections(run.workspaceId, id),
            xref,
            setStatus: (text) =>
              void recorder.nodeState(nodeId, text ? 'waiting' : 'running', text).catch(() => undefined),
            effectKey: (record) => effectKey(run.flowId, nodeId, record),
            effects,
            desktop,
            fetch: leanFetch,
            ...(dry ? { dryRun: true } : {}),
            ...(feeding.has(nodeId) ? {} : { outputUnused: true }),
          }),
        };
        // A retry run (issue 16) takes the failed records marked for it, not the sources' pages.
        return retrying
          ? retryFailures(validation.flow, deps, retrySource(pool, runId))
          : runFlow(validation.flow, deps);
      });
      if (retrying) await releaseRetry(pool, runId);
      if (!lost) await afterRun(this.opts.queue, { id: runId, ...run }, outcome);
    } finally {
      release();
      this.running.delete(runId);
      await runLog.flush();
    }
  }
}

/**
 * The run ledger never stores a secret: every batch of outcomes handed to the
 * recorder (whatever the method) has its failures passed through `redact`, and
 * so has the run's error. A proxy, so recorder methods added later are covered.
 */
function redacting<R extends RunRecorder>(recorder: R, redact?: <T>(value: T) => T): R {
  if (!redact) return recorder;
  const isBatch = (a: unknown): a is NodeBatchResult =>
    typeof a === 'object' && a !== null && Array.isArray((a as NodeBatchResult).failures);
  const clean = (b: NodeBatchResult): NodeBatchResult =>
    b.failures.length > 0 ? { ...b, failures: b.failures.map((f) => redact(f)) } : b;
  const cleanArg = (a: unknown): unknown =>
    isBatch(a) ? clean(a) : Array.isArray(a) && a.some(isBatch) ? a.map((x) => (isBatch(x) ? clean(x) : x)) : a;
  return new Proxy(recorder, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      // finished(status, error) and nodeState(nodeId, state, status): the free text is the last argument.
      if (prop === 'finished' || prop === 'nodeState') {
        return (...args: unknown[]) =>
          v.apply(
            target,
            args.map((x, i) =>
              i === args.length - 1 && i > 0 && typeof x === 'string' && (prop === 'finished' || i === 2)
                ? redact(x)
                : x,
            ),
          );
      }
      return (...args: unknown[]) => v.apply(target, args.map(cleanArg));
    },
  });
}

/** Connection kinds that pace per account share their limits with the other workers (a `sharedThrottle` hook). */
export function shareThrottles(peers: PgGovernorPeers | null): void {
  for (const d of connectionRegistry.list()) d.hooks?.sharedThrottle?.shareWith(peers);
}
