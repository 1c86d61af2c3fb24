// The SMTP server Weft sends its notifications through: one per Weft, from the
// environment (`WEFT_SMTP_URL`, e.g. smtp://user:pass@host:587, and `WEFT_MAIL_FROM`).
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  /** What the settings screen shows: never the password. */
  readonly describe: SmtpDescription;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export type SmtpDescription =
  | { configured: false; message: string }
  | { configured: true; host: string; port: number; secure: boolean; user: string | null; from: string };

export function smtpFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  return env.WEFT_SMTP_URL ? createMailer(env.WEFT_SMTP_URL, env.WEFT_MAIL_FROM) : null;
}

export const NOT_CONFIGURED = {
  configured: false,
  message:
    'No mail server is set. Set WEFT_SMTP_URL (e.g. smtp://user:password@mail.example.com:587) and WEFT_MAIL_FROM, then restart Weft.',
} as const satisfies SmtpDescription;

export function createMailer(url: string, from?: string): Mailer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('WEFT_SMTP_URL is not a URL: write it like smtp://user:password@mail.example.com:587.');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new Error(`WEFT_SMTP_URL must start with smtp:// or smtps://, not ${parsed.protocol}//.`);
  }
  const secure = parsed.protocol === 'smtps:';
  const port = Number(parsed.port) || (secure ? 465 : 587);
  const user = parsed.username ? decodeURIComponent(parsed.username) : null;
  const sender = from ?? (user?.includes('@') ? user : `weft@${parsed.hostname}`);
  // Time-outs keep a dead mail server from holding a notifier tick for minutes (nodemailer's defaults are 2–10 min).
  const transport = nodemailer.createTransport({
    host: parsed.hostname,
    port,
    secure,
    auth: user ? { user, pass: decodeURIComponent(parsed.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    describe: { configured: true, host: parsed.hostname, port, secure, user, from: sender },
    async send(mail) {
      await transport.sendMail({
        from: sender,
        to: mail.to,
        cc: mail.cc,
        bcc: mail.bcc,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
      });
    },
    close: () => transport.close(),
  };
}

/** A mail server's refusal in plain words, for the settings screen and the log. */
export function mailErrorWords(e: unknown, d: SmtpDescription): string {
  const err = e as { code?: string; responseCode?: number; message?: string };
  const where = d.configured ? `${d.host}:${d.port}` : 'the mail server';
  // nodemailer wraps socket errors (code ESOCKET/ECONNECTION); the cause is in the message.
  if (err.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(err.message ?? ''))
    return `${where} refused the connection. Check WEFT_SMTP_URL's host and port.`;
  if (/ENOTFOUND|EAI_AGAIN/.test(err.message ?? ''))
    return `The mail server's host in WEFT_SMTP_URL was not found (${where}).`;
  if (err.code === 'ETIMEDOUT' || err.code === 'ESOCKET' || err.code === 'ECONNECTION')
    return `${where} did not answer (${err.message ?? err.code}).`;
  if (err.code === 'EAUTH') return `${where} refused the user name or password in WEFT_SMTP_URL.`;
  if (err.code === 'EENVELOPE') return `${where} refused the addresses: ${err.message ?? ''}`;
  return `${where} refused the mail: ${err.message ?? String(e)}`;
}
