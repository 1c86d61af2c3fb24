// The notifier: one loop in the server process that turns finished runs into
// alerts, queues the daily reports when they are due, and sends the outbox. It
// reads the run ledger, so runs of every worker are covered; it never blocks a run.
import type { Queryable } from '../../engine';
import { queueDueReports } from './daily-report';
import { sendDueMail } from './mail-outbox';
import { queueRunAlerts } from './run-alerts';
import { mailErrorWords, NOT_CONFIGURED, type Mailer, type SmtpDescription } from './smtp';

export interface NotifierDeps {
  db: Queryable;
  mailer: Mailer | null;
  adminEmails(workspaceId: string): string[];
  /** The address people open Weft at, for links in mails (WEFT_PUBLIC_URL, else the server's own). */
  baseUrl: () => string | null;
  log: (m: string) => void;
}

const ALERT_EVERY_MS = 5_000;
const REPORT_EVERY_MS = 60_000;

export class Notifier {
  private timer: NodeJS.Timeout | null = null;
  private lastReportCheck = 0;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: NotifierDeps) {}

  get smtp(): SmtpDescription {
    return this.deps.mailer?.describe ?? NOT_CONFIGURED;
  }

  start(): void {
    if (!this.deps.mailer) {
      this.deps.log('Mail notifications are off: set WEFT_SMTP_URL and WEFT_MAIL_FROM to send them.');
      return;
    }
    const loop = () => {
      this.timer = setTimeout(() => void this.tick().finally(() => this.timer && loop()), ALERT_EVERY_MS);
      this.timer.unref();
    };
    loop();
  }

  /** One pass: alerts, due reports, then the outbox. Errors are logged, never thrown. */
  tick(now = new Date()): Promise<void> {
    this.running ??= this.pass(now).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(now: Date): Promise<void> {
    const { mailer, log } = this.deps;
    if (!mailer) return;
    const deps = { db: this.deps.db, adminEmails: this.deps.adminEmails, baseUrl: this.deps.baseUrl() };
    try {
      await queueRunAlerts(deps);
      if (now.getTime() - this.lastReportCheck >= REPORT_EVERY_MS) {
        this.lastReportCheck = now.getTime();
        await queueDueReports(deps, now);
      }
      await sendDueMail(this.deps.db, mailer, log);
    } catch (e) {
      log(`Notifications: ${(e as Error).message}`);
    }
  }

  /** "Send test mail": sent at once, not through the outbox, so the answer says whether it arrived at the server. */
  async sendTest(to: string[]): Promise<{ ok: boolean; message: string }> {
    const { mailer } = this.deps;
    if (!mailer) return { ok: false, message: NOT_CONFIGURED.message };
    if (to.length === 0)
      return { ok: false, message: 'No address to send to: add one, or turn on "Send to the workspace admins".' };
    try {
      await mailer.send({
        to,
        subject: 'Weft test mail',
        text: 'This is a test mail from Weft. Notifications will reach this address.',
        html: '<p>This is a test mail from Weft. Notifications will reach this address.</p>',
      });
      const d = mailer.describe;
      return {
        ok: true,
        message: `Sent to ${to.join(', ')} through ${d.configured ? `${d.host}:${d.port}` : 'the mail server'}.`,
      };
    } catch (e) {
      return { ok: false, message: mailErrorWords(e, mailer.describe) };
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.deps.mailer?.close();
  }
}
