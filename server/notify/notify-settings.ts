// Who a workspace's notifications go to, and when its daily report is sent
// (seed §5.4: admin e-mail, CC/BCC, hosting provider addresses). Kept in the run
// store beside the outbox, so the notifier reads both in one place.
import { z } from 'zod';
import type { Queryable } from '../../engine';

const address = z.string().trim().max(254).email('is not an e-mail address');
const addresses = z.array(address).max(20, 'at most 20 addresses');

export const NotifySettings = z.strictObject({
  useAdminEmail: z.boolean(),
  to: addresses,
  cc: addresses,
  bcc: addresses,
  hosting: addresses,
  dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time looks like 07:00'),
  timeZone: z.string().refine(isTimeZone, 'is not a time zone such as America/New_York'),
});
export type NotifySettings = z.infer<typeof NotifySettings>;

export const DEFAULT_SETTINGS: NotifySettings = {
  useAdminEmail: true,
  to: [],
  cc: [],
  bcc: [],
  hosting: [],
  dailyAt: '07:00',
  timeZone: 'UTC',
};

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export async function loadSettings(
  db: Queryable,
  workspaceId: string,
): Promise<NotifySettings & { lastDailyFor: string | null }> {
  const { rows } = await db.query(
    `SELECT *, last_daily_for::text AS last_day FROM weft_notify_settings WHERE workspace_id = $1`,
    [workspaceId],
  );
  const r = rows[0];
  if (!r) return { ...DEFAULT_SETTINGS, lastDailyFor: null };
  return {
    useAdminEmail: r.use_admin_email,
    to: r.to_addresses,
    cc: r.cc,
    bcc: r.bcc,
    hosting: r.hosting,
    dailyAt: r.daily_at,
    timeZone: r.time_zone,
    lastDailyFor: r.last_day ?? null,
  };
}

export async function saveSettings(db: Queryable, workspaceId: string, s: NotifySettings): Promise<void> {
  await db.query(
    `INSERT INTO weft_notify_settings (workspace_id, use_admin_email, to_addresses, cc, bcc, hosting, daily_at, time_zone)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
     ON CONFLICT (workspace_id) DO UPDATE SET use_admin_email = $2, to_addresses = $3, cc = $4, bcc = $5, hosting = $6,
       daily_at = $7, time_zone = $8, updated_at = now()`,
    [workspaceId, s.useAdminEmail, s.to, s.cc, s.bcc, s.hosting, s.dailyAt, s.timeZone],
  );
}

export async function markDailySent(db: Queryable, workspaceId: string, day: string): Promise<void> {
  await db.query(
    `INSERT INTO weft_notify_settings (workspace_id, last_daily_for) VALUES ($1, $2::date)
     ON CONFLICT (workspace_id) DO UPDATE SET last_daily_for = $2::date`,
    [workspaceId, day],
  );
}

export interface Recipients {
  to: string[];
  cc: string[];
  bcc: string[];
}

/** Admins' addresses (when chosen), the listed ones and the hosting provider's, each once. */
export function recipientsOf(s: NotifySettings, adminEmails: string[]): Recipients {
  const to = [...new Set([...(s.useAdminEmail ? adminEmails : []), ...s.to, ...s.hosting].map((a) => a.toLowerCase()))];
  const seen = new Set(to);
  const cc = s.cc.map((a) => a.toLowerCase()).filter((a) => !seen.has(a) && (seen.add(a), true));
  const bcc = s.bcc.map((a) => a.toLowerCase()).filter((a) => !seen.has(a) && (seen.add(a), true));
  return { to, cc, bcc };
}
