// What the API and the CLI ask of notifications: a workspace's recipients, the
// mail server in use, the latest mails, a test mail, a report sent now.
import type { Queryable } from '../../engine';
import { localClock, queueReport } from './daily-report';
import { recentMail, type OutboxEntry } from './mail-outbox';
import type { Notifier } from './notifier';
import { loadSettings, recipientsOf, saveSettings, type NotifySettings } from './notify-settings';
import type { SmtpDescription } from './smtp';

export interface NotificationsService {
  get(
    workspaceId: string,
  ): Promise<{ settings: NotifySettings; smtp: SmtpDescription; adminEmails: string[]; recent: OutboxEntry[] }>;
  save(workspaceId: string, settings: NotifySettings): Promise<void>;
  sendTest(workspaceId: string, to: string | null): Promise<{ ok: boolean; message: string }>;
  /** Queues today's report of the workspace at once (when a flow asks for one) and sends it. */
  reportNow(workspaceId: string): Promise<{ queued: boolean; message: string }>;
}

export function notificationsService(
  db: Queryable,
  notifier: Notifier,
  adminEmails: (ws: string) => string[],
  baseUrl: () => string | null,
): NotificationsService {
  return {
    async get(ws) {
      const { lastDailyFor: _, ...settings } = await loadSettings(db, ws);
      return { settings, smtp: notifier.smtp, adminEmails: adminEmails(ws), recent: await recentMail(db, ws) };
    },
    save: (ws, settings) => saveSettings(db, ws, settings),
    async sendTest(ws, to) {
      if (to) return notifier.sendTest([to]);
      const r = recipientsOf(await loadSettings(db, ws), adminEmails(ws));
      return notifier.sendTest([...r.to, ...r.cc]);
    },
    async reportNow(ws) {
      const s = await loadSettings(db, ws);
      const now = new Date();
      const queued = await queueReport(
        { db, adminEmails, baseUrl: baseUrl() },
        ws,
        now,
        `${localClock(now, s.timeZone).day} (sent by hand)`,
      );
      if (queued) await notifier.tick(now);
      return {
        queued,
        message: queued
          ? 'The report was queued; it shows below once the mail server took it.'
          : 'Nothing to report: no flow that ran in the last 24 hours has a daily report in its notification mode, or there is nobody to send to.',
      };
    },
  };
}
