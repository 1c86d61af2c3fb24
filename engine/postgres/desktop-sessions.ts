// The Web Connector's side of the Desktop outbox: sessions, handing out the next
// request set, storing answers and HRESULTs, the company file's pause flag.
// Called by server/qbwc for each SOAP call; all state is here, in PostgreSQL, so
// any Weft process behind a load balancer can answer any call of a session.
import type { Queryable } from './run-store';
import { COMPANY_FILE_PAUSE, companyFilePauseReason } from './schedules';

/**
 * What becomes of a request whose session was lost after sendRequestXML handed it out: the Web
 * Connector gave it to QuickBooks, which may have saved it before the answer was lost, and
 * neither resends it nor tells (QBWC Programmer's Guide, "receiveResponseXML"; qbXML has no
 * server-side idempotency). A query goes back to the queue. A write (Add, Mod, Del, DataExt)
 * is put in doubt instead of being sent again blindly: the node waiting for it is told, and
 * checks what QuickBooks holds before it sends it again, as Intuit's error recovery asks
 * ("Does it assume the check was created? … checks the status … and determines whether
 * processing succeeded", Desktop SDK, Error recovery; nodes/quickbooks/desktop/qbd-in-doubt.ts).
 */
export const WRITE_TYPES = ['CustomerAdd', 'CustomerMod', 'Add', 'Mod', 'Del', 'DataExtAdd', 'DataExtMod'];
const WRITES_SQL = WRITE_TYPES.map((t) => `'${t}'`).join(',');
const LOST = `state = CASE WHEN request->>'type' IN (${WRITES_SQL}) THEN 'doubt' ELSE 'pending' END`;

export interface DesktopSession {
  ticket: string;
  connectionId: string;
  companyFile: string | null;
  qbxmlVersion: string | null;
  country: string | null;
  answered: number;
  lastError: string | null;
  noop: boolean;
  closed: boolean;
}

export async function openSession(db: Queryable, ticket: string, connectionId: string): Promise<void> {
  // One Web Connector per company file: a new session means earlier ones are over.
  // Requests they were carrying never got their answers: reads go back to the queue, writes are in doubt.
  await db.query(
    `UPDATE weft_desktop_requests SET ${LOST}, ticket = NULL WHERE connection_id = $1 AND state = 'sent'`,
    [connectionId],
  );
  await db.query(
    `UPDATE weft_desktop_sessions SET closed_at = now(), last_error = COALESCE(last_error, 'replaced ` +
      `by a newer session') WHERE connection_id = $1 AND closed_at IS NULL`,
    [connectionId],
  );
  await db.query(`INSERT INTO weft_desktop_sessions (ticket, connection_id) VALUES ($1, $2)`, [ticket, connectionId]);
  await noteCall(db, connectionId);
}

/**
 * The Web Connector of this company file signed in (issue 13: "Test connection" says
 * when it last called). Noted at every good sign-in, also those with nothing to do
 * ("none"), which open no session.
 */
export async function noteCall(db: Queryable, connectionId: string): Promise<void> {
  await db.query(
    `INSERT INTO weft_desktop_files (connection_id, last_session_at) VALUES ($1, now()) ON CONFLICT (connection_id) DO UPDATE SET last_session_at = now()`,
    [connectionId],
  );
}

/** Requests left 'sent' by sessions that died without closing (a dropped connection): as in openSession. */
export async function requeueOrphans(db: Queryable, connectionId: string): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE weft_desktop_requests SET ${LOST}, ticket = NULL WHERE connection_id = $1 AND state = 'sent'`,
    [connectionId],
  );
  return rowCount ?? 0;
}

/** Another session of this company file answered recently and did not close: its Web Connector may still be at work. */
export async function busySince(db: Queryable, connectionId: string, windowMs: number): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM weft_desktop_sessions WHERE connection_id = $1 AND closed_at IS ` +
      `NULL AND last_seen_at > now() - ($2::text || ' milliseconds')::interval LIMIT 1`,
    [connectionId, String(windowMs)],
  );
  return rows.length > 0;
}

export async function getSession(db: Queryable, ticket: string): Promise<DesktopSession | null> {
  const { rows } = await db.query(
    `UPDATE weft_desktop_sessions SET last_seen_at = now() WHERE ticket = $1 RETURNING *`,
    [ticket],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    ticket: r.ticket,
    connectionId: r.connection_id,
    companyFile: r.company_file,
    qbxmlVersion: r.qbxml_version,
    country: r.country,
    answered: r.answered,
    lastError: r.last_error,
    noop: r.noop,
    closed: r.closed_at !== null,
  };
}

