// Shares each account's limits among the worker processes writing to it (issue 4:
// "a per-company governor shared by all flows and workers"; any connection kind
// with a `sharedThrottle` hook, today QuickBooks Online's companies). Every process
// keeps pacing by itself (nodes/quickbooks/online/qbo-governor.ts) but with 1/N of
// each limit, N = the processes that sent to that account in the last few seconds,
// counted in PostgreSQL.
//
// Why shares and not one shared counter: a counter in PostgreSQL would cost a
// round trip per request and leak a slot whenever a worker dies holding one; a
// share needs one small query every couple of seconds per process, and a dead
// worker's share returns to the others once its row goes stale. The price: an
// idle-for-a-moment worker still holds its share for a few seconds.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ThrottlePeers } from '../../nodes/define-connection';

export interface PeerTimes {
  /** How often a process says it is sending to a company, and reads the others. */
  beatMs: number;
  /** A row older than this no longer counts (a stopped or killed worker). */
  staleMs: number;
  /** A company this process has not sent to for this long is left to the others. */
  idleMs: number;
}
export const PEER_TIMES: PeerTimes = { beatMs: 2000, staleMs: 8000, idleMs: 20_000 };

export class PgGovernorPeers implements ThrottlePeers {
  readonly memberId = randomUUID();
  private readonly lastUsed = new Map<string, number>();
  private readonly members = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly times: PeerTimes = PEER_TIMES,
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.sync(), this.times.beatMs);
    this.timer.unref();
    return this;
  }

  /** Called by a governor as it sends: the first use of a company counts this process in at once. */
  active(key: string): void {
    const first = !this.lastUsed.has(key);
    this.lastUsed.set(key, Date.now());
    if (first) void this.sync();
  }

  /** This process's part of the company's limits (1 until the others are known). */
  share(key: string): number {
    return 1 / Math.max(1, this.members.get(key) ?? 1);
  }

  /** One round: say which companies this process sends to, drop the idle ones, count everyone. */
  sync(): Promise<void> {
    this.syncing ??= this.round()
      .catch(() => undefined)
      .finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async round(): Promise<void> {
    const now = Date.now();
    const idle = [...this.lastUsed].filter(([, t]) => now - t > this.times.idleMs).map(([k]) => k);
    for (const k of idle) {
      this.lastUsed.delete(k);
      this.members.delete(k);
    }
    const keys = [...this.lastUsed.keys()];
    if (idle.length)
      await this.pool.query(`DELETE FROM weft_governor_members WHERE member_id = $1 AND company_key = ANY($2)`, [
        this.memberId,
        idle,
      ]);
    if (!keys.length) return;
    await this.pool.query(
      `INSERT INTO weft_governor_members (company_key, member_id, seen_at) SELECT k, $1, now() FROM unnest($2::text[]) k
       ON CONFLICT (company_key, member_id) DO UPDATE SET seen_at = now()`,
      [this.memberId, keys],
    );
    const { rows } = await this.pool.query(
      `SELECT company_key, count(*)::int AS n FROM weft_governor_members
        WHERE company_key = ANY($1) AND seen_at > now() - make_interval(secs => $2) GROUP BY company_key`,
      [keys, this.times.staleMs / 1000],
    );
    for (const k of keys) this.members.set(k, 1);
    for (const r of rows) this.members.set(r.company_key, Math.max(1, r.n));
  }

  /** Leave every company at once (a worker stopping), so the others take the whole limits again. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.syncing;
    await this.pool
      .query(`DELETE FROM weft_governor_members WHERE member_id = $1`, [this.memberId])
      .catch(() => undefined);
    this.lastUsed.clear();
    this.members.clear();
  }
}
