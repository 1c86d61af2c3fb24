// The review queue at #/review (issue 14): records a binding could not decide on its
// own — several look-alikes, or a name whose phone or address differs — each beside
// its candidates. Support picks one, "create new" or "skip"; the record then goes on
// through its flow. Paged by the server (keyset), 10 cases a page.
import { PageHeader } from '../ui/page-header';
import { useState } from 'react';
import { useSession } from '../account/session';
import type { ReviewCaseView } from '../api/api-types';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { useAsync } from '../ui/use-async';
import { useToast } from '../ui/toast';
import { ReviewCaseCard, type Choice } from './review-case';
import './review.css';

const PAGE = 10;

export function ReviewPage() {
  const { me } = useSession();
  const toast = useToast();
  const [status, setStatus] = useState<'open' | 'decided'>('open');
  // Keyset cursors of the pages before this one (the first page has none).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [busy, setBusy] = useState(false);
  const afterId = cursors[cursors.length - 1];
  const page = useAsync(
    () => api.review.list.query({ status, afterId, limit: PAGE }),
    `${status}:${afterId ?? ''}`,
    'load the review queue',
  );
  // Same roles as the server's `records.fix` (server/auth/roles.ts); the server checks again.
  const canDecide = me.workspace.role === 'admin' || me.workspace.role === 'support';

  async function decide(c: ReviewCaseView, choice: Choice, label: string) {
    setBusy(true);
    try {
      await api.review.decide.mutate({ id: c.id, choice });
      toast(
        `Record "${c.request.record.name}" ${label}.${choice.kind === 'skip' ? '' : ' It is on its way through the flow.'}`,
      );
      page.reload();
    } catch (e) {
      toast(plainError(e, 'record the decision'), 'error');
      page.reload();
    } finally {
      setBusy(false);
    }
  }

  const cases = page.data?.cases ?? [];
  const total = page.data?.total ?? 0;
  const first = (cursors.length - 1) * PAGE;
  return (
    <div className="home">
      <PageHeader tag="Review queue" />
      <main className="review-main">
        <div className="review-head">
          <h1>Review queue</h1>
          <label>
            Show{' '}
            <select
              value={status}
              data-testid="review-status"
              onChange={(e) => {
                setStatus(e.target.value as 'open' | 'decided');
                setCursors([null]);
              }}
            >
              <option value="open">waiting for a decision</option>
              <option value="decided">decided</option>
            </select>
          </label>
          <button type="button" className="button small" onClick={page.reload}>
            Refresh
          </button>
        </div>
        <p className="muted">
          Records a binding could not match on its own: several look-alikes, or a name whose phone or address differs.
          They wait here, neither failed nor written. Compare each with its candidates and choose.
        </p>
        {page.error && (
          <p className="error-text" role="alert">
            {page.error}
          </p>
        )}
        {page.loading && !page.data && <p className="muted">Loading…</p>}
        {page.data && (
          <p data-testid="review-count">
            {total === 0
              ? status === 'open'
                ? 'Nothing waits for a decision.'
                : 'No case was decided yet.'
              : `${total} ${status === 'open' ? 'waiting' : 'decided'} · showing ${first + 1}–${first + cases.length}`}
          </p>
        )}
        {cases.map((c) => (
          <ReviewCaseCard key={c.id} c={c} canDecide={canDecide} busy={busy} onDecide={decide} />
        ))}
        {(cursors.length > 1 || page.data?.next) && (
          <nav className="review-pager" aria-label="Pages">
            <button
              type="button"
              className="button small"
              disabled={cursors.length === 1}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              Previous
            </button>
            <button
              type="button"
              className="button small"
              disabled={!page.data?.next}
              onClick={() => setCursors([...cursors, page.data!.next])}
            >
              Next
            </button>
          </nav>
        )}
      </main>
    </div>
  );
}
