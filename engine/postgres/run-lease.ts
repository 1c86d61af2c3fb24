// Runs are leased by the worker executing them (issue 6: crash safety across
// processes). The worker refreshes `heartbeat_at` every few seconds and, in the
// same statement, reads the operator's stop flag; a run whose heartbeat is stale
// belongs to a worker that died (SIGKILL, lost machine) and any worker takes it
// over: it resumes from the committed watermark, and the sinks' idempotency (cross-
// reference, then a match on the target, then QuickBooks `requestid`) keeps the
// pages redone from being written twice.
// pg-boss alone cannot do this: a job of a killed worker stays `active` until it
// expires (an hour here), and its retry count runs out after a few crashes.
import type PgBoss from 'pg-boss';
import type { Queryable } from './run-store';

export interface LeaseTimes {
  /** How often a running run's heartbeat is written (and the stop flag read). */
  heartbeatMs: number;
  /** A heartbeat older than this means the worker is gone. */
  staleMs: number;
}

/** WEFT_HEARTBEAT_MS / WEFT_STALE_MS override (the crash test shortens them). */
export function leaseTimesFromEnv(env: Record<string, string | undefined> = process.env): LeaseTimes {
  return { heartbeatMs: Number(env.WEFT_HEARTBEAT_MS) || 2_000, staleMs: Number(env.WEFT_STALE_MS) || 15_000 };
}

const STALE = `(heartbeat_at IS NULL OR heartbeat_at < now() - $3 * interval '1 millisecond')`;

/**
 * Takes a queued run, or a running one whose worker is gone. `busy` = another run
 * of the same flow is alive (one run per flow at a time; slices of a utility run
 * are exempt: they exist to run side by side).
 */
export async function claimRun(
  db: Queryable,
  runId: string,
  worker: string,
  staleMs: number,
): Promise<'claimed' | 'gone' | 'busy'> {
  const { rows } = await db.query(
    `UPDATE weft_runs r SET status = 'running', started_at = COALESCE(started_at, now()), worker = $2, heartbeat_at = now(),
            resumes = resumes + CASE WHEN r.started_at IS NULL THEN 0 ELSE 1 END
      WHERE id = $1 AND (status = 'queued' OR (status = 'running' AND ${STALE}))
        AND (parent_run_id IS NOT NULL OR NOT EXISTS (
          SELECT 1 FROM weft_runs o WHERE o.flow_id = r.flow_id AND o.id <> r.id AND o.parent_run_id IS NULL
             AND o.status = 'running' AND o.heartbeat_at >= now() - $3 * interval '1 millisecond'))
      RETURNING id`,
    [runId, worker, staleMs],
  );
  if (rows.length) return 'claimed';
  // Running with a live lease = another worker has it (a duplicate job): drop this job.
  const { rows: still } = await db.query(`SELECT status FROM weft_runs WHERE id = $1`, [runId]);
  return still[0]?.status === 'queued' ? 'busy' : 'gone';
}

/** What a run's lease tells the run: it was taken over, or an operator asked it to stop. */
export interface LeaseHolder {
  lost(): void;
  stopRequested(): void;
}

/**
 * The leases of a worker's runs, refreshed together: one statement every `everyMs` for all of
 * them, which also reads their operators' stop flags. One statement per run instead came to 100
 * a second for a worker with 200 runs (issue 19: a hosting provider's many companies), each a
 * round trip that wakes a PostgreSQL backend on a machine already short of CPU.
 */
export class LeaseBeats {
  private readonly runs = new Map<string, LeaseHolder>();
  private timer: NodeJS.Timeout | null = null;
  private beating = false;

  constructor(
    private readonly db: Queryable,
    private readonly worker: string,
    private readonly everyMs: number,
  ) {}

  /** Keeps `runId`'s lease until the returned function is called. */
  hold(runId: string, holder: LeaseHolder): () => void {
    this.runs.set(runId, holder);
    this.timer ??= setInterval(() => void this.beat(), this.everyMs);
    return () => {
      this.runs.delete(runId);
      if (this.runs.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  private async beat(): Promise<void> {
    if (this.beating || this.runs.size === 0) return; // a slow statement: the next tick tries again
    this.beating = true;
    const ids = [...this.runs.keys()];
    try {
      const { rows } = await this.db.query(
        `UPDATE weft_runs SET heartbeat_at = now() WHERE id = ANY($1::uuid[]) AND worker = $2 AND status = 'running'
         RETURNING id, stop_requested`,
        [ids, this.worker],
      );
      const held = new Map(rows.map((r) => [String(r.id), r.stop_requested === true]));
      for (const id of ids) {
        const run = this.runs.get(id); // a run that ended meanwhile is left alone
        if (!run) continue;
        if (!held.has(id)) run.lost();
        else if (held.get(id)) run.stopRequested();
      }
    } catch {
      // The database did not answer: the next beat tries again, well before the lease goes stale.
    } finally {
      this.beating = false;
    }
  }
}

/** Operator's "stop run": whichever process runs it stops at its next page boundary. */
export async function requestStop(db: Queryable, runIds: string[]): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE weft_runs SET stop_requested = true WHERE (id = ANY($1::uuid[]) OR parent_run_id = ANY($1::uuid[])) AND status IN ('queued','running')`,
    [runIds],
  );
  // A run still waiting in the queue has no page to finish: it ends at once.
  await db.query(
    `UPDATE weft_runs SET status = 'stopped', finished_at = now(),
       error = 'Stopped by an operator before it started.'
     WHERE (id = ANY($1::uuid[]) OR parent_run_id = ANY($1::uuid[])) AND status = 'queued'`,
    [runIds],
  );
  return rowCount ?? 0;
}

/**
 * Runs left by dead workers go back to the queue with a fresh job (the old job is
 * cancelled: under policy `stately` it would block the flow's key until it expired).
 */
export async function reapStaleRuns(
  db: Queryable & { query: Queryable['query'] },
  boss: PgBoss,
  bossSchema: string,
  queues: { run: string; slice: string },
  staleMs: number,
): Promise<string[]> {
  const { rows } = await db.query(
    `UPDATE weft_runs SET status = 'queued', worker = NULL
      WHERE status = 'running' AND ${STALE.replace('$3', '$1')}
        AND NOT (parent_run_id IS NULL AND COALESCE((options->>'slices')::int, 1) > 1)
      RETURNING id, flow_id, parent_run_id`,
    [staleMs],
  );
  for (const r of rows) {
    const jobs = await db.query(
      `SELECT id, name FROM ${bossSchema}.job WHERE name = ANY($1) AND state = 'active' AND data->>'runId' = $2`,
      [[queues.run, queues.slice], r.id],
    );
    for (const j of jobs.rows) await boss.cancel(j.name, j.id);
    const queue = r.parent_run_id ? queues.slice : queues.run;
    // Keyed by the run, not the flow: a scheduled run already waiting must not block the resume.
    await boss.send(queue, { runId: r.id }, { singletonKey: `resume:${r.id}` });
  }
  return rows.map((r) => r.id as string);
}