export async function setSessionHost(
  db: Queryable,
  ticket: string,
  h: { companyFile: string; qbxmlVersion: string; country: string; host: unknown; product: string | null },
): Promise<void> {
  const { rows } = await db.query(
    `UPDATE weft_desktop_sessions SET company_file = $2, qbxml_version = $3, country = $4, host = $5 WHERE ticket = $1 RETURNING connection_id`,
    [ticket, h.companyFile, h.qbxmlVersion, h.country, JSON.stringify(h.host ?? null)],
  );
  if (rows[0]) {
    await db.query(
      `UPDATE weft_desktop_files SET qbxml_version = $2, country = $3, product = COALESCE($4, product) WHERE connection_id = $1`,
      [rows[0].connection_id, h.qbxmlVersion, h.country, h.product],
    );
  }
}

export async function setSessionError(
  db: Queryable,
  ticket: string,
  message: string | null,
  noop = false,
): Promise<void> {
  await db.query(`UPDATE weft_desktop_sessions SET last_error = $2, noop = $3 WHERE ticket = $1`, [
    ticket,
    message,
    noop,
  ]);
}

export async function closeSession(db: Queryable, ticket: string): Promise<DesktopSession | null> {
  const s = await getSession(db, ticket);
  await db.query(`UPDATE weft_desktop_sessions SET closed_at = COALESCE(closed_at, now()) WHERE ticket = $1`, [ticket]);
  // Anything still marked as carried by it was handed to QuickBooks with no answer back: reads are
  // queued again, writes are in doubt.
  await db.query(`UPDATE weft_desktop_requests SET ${LOST}, ticket = NULL WHERE ticket = $1 AND state = 'sent'`, [
    ticket,
  ]);
  return s;
}

export async function pendingCount(db: Queryable, connectionId: string): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM weft_desktop_requests WHERE connection_id = $1 AND state = 'pending'`,
    [connectionId],
  );
  return rows[0].n;
}

export interface TakenRequest {
  id: string;
  request: Record<string, unknown>;
}

/** The next request set for this session: oldest first, at most `max`; a `solo` request travels alone. */
export async function takeRequests(
  db: Queryable,
  ticket: string,
  connectionId: string,
  max: number,
): Promise<TakenRequest[]> {
  const { rows } = await db.query(
    `WITH next AS (
       SELECT id, solo FROM weft_desktop_requests WHERE connection_id = $1 AND state = 'pending' ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED
     ), pick AS (
       SELECT id FROM next WHERE NOT (SELECT solo FROM next ORDER BY id LIMIT 1) OR id = (SELECT min(id) FROM next)
     )
     UPDATE weft_desktop_requests r SET state = 'sent', ticket = $2, attempts = attempts + 1, sent_at = now()
       FROM pick WHERE r.id = pick.id RETURNING r.id::text, r.request`,
    [connectionId, ticket, max],
  );
  return (rows as TakenRequest[]).sort((a, b) => Number(a.id) - Number(b.id));
}

/** Stores the answers that came back; requests of the set left unanswered (stopOnError) are queued again. */
export async function storeAnswers(
  db: Queryable,
  ticket: string,
  answers: { id: string; response: unknown }[],
): Promise<number> {
  let stored = 0;
  if (answers.length > 0) {
    const { rowCount } = await db.query(
      `UPDATE weft_desktop_requests r SET state = 'done', response = a.response, done_at = now(), hresult = NULL, message = NULL
         FROM (SELECT unnest($2::bigint[]) AS id, unnest($3::jsonb[]) AS response) a
        WHERE r.id = a.id AND r.ticket = $1 AND r.state = 'sent'`,
      [ticket, answers.map((a) => a.id), answers.map((a) => JSON.stringify(a.response))],
    );
    stored = rowCount ?? 0;
  }
  await db.query(
    `UPDATE weft_desktop_requests SET state = 'pending', ticket = NULL WHERE ticket = $1 AND state = 'sent'`,
    [ticket],
  );
  await db.query(
    `UPDATE weft_desktop_sessions SET answered = answered + $2, last_error = NULL, noop = false WHERE ticket = $1`,
    [ticket, stored],
  );
  return stored;
}

/**
 * QuickBooks threw instead of answering. Parse errors (0x80040400): a set of several
 * is split so each request goes alone and only the bad one fails; a lone request
 * fails with the HRESULT. Anything else: the set waits for the next session.
 * `maxAttempts` fails requests that keep breaking sessions (e.g. malformed answers);
 * not for a pausing HRESULT (`pause`), which is the company file's fault.
 */
export async function storeHresult(
  db: Queryable,
  ticket: string,
  hresult: string,
  message: string,
  o: { parseError: boolean; maxAttempts: number; pause?: boolean; processed?: boolean },
): Promise<void> {
  const { rows } = await db.query(
    `SELECT id::text, attempts FROM weft_desktop_requests WHERE ticket = $1 AND state = 'sent'`,
    [ticket],
  );
  const ids = rows.map((r) => r.id as string);
  if (o.parseError && ids.length > 1) {
    await db.query(
      `UPDATE weft_desktop_requests SET state = 'pending', ticket = NULL, solo = true WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    return;
  }
  // A pausing HRESULT (modal dialog, single-user mode…) is the company file's, not the requests':
  // they wait for the file however many sessions it takes, and never fail for it.
  const spent = rows
    .filter((r) => o.parseError || (!o.pause && r.attempts >= o.maxAttempts))
    .map((r) => r.id as string);
  if (spent.length) {
    await db.query(
      `UPDATE weft_desktop_requests SET state = 'failed', hresult = $2, message = $3, done_at = now() WHERE id = ANY($1::bigint[])`,
      [spent, hresult, message],
    );
  }
  // `processed`: QuickBooks answered but the answer could not be read, so its writes may be saved.
  await db.query(
    `UPDATE weft_desktop_requests SET ${o.processed ? LOST : "state = 'pending'"}, ticket = NULL
      WHERE ticket = $1 AND state = 'sent'`,
    [ticket],
  );
}

