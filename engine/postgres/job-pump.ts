// Takes jobs of one pg-boss queue for up to `slots` handlers at once, with ONE polling loop.
// Why not `boss.work` once per slot (as before issue 19): each of those loops asks PostgreSQL for
// a job twice a second even while its slot is busy or the queue is empty, so a worker running
// 200 companies' flows sent 800 queue queries a second; the run store's CPU went to polling,
// and pages of the runs waited behind it. Here one loop asks for as many jobs as there are free
// slots, sleeps while every slot is busy, and asks again at once when a slot frees (a slice
// finishing is followed by the next slice without a poll's wait).
import type PgBoss from 'pg-boss';

export interface JobPumpOptions<T> {
  boss: PgBoss;
  queue: string;
  slots: number;
  /** Runs one job; a rejection fails the job (pg-boss retries it by the queue's policy). */
  handle: (job: PgBoss.Job<T>) => Promise<void>;
  /** A fetch or completion that failed (the database away for a moment): said, and the loop goes on. */
  onError: (e: Error) => void;
  /** How long an idle pump waits before asking again (pg-boss's own least: 500 ms). */
  pollMs?: number;
}

export class JobPump<T> {
  private readonly active = new Set<Promise<void>>();
  private stopping = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly o: JobPumpOptions<T>) {}

  start(): this {
    this.loop ??= this.run();
    return this;
  }

  /** Jobs running now. */
  get busy(): number {
    return this.active.size;
  }

  /** Stops asking for jobs and waits (at most `graceMs`) for the ones running to end. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.active]),
      new Promise((r) => (timer = setTimeout(r, graceMs))),
    ]).finally(() => clearTimeout(timer));
  }

  private async run(): Promise<void> {
    const pollMs = this.o.pollMs ?? 500;
    while (!this.stopping) {
      const free = this.o.slots - this.active.size;
      if (free > 0) {
        const jobs = await this.o.boss
          .fetch<T>(this.o.queue, { batchSize: free })
          .catch((e: Error) => (this.o.onError(e), [] as PgBoss.Job<T>[]));
        for (const job of jobs ?? []) this.begin(job);
        // As many as asked for: more may be waiting; ask again at once if a slot freed meanwhile.
        if ((jobs?.length ?? 0) >= free && this.active.size < this.o.slots) continue;
      }
      if (this.stopping) break;
      // Asleep until a slot frees or, with a free slot, until the next poll.
      await new Promise<void>((resolve) => {
        const timer = this.active.size < this.o.slots ? setTimeout(resolve, pollMs) : undefined;
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private begin(job: PgBoss.Job<T>): void {
    const { boss, queue } = this.o;
    const done: Promise<void> = this.o
      .handle(job)
      .then(
        () => boss.complete(queue, job.id),
        (e: unknown) => boss.fail(queue, job.id, e instanceof Error ? e : { message: String(e) }),
      )
      .then(
        () => undefined,
        (e: Error) => this.o.onError(e),
      )
      .finally(() => {
        this.active.delete(done);
        this.wake?.();
      });
    this.active.add(done);
  }
}
