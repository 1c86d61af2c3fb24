// pg-boss and the run store on one PostgreSQL. A run row and its job commit in
// one transaction (stack-notes: pass `db` to send), so a run is never queued
// without a ledger row, nor recorded without a job.
import PgBoss from 'pg-boss';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { insertRun, type NewRun } from './run-store';
import { migrateRunStore } from './migrate';
import { inTransaction } from './transaction';

export const RUN_QUEUE = 'weft-run';
export const TICK_QUEUE = 'weft-tick';
/** Slices of a split bulk load (seed §6.1 DRS): no per-flow key, so workers take them side by side. */
export const SLICE_QUEUE = 'weft-slice';

export interface RunJob {
  runId: string;
}
export interface TickJob {
  flowId: string;
  dueAt: string;
}

export class AlreadyQueuedError extends Error {
  constructor() {
    super(
      'A run of this flow is already waiting to start. It will pick up every change; there is no need to start another.',
    );
  }
}

export class RunQueue {
  private constructor(
    readonly pool: pg.Pool,
    readonly boss: PgBoss,
    readonly schema: string,
  ) {}

  /**
   * `schema` isolates one Weft (or one test) from others sharing a database:
   * the run store lives in `schema`, pg-boss in `<schema>_queue`.
   */
  static async open(url: string, migrationsDir: string, log: (m: string) => void, schema = 'weft'): Promise<RunQueue> {
    if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`"${schema}" is not a usable PostgreSQL schema name`);
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).finally(() => setup.end());
    const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
    pool.on('error', (e) => log(`PostgreSQL connection error: ${e.message}`));
    await migrateRunStore(pool, migrationsDir);
    const boss = new PgBoss({
      connectionString: url,
      schema: `${schema}_queue`,
      max: 6,
      // One-minute cron is not used: schedules chain their own delayed jobs (stack-notes).
      schedule: false,
      superviseIntervalSeconds: 30,
    } as PgBoss.ConstructorOptions);
    // Without a listener, an error event (e.g. the embedded server stopping first) crashes the process.
    boss.on('error', (e) => log(`queue: ${e.message}`));
    await boss.start();
    // Runs of one flow never overlap: one queued + one active per flow (policy "stately", key = flow id).
    // A worker that dies mid-run leaves its job active; it expires and is retried, and the retry
    // resumes from the committed watermark (sinks are idempotent).
    await ensureQueue(boss, {
      name: RUN_QUEUE,
      policy: 'stately',
      retryLimit: 3,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 3600,
    });
    await ensureQueue(boss, {
      name: TICK_QUEUE,
      policy: 'stately',
      retryLimit: 5,
      retryDelay: 5,
      expireInSeconds: 300,
    });
    // A slice's worker may die; the lease reaper (run-lease.ts) re-queues it, so no pg-boss retries.
    await ensureQueue(boss, { name: SLICE_QUEUE, policy: 'standard', retryLimit: 0, expireInSeconds: 23 * 3600 });
    return new RunQueue(pool, boss, schema);
  }

  /** Inserts the run row and its job in one transaction. */
  async enqueueRun(run: Omit<NewRun, 'id'>): Promise<string> {
    const id = randomUUID();
    await this.transaction(async (client) => {
      await insertRun(client, { ...run, id });
      const jobId = await this.boss.send(RUN_QUEUE, { runId: id } satisfies RunJob, {
        singletonKey: run.flowId,
        db: dbOf(client),
      });
      if (!jobId) throw new AlreadyQueuedError();
    });
    return id;
  }

  async sendTick(client: pg.PoolClient | null, tick: TickJob, startAfter: Date): Promise<void> {
    await this.boss.send(TICK_QUEUE, tick, {
      singletonKey: tick.flowId,
      startAfter,
      ...(client ? { db: dbOf(client) } : {}),
    });
  }

  async transaction<T>(f: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, f);
  }

  /**
   * Embedded mode only (this process owns the database): jobs left active by a
   * killed process are failed at once so they retry now instead of after expiry.
   */
  async retryOrphanedJobs(): Promise<number> {
    // Their runs' leases are void too: the dead process cannot be heartbeating.
    await this.pool.query(`UPDATE weft_runs SET heartbeat_at = NULL WHERE status = 'running'`);
    const { rows } = await this.pool.query(
      `SELECT id, name FROM ${this.schema}_queue.job WHERE state = 'active' AND name = ANY($1)`,
      [[RUN_QUEUE, TICK_QUEUE, SLICE_QUEUE]],
    );
    for (const r of rows) await this.boss.fail(r.name, r.id, { reason: 'Weft stopped while this job ran; retrying.' });
    return rows.length;
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}

function dbOf(client: pg.PoolClient): PgBoss.Db {
  return { executeSql: (text, values) => client.query(text, values) };
}

async function ensureQueue(boss: PgBoss, q: PgBoss.Queue): Promise<void> {
  if (await boss.getQueue(q.name)) return;
  await boss.createQueue(q.name, q);
}
