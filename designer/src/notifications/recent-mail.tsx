// The workspace's latest mails and what became of each: sent, waiting for a retry
// (with the mail server's reason), or given up.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../api/app-router';

type Entry = inferRouterOutputs<AppRouter>['notifications']['get']['recent'][number];

function state(m: Entry, formatTime: (t: string) => string): { text: string; tone: 'ok' | 'wait' | 'bad' } {
  if (m.sentAt) return { text: `Sent ${formatTime(m.sentAt)}`, tone: 'ok' };
  if (m.gaveUp) return { text: `Not sent after ${m.attempts} tries: ${m.lastError ?? ''}`, tone: 'bad' };
  if (m.lastError) return { text: `Waiting to retry (try ${m.attempts} failed: ${m.lastError})`, tone: 'wait' };
  return { text: 'Waiting to be sent', tone: 'wait' };
}

export function RecentMail({ entries, formatTime }: { entries: Entry[]; formatTime: (t: string) => string }) {
  return (
    <section>
      <h2>Latest mails</h2>
      {entries.length === 0 ? (
        <p className="muted">No mail yet. Alerts appear here as flows send them.</p>
      ) : (
        <table className="table notify-table" data-testid="notify-recent">
          <thead>
            <tr>
              <th>Queued</th>
              <th>Subject</th>
              <th>To</th>
              <th>What happened</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((m) => {
              const s = state(m, formatTime);
              return (
                <tr key={m.id}>
                  <td>{formatTime(m.createdAt)}</td>
                  <td>{m.subject}</td>
                  <td>{m.to.join(', ')}</td>
                  <td className={`notify-${s.tone}`}>{s.text}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
