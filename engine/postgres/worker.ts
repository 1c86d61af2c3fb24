// The worker: takes run and tick jobs from pg-boss and executes them. Any number
// of processes sharing one PostgreSQL can run it (`weft worker`).
import type PgBoss from 'pg-boss';
import { hostname } from 'node:os';
import type { ConnectionInfo, Logger, NodeContext } from '../../nodes/define-node';
import type { NodeRegistry } from '../../nodes/registry';
import { validateFlow } from '../graph/validate-flow';
import { effectKey } from '../run/effect-key';
import { runFlow } from '../run/run-flow';
import { PgRecorder } from './pg-recorder';
import { loadRun, markRunFinished, markRunStarted, readWatermarks } from './run-store';
import { RUN_QUEUE, TICK_QUEUE, type RunJob, type RunQueue, type TickJob } from './run-queue';
import { handleTick } from './schedules';
import { PgCrossReference } from './xref-store';

export type ConnectionResolver = (workspaceId: string, connectionId: string) => Promise<ConnectionInfo>;

export interface WorkerOptions {
  queue: RunQueue;
  registry: NodeRegistry;
  connections: ConnectionResolver;
  log: Logger;
  concurrency?: number;
}

export class Worker {
  private readonly running = new Map<string, AbortController>();
  private readonly id = `${hostname()}:${process.pid}`;
  private workIds: string[] = [];

  constructor(private readonly opts: WorkerOptions) {}

  async start(): Promise<void> {
    const { boss } = this.opts.queue;
    for (let i = 0; i < (this.opts.concurrency ?? 2); i++) {
      this.workIds.push(await boss.work<RunJob>(RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, (jobs) => this.onRunJobs(jobs)));
    }
    this.workIds.push(await boss.work<TickJob>(TICK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      await handleTick(this.opts.queue, job.data, new Date());
    }));
  }

  /** Ask a run executing in this process to stop at its next page boundary. */
  stopRun(runId: string): boolean {
    const c = this.running.get(runId);
    c?.abort();
    return Boolean(c);
  }

  async stop(): Promise<void> {
    for (const c of this.running.values()) c.abort();
    for (const id of this.workIds) await this.opts.queue.boss.offWork({ id }).catch(() => undefined);
  }

  private async onRunJobs(jobs: PgBoss.Job<RunJob>[]): Promise<void> {
    for (const job of jobs) await this.execute(job.data.runId);
  }

  async execute(runId: string): Promise<void> {
    const { pool } = this.opts.queue;
    const run = await loadRun(pool, runId);
    if (!run || !(await markRunStarted(pool, runId, this.id))) return; // finished already, or gone
    const validation = validateFlow(run.document, this.opts.registry);
    if (!validation.ok) {
      await markRunFinished(pool, runId, run.flowId, 'failed', `The flow is not valid: ${validation.problems.map((p) => p.message).join(' ')}`);
      return;
    }
    const controller = new AbortController();
    this.running.set(runId, controller);
    const recorder = new PgRecorder(pool, runId, run.flowId);
    const xref = new PgCrossReference(pool);
    const watermarks = await readWatermarks(pool, run.flowId);
    const log = this.opts.log;
    try {
      await runFlow(validation.flow, {
        recorder,
        signal: controller.signal,
        watermark: async (nodeId) => watermarks.get(nodeId)?.value ?? null,
        contextFor: (nodeId): NodeContext => ({
          runId,
          flowId: run.flowId,
          nodeId,
          signal: controller.signal,
          log: {
            info: (m, f) => log.info(m, { runId, nodeId, ...f }),
            warn: (m, f) => log.warn(m, { runId, nodeId, ...f }),
            error: (m, f) => log.error(m, { runId, nodeId, ...f }),
          },
          now: () => new Date(),
          connection: (id) => this.opts.connections(run.workspaceId, id),
          xref,
          setStatus: (text) => void recorder.nodeState(nodeId, text ? 'waiting' : 'running', text).catch(() => undefined),
          effectKey: (record) => effectKey(run.flowId, nodeId, record),
        }),
      });
    } finally {
      this.running.delete(runId);
    }
  }
}
