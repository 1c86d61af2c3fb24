// The preview's way to QuickBooks Desktop (issue 14). Desktop answers only while the
// customer's Web Connector runs a session (every few minutes at best, often hourly, and
// never while the office PC is off), so a preview that queued its query and waited would
// mostly show a spinner. What a Desktop customer gets instead:
// - the Web Connector is running (it called within the last minute, the file not paused): the
//   preview's query goes through the same outbox as a run's, read-only (queries only), and
//   waits a few seconds at most; the records are fresh;
// - otherwise: the records the company file's last answered queries of that object brought
//   (kept in the outbox, weft_desktop_requests.response), newest first, with a note saying
//   so and when they were read. Nothing is queued for the next session.
import type { DesktopAnswer, DesktopOutbox, DesktopRequest } from '../../nodes/define-node';
import type { Queryable } from '../../engine';
import { PreviewWriteRefused } from './read-only-fetch';

/** How long the preview waits for a Web Connector that is in a session now. */
const LIVE_WAIT_MS = 8_000;
/** A Web Connector that called this recently counts as running now (its shortest auto-run interval is 1 min). */
const LIVE_WITHIN_S = 60;

/** Nothing to show: the preview says why instead of rows (mapping-preview.ts). */
export class PreviewUnavailable extends Error {}

export interface PreviewDesktop extends DesktopOutbox {
  /** What the preview shows about where the records came from (null: read just now). */
  note(): string | null;
}

type Rs = { rets?: Record<string, unknown>[]; iteratorID?: string; iteratorRemainingCount?: number };

/** The Web Connector called within the last minute and the company file is not paused: it is running now. */
async function running(db: Queryable, connectionId: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM weft_desktop_files WHERE connection_id = $1 AND paused_reason IS NULL
        AND last_session_at > now() - make_interval(secs => $2)`,
    [connectionId, LIVE_WITHIN_S],
  );
  return rows.length > 0;
}

/** Records of `object` from the latest answered queries, newest first, one per id, up to `limit`. */
async function lastRead(db: Queryable, connectionId: string, request: Record<string, unknown>, limit: number) {
  const { rows } = await db.query(
    `SELECT response, done_at FROM weft_desktop_requests
      WHERE connection_id = $1 AND state = 'done' AND request->>'type' = $2
        AND coalesce(request->>'object', '') = coalesce($3, '')
      ORDER BY done_at DESC LIMIT 50`,
    [connectionId, String(request.type), typeof request.object === 'string' ? request.object : null],
  );
  const rets: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const row of rows as { response: Rs | null }[]) {
    for (const ret of row.response?.rets ?? []) {
      const id = String(ret.ListID ?? ret.TxnID ?? JSON.stringify(ret));
      if (seen.has(id)) continue;
      seen.add(id);
      rets.push(ret);
    }
    if (rets.length >= limit) break;
  }
  if (rows.length === 0) return null;
  const first = rows[0] as { response: Rs; done_at: Date };
  // One page, no iterator: the source reads it and stops.
  const response = { ...first.response, rets: rets.slice(0, limit), iteratorRemainingCount: 0 };
  delete (response as Rs).iteratorID;
  return { response, readAt: new Date(first.done_at) };
}

function readableDate(d: Date): string {
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function previewDesktop(db: Queryable, live: DesktopOutbox, limit = 20): PreviewDesktop {
  let note: string | null = null;
  return {
    note: () => note,
    async submit(connectionId, requests: DesktopRequest[], opts): Promise<DesktopAnswer[]> {
      const write = requests.find((r) => !['Query', 'HostQuery'].includes(String(r.request.type)));
      if (write)
        throw new PreviewWriteRefused(
          `The preview only reads: a step asked QuickBooks Desktop for a ${String(write.request.type)} of ` +
            `${String(write.request.object ?? 'a record')}, which could change the company file, and Weft did not send it.`,
        );
      if (await running(db, connectionId)) {
        try {
          return await live.submit(connectionId, requests, { ...opts, timeoutMs: LIVE_WAIT_MS });
        } catch {
          // The session ended meanwhile: the records read before, as below.
        }
      }
      const answers: DesktopAnswer[] = [];
      for (const r of requests) {
        const found = await lastRead(db, connectionId, r.request, limit);
        if (!found) {
          const what = typeof r.request.object === 'string' ? `${r.request.object} records have` : 'records have';
          throw new PreviewUnavailable(
            `QuickBooks Desktop answers only when the Web Connector runs, and no ${what} been read from this ` +
              'company file yet. Run the flow once while the Web Connector runs, then preview again.',
          );
        }
        if (r.request.type === 'Query') {
          const n = found.response.rets.length;
          note =
            `QuickBooks Desktop answers only when the Web Connector runs — showing the last ${n} record` +
            `${n === 1 ? '' : 's'} read on ${readableDate(found.readAt)}.`;
        }
        answers.push({ key: r.key, attempts: 1, response: found.response, error: null });
      }
      return answers;
    },
  };
}
