// Mail waiting to go out. A run never waits for a mail server: alerts and reports
// are written here and sent by the notifier; a refusal is logged and retried later
// (1, 5, 15 minutes, then hourly), and given up after a day with its reason kept.
import type { Queryable } from '../../engine';
import type { Recipients } from './notify-settings';
import { mailErrorWords, type Mailer } from './smtp';

export interface NewMail {
  workspaceId: string;
  kind: 'run-alert' | 'daily-report';
  dedupeKey: string;
  recipients: Recipients;
  subject: string;
  html: string;
  text: string;
}

/** Queues a mail once per dedupe key; false when it was queued before. */
export async function enqueueMail(db: Queryable, m: NewMail): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO weft_mail_outbox (workspace_id, kind, dedupe_key, recipients, subject, html, body_text)
     VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (dedupe_key) DO NOTHING`,
    [m.workspaceId, m.kind, m.dedupeKey, JSON.stringify(m.recipients), m.subject, m.html, m.text],
  );
  return rowCount === 1;
}

const RETRY_MINUTES = [
  1, 5, 15, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60,
];

/** Sends what is due, a few at a time; returns how many went out. */
export async function sendDueMail(
  db: Queryable,
  mailer: Mailer,
  log: (m: string) => void,
  limit = 20,
): Promise<number> {
  // A row is claimed by pushing its next attempt out first, so a second server never sends it too.
  const { rows } = await db.query(
    `UPDATE weft_mail_outbox SET next_attempt_at = now() + interval '10 minutes'
      WHERE id IN (SELECT id FROM weft_mail_outbox WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= now()
                   ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id, recipients, subject, html, body_text, attempts`,
    [limit],
  );
  let sent = 0;
  for (const r of rows) {
    const to = r.recipients as Recipients;
    try {
      await mailer.send({ to: to.to, cc: to.cc, bcc: to.bcc, subject: r.subject, html: r.html, text: r.body_text });
      await db.query(
        `UPDATE weft_mail_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
        [r.id],
      );
      sent++;
    } catch (e) {
      const why = mailErrorWords(e, mailer.describe);
      const attempts = Number(r.attempts) + 1;
      const wait = RETRY_MINUTES[attempts - 1];
      log(
        `Mail "${r.subject}" was not sent (attempt ${attempts}): ${why}${wait ? ` Trying again in ${wait} min.` : ' Giving up.'}`,
      );
      await db.query(
        `UPDATE weft_mail_outbox SET attempts = $2, last_error = $3,
                next_attempt_at = now() + make_interval(mins => $4), given_up_at = CASE WHEN $5 THEN now() END
          WHERE id = $1`,
        [r.id, attempts, why, wait ?? 0, wait === undefined],
      );
    }
  }
  return sent;
}

export interface OutboxEntry {
  id: number;
  kind: string;
  subject: string;
  to: string[];
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  gaveUp: boolean;
}

/** The workspace's latest mails, for the settings screen: sent, waiting, or given up, with the reason. */
export async function recentMail(db: Queryable, workspaceId: string, limit = 20): Promise<OutboxEntry[]> {
  const { rows } = await db.query(
    `SELECT id, kind, subject, recipients, created_at, sent_at, attempts, last_error, given_up_at
       FROM weft_mail_outbox WHERE workspace_id = $1 ORDER BY id DESC LIMIT $2`,
    [workspaceId, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    subject: r.subject,
    to: [...r.recipients.to, ...r.recipients.cc],
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    attempts: r.attempts,
    lastError: r.last_error,
    gaveUp: r.given_up_at !== null,
  }));
}
