// Wires notifications into a booted Weft: the mail server from the environment,
// admins' addresses from the design store, links to the public address.
import type pg from 'pg';
import type { Logger } from '../../nodes/define-node';
import type { Services } from '../services';
import { Notifier } from './notifier';
import { notificationsService } from './notifications-service';
import { createMailer, smtpFromEnv, type Mailer } from './smtp';

export function startNotifications(o: {
  services: Services;
  pool: pg.Pool;
  smtpUrl?: string;
  serverUrl: () => string | null;
  /** Only a Weft that serves people runs the loop; `weft run` and workers send no mail. */
  loop: boolean;
  log: Logger;
}): Notifier {
  let mailer: Mailer | null = null;
  try {
    mailer = o.smtpUrl ? createMailer(o.smtpUrl, process.env.WEFT_MAIL_FROM) : smtpFromEnv();
  } catch (e) {
    o.log.warn(`Mail notifications are off: ${(e as Error).message}`);
  }
  const adminEmails = (ws: string) =>
    o.services.accounts.store
      .membersOf(ws)
      .filter((m) => m.role === 'admin')
      .map((m) => m.email);
  const baseUrl = () => process.env.WEFT_PUBLIC_URL ?? o.serverUrl();
  const notifier = new Notifier({ db: o.pool, mailer, adminEmails, baseUrl, log: (m) => o.log.warn(m) });
  o.services.notifications = notificationsService(o.pool, notifier, adminEmails, baseUrl);
  if (o.loop) notifier.start();
  return notifier;
}
