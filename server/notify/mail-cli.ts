// `weft mail test --to <address> [--json]`: checks WEFT_SMTP_URL / WEFT_MAIL_FROM from a
// set-up script, without starting Weft. Exit 0 when the mail server took the mail.
import { Notifier } from './notifier';
import { smtpFromEnv } from './smtp';

export async function mailCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const to = rest[rest.indexOf('--to') + 1];
  if (sub !== 'test' || !rest.includes('--to') || !to || to.startsWith('--')) {
    throw new Error('usage: weft mail test --to <address> [--json]');
  }
  const notifier = new Notifier({
    db: null as never,
    mailer: smtpFromEnv(),
    adminEmails: () => [],
    baseUrl: () => null,
    log: () => undefined,
  });
  const result = await notifier.sendTest([to]);
  await notifier.close();
  console.log(rest.includes('--json') ? JSON.stringify(result) : result.message);
  process.exitCode = result.ok ? 0 : 1;
}
