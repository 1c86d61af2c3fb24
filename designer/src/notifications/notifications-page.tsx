// Notifications of a workspace (admins; issue 16, seed §5.4): who gets Weft's mail,
// when the daily report goes out, the mail server in use, a test mail, and the
// latest mails with what became of each. Which runs send mail is a flow setting.
import { PageHeader } from '../ui/page-header';
import type { inferRouterOutputs } from '@trpc/server';
import { useEffect, useState } from 'react';
import type { AppRouter } from '../api/app-router';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { formatTime } from '../lib/run-status';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/use-async';
import { RecentMail } from './recent-mail';
import './notifications.css';

type Loaded = inferRouterOutputs<AppRouter>['notifications']['get'];
type Settings = Loaded['settings'];
type ListField = 'to' | 'cc' | 'bcc' | 'hosting';

const LISTS: { key: ListField; label: string; help: string }[] = [
  { key: 'to', label: 'Also send to', help: 'People who are not admins of this workspace, e.g. the IT team.' },
  { key: 'cc', label: 'CC', help: 'Copied on every mail.' },
  { key: 'bcc', label: 'BCC', help: 'Copied without the others seeing it.' },
  { key: 'hosting', label: 'Hosting provider', help: 'The company that runs Weft for you, if any.' },
];

const split = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

export function NotificationsPage() {
  const toast = useToast();
  const loaded = useAsync(() => api.notifications.get.query(), 'notifications', 'load the notification settings');
  const [form, setForm] = useState<Settings | null>(null);
  const [lists, setLists] = useState<Record<ListField, string>>({ to: '', cc: '', bcc: '', hosting: '' });
  const [testTo, setTestTo] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!loaded.data || form) return;
    setForm(loaded.data.settings);
    const s = loaded.data.settings;
    setLists({ to: s.to.join(', '), cc: s.cc.join(', '), bcc: s.bcc.join(', '), hosting: s.hosting.join(', ') });
  }, [loaded.data, form]);

  async function act(what: string, f: () => Promise<{ ok?: boolean; queued?: boolean; message?: string } | void>) {
    setBusy(true);
    try {
      const r = await f();
      if (r?.message) toast(r.message, r.ok === false || r.queued === false ? 'error' : 'info');
      loaded.reload();
    } catch (e) {
      toast(plainError(e, what), 'error');
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    act('save the notification settings', async () => {
      await api.notifications.save.mutate({
        ...form!,
        to: split(lists.to),
        cc: split(lists.cc),
        bcc: split(lists.bcc),
        hosting: split(lists.hosting),
      });
      return { message: 'Saved. The next mail goes to these addresses.' };
    });

  const smtp = loaded.data?.smtp;
  return (
    <div className="home">
      <PageHeader tag="Notifications" />
      <main className="notify-main">
        <h1>Notifications</h1>
        <p className="muted">
          Which runs send mail is chosen per flow: open a flow, then <strong>Settings → Email notifications</strong>{' '}
          (none, connection failures, every error, and the daily reports). Here you choose who receives them.
        </p>
        {loaded.error && (
          <p className="error-text" role="alert">
            {loaded.error}
          </p>
        )}
        {smtp && (
          <section className={`notify-smtp ${smtp.configured ? '' : 'warn'}`} data-testid="smtp-status">
            {smtp.configured ? (
              <>
                Mail goes out through{' '}
                <strong>
                  {smtp.host}:{smtp.port}
                </strong>{' '}
                {smtp.secure ? '(TLS)' : ''} as <strong>{smtp.from}</strong>
                {smtp.user ? `, signed in as ${smtp.user}` : ''}.
              </>
            ) : (
              smtp.message
            )}
          </section>
        )}
        {form && loaded.data && (
          <form className="notify-form" onSubmit={(e) => (e.preventDefault(), void save())}>
            <label className="check">
              <input
                type="checkbox"
                checked={form.useAdminEmail}
                onChange={(e) => setForm({ ...form, useAdminEmail: e.target.checked })}
              />
              Send to the workspace admins{' '}
              <span className="muted">({loaded.data.adminEmails.join(', ') || 'none yet'})</span>
            </label>
            {LISTS.map((l) => (
              <label key={l.key} className="notify-field">
                <span>{l.label}</span>
                <input
                  value={lists[l.key]}
                  placeholder="name@example.com, other@example.com"
                  onChange={(e) => setLists({ ...lists, [l.key]: e.target.value })}
                  data-testid={`notify-${l.key}`}
                />
                <small className="muted">{l.help}</small>
              </label>
            ))}
            <div className="notify-row">
              <label className="notify-field">
                <span>Daily report at</span>
                <input
                  type="time"
                  value={form.dailyAt}
                  onChange={(e) => setForm({ ...form, dailyAt: e.target.value })}
                  data-testid="notify-daily-at"
                />
              </label>
              <label className="notify-field">
                <span>Time zone</span>
                <input
                  value={form.timeZone}
                  onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
                  placeholder="America/New_York"
                />
              </label>
            </div>
            <div className="row">
              <button type="submit" className="button primary" disabled={busy} data-testid="notify-save">
                Save
              </button>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void act("send today's report", () => api.notifications.reportNow.mutate())}
              >
                Send the daily report now
              </button>
            </div>
          </form>
        )}
        <section className="notify-test">
          <h2>Test mail</h2>
          <div className="row">
            <input
              value={testTo}
              onChange={(e) => setTestTo(e.target.value)}
              placeholder="Leave empty to send to the recipients above"
              data-testid="notify-test-to"
            />
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() =>
                void act('send a test mail', () => api.notifications.sendTest.mutate({ to: testTo.trim() || null }))
              }
              data-testid="notify-send-test"
            >
              Send test mail
            </button>
          </div>
        </section>
        {loaded.data && <RecentMail entries={loaded.data.recent} formatTime={formatTime} />}
      </main>
    </div>
  );
}
