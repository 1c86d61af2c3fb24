// QuickBooks Desktop's outbox in the run store (issue 5, docs/architecture.md "Stores").
// Desktop nodes never call out: `submit` writes their qbXML requests (as JSON)
// for one company-file connection and waits until the Web Connector's sessions
// have carried them and brought the answers back (server/qbwc). The wait is
// durable: rows outlive a crash, a key is answered once and replayed to a rerun,
// and a timeout cancels only what no session has taken yet. A write whose session
// was lost after QuickBooks got it comes back "in doubt" (desktop-sessions.ts LOST),
// for the node to check before it sends it again under a new key.
import type pg from 'pg';
import type { DesktopAnswer, DesktopOutbox, DesktopRequest, DesktopWaiting } from '../../nodes/define-node';
import type { Queryable } from './run-store';

export interface OutboxOptions {
  /** First poll interval; doubles up to maxPollMs while nothing changes. */
  pollMs?: number;
  maxPollMs?: number;
  /** How long a submit waits for the Web Connector by default (a connection setting may extend it). */
  timeoutMs?: number;
}

/** Thrown when the Web Connector did not collect in time: a connection failure, not the records'. */
export class DesktopWaitError extends Error {
  readonly connection = true;
  readonly kind = 'network';
}

const CHUNK = 500;

export class PgDesktopOutbox implements DesktopOutbox {
  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: OutboxOptions = {},
  ) {}

  async submit(
    connectionId: string,
    requests: DesktopRequest[],
    o: { signal?: AbortSignal; timeoutMs?: number; onWaiting?: (w: DesktopWaiting) => void } = {},
  ): Promise<DesktopAnswer[]> {
    if (requests.length === 0) return [];
    const unique = [...new Map(requests.map((r) => [r.key, r])).values()];
    const ids = new Map<string, string>();
    for (let i = 0; i < unique.length; i += CHUNK) {
      for (const [key, id] of await enqueue(this.pool, connectionId, unique.slice(i, i + CHUNK))) ids.set(key, id);
    }
    const timeoutMs = o.timeoutMs ?? this.opts.timeoutMs ?? 30 * 60_000;
    const deadline = Date.now() + timeoutMs;
    let wait = this.opts.pollMs ?? 100;
    let lastShown = '';
    const answers = new Map<string, DesktopAnswer>();
    const open = new Set(ids.values());
    for (;;) {
      const rows = await finished(this.pool, [...open]);
      for (const r of rows) {
        open.delete(r.id);
        answers.set(r.request_key, {
          key: r.request_key,
          attempts: r.attempts,
          response: r.response ?? null,
          error: r.state === 'failed' ? { hresult: r.hresult ?? '', message: r.message ?? '' } : null,
          ...(r.state === 'doubt' ? { inDoubt: true } : {}),
        });
      }
      if (open.size === 0) break;
      const file = await fileState(this.pool, connectionId);
      const w: DesktopWaiting = {
        answered: ids.size - open.size,
        total: ids.size,
        paused: file?.paused_reason ?? null,
        lastSessionAt: file?.last_session_at ? new Date(file.last_session_at).toISOString() : null,
      };
      const shown = JSON.stringify(w);
      if (shown !== lastShown) {
        lastShown = shown;
        o.onWaiting?.(w);
      }
      if (o.signal?.aborted || Date.now() > deadline) {
        await cancel(this.pool, [...open]);
        if (o.signal?.aborted)
          throw new DesktopWaitError(
            'Stopped while waiting for the QuickBooks Web Connector; the requests not yet collected were withdrawn.',
          );
        throw new DesktopWaitError(
          `The QuickBooks Web Connector did not collect ${open.size} request(s) within ${waited(timeoutMs)}` +
            (w.paused
              ? `: ${w.paused}`
              : '. Check that the Web Connector is running and its auto-run is on for this company file.'),
        );
      }
      await sleep(rows.length > 0 ? (wait = this.opts.pollMs ?? 100) : wait, o.signal);
      wait = Math.min(wait * 2, this.opts.maxPollMs ?? 1000);
    }
    return requests.map((r) => answers.get(r.key)!);
  }
}

async function enqueue(db: Queryable, connectionId: string, reqs: DesktopRequest[]): Promise<[string, string][]> {
  const values = reqs.map((_, i) => `($1, $${i * 2 + 2}, $${i * 2 + 3})`).join(',');
  // A key seen before keeps its answer (replay); a cancelled or failed one is queued again.
  const { rows } = await db.query(
    `INSERT INTO weft_desktop_requests (connection_id, request_key, request) VALUES ${values}
     ON CONFLICT (connection_id, request_key) DO UPDATE SET
       state = CASE WHEN weft_desktop_requests.state IN ('cancelled','failed') THEN 'pending' ELSE weft_desktop_requests.state END,
       request = CASE WHEN weft_desktop_requests.state IN ('cancelled','failed') THEN EXCLUDED.request ELSE weft_desktop_requests.request END,
       solo = CASE WHEN weft_desktop_requests.state IN ('cancelled','failed') THEN false ELSE weft_desktop_requests.solo END
     RETURNING id, request_key`,
    [connectionId, ...reqs.flatMap((r) => [r.key, JSON.stringify(r.request)])],
  );
  return rows.map((r) => [r.request_key as string, String(r.id)]);
}

interface FinishedRow {
  id: string;
  request_key: string;
  state: string;
  attempts: number;
  response: Record<string, unknown> | null;
  hresult: string | null;
  message: string | null;
}

async function finished(db: Queryable, ids: string[]): Promise<FinishedRow[]> {
  const { rows } = await db.query(
    `SELECT id::text, request_key, state, attempts, response, hresult, message FROM weft_desktop_requests
      WHERE id = ANY($1::bigint[]) AND state IN ('done','failed','doubt')`,
    [ids],
  );
  return rows as FinishedRow[];
}

async function cancel(db: Queryable, ids: string[]): Promise<void> {
  await db.query(
    `UPDATE weft_desktop_requests SET state = 'cancelled' WHERE id = ANY($1::bigint[]) AND state = 'pending'`,
    [ids],
  );
}

export async function fileState(
  db: Queryable,
  connectionId: string,
): Promise<{
  paused_reason: string | null;
  paused_hresult: string | null;
  last_session_at: Date | null;
  qbxml_version: string | null;
  country: string | null;
  product: string | null;
} | null> {
  const { rows } = await db.query(`SELECT * FROM weft_desktop_files WHERE connection_id = $1`, [connectionId]);
  return rows[0] ?? null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((ok) => {
    const onAbort = () => {
      clearTimeout(t);
      ok();
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      ok();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** "5 min" from whole minutes, else "30 s": the wait as an operator reads it. */
function waited(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return ms >= 60_000 && minutes ? `${minutes} min` : `${ms / 1000} s`;
}