/** Key of the outbox request that keeps the Web Connector coming back while the file is paused. */
export const PAUSE_PROBE_KEY = 'weft.pause-probe';

/**
 * Flag the company file: the operator must act (dialog open, QuickBooks not running…).
 * Cleared by the next good answer. The scheduled flows touching the file show PAUSED
 * at once (the same paused_by utility runs use); their ticks start no run until it
 * clears (schedules.ts). A HostQuery waits in the outbox, so the Web Connector keeps
 * opening sessions ("none" would end them) and one that gets through resumes all.
 */
export async function pauseFile(db: Queryable, connectionId: string, reason: string, hresult: string): Promise<void> {
  await db.query(
    `INSERT INTO weft_desktop_files (connection_id, paused_reason, paused_hresult, paused_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (connection_id) DO UPDATE SET paused_reason = $2, paused_hresult = $3, paused_at = now()`,
    [connectionId, reason, hresult],
  );
  await db.query(
    `INSERT INTO weft_desktop_requests (connection_id, request_key, request) VALUES ($1, $2, $3)
     ON CONFLICT (connection_id, request_key) DO UPDATE SET attempts = 0, hresult = NULL, message = NULL, response = NULL,
       state = CASE WHEN weft_desktop_requests.state = 'sent' THEN 'sent' ELSE 'pending' END`,
    [connectionId, PAUSE_PROBE_KEY, JSON.stringify({ type: 'HostQuery' })],
  );
  await db.query(
    `UPDATE weft_schedules SET paused_by = $2, pause_reason = $3, updated_at = now()
      WHERE enabled AND $1 = ANY(connections) AND (paused_by IS NULL OR paused_by LIKE $4)`,
    [
      connectionId,
      COMPANY_FILE_PAUSE + connectionId,
      companyFilePauseReason(connectionId, reason),
      `${COMPANY_FILE_PAUSE}%`,
    ],
  );
}

/** A Web Connector session got an answer through: the file and the schedules it paused carry on. */
export async function resumeFile(db: Queryable, connectionId: string): Promise<void> {
  await db.query(
    `UPDATE weft_desktop_files SET paused_reason = NULL, paused_hresult = NULL, paused_at = NULL WHERE connection_id = $1 AND paused_reason IS NOT NULL`,
    [connectionId],
  );
  // The probe is not needed once anything got through.
  await db.query(
    `UPDATE weft_desktop_requests SET state = 'cancelled' WHERE connection_id = $1 AND request_key = $2 AND state = 'pending'`,
    [connectionId, PAUSE_PROBE_KEY],
  );
  // The flows' next tick (at most 30 s away while paused) starts the run that waited.
  await db.query(
    `UPDATE weft_schedules SET paused_by = NULL, pause_reason = NULL, updated_at = now() WHERE paused_by = $1`,
    [COMPANY_FILE_PAUSE + connectionId],
  );
}

/**
 * Answers are kept so a rerun replays them instead of writing twice; after
 * `keepDays` a rerun of that record version is no longer expected, so they go.
 */
export async function pruneAnswered(db: Queryable, connectionId: string, keepDays: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM weft_desktop_requests WHERE connection_id = $1 AND state IN ('done','failed','cancelled','doubt')
       AND COALESCE(done_at, created_at) < now() - ($2::text || ' days')::interval`,
    [connectionId, String(keepDays)],
  );
  return rowCount ?? 0;
}
