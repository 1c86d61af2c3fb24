// One failed record: where and why it failed, the catalogue's meaning and action, the target's
// answer, the record's data (as text, never HTML: records carry `& " < >`), and support's actions:
// retry, edit the fields the mapping produced and retry (audited), ignore with a reason.
import { useState } from 'react';
import { entryFor } from '../../../nodes/errors/catalogue';
import { api } from '../api/trpc-client';
import { formatTime } from '../lib/run-status';
import { plainError } from '../lib/plain-error';
import { useAsync } from '../ui/use-async';
import { useToast } from '../ui/toast';
import { IgnoreDialog } from './ignore-dialog';

interface Props {
  id: string;
  flowId: string;
  canFix: boolean;
  onChanged: () => void;
  onClose: () => void;
}

type Scalar = string | number | boolean | null;

export function FailedRecordDetail({ id, flowId, canFix, onChanged, onClose }: Props) {
  const toast = useToast();
  const state = useAsync(() => api.failures.get.query({ id }), id, 'load the failed record');
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [ignoring, setIgnoring] = useState(false);
  const r = state.data;
  if (!r) return <div className="fdetail muted">{state.error ?? 'Loading…'}</div>;
  const entry = entryFor(r.failure);
  const changes: Record<string, Scalar> = {};
  for (const e of r.editable)
    if (draft[e.path] !== undefined && draft[e.path] !== String(e.value ?? ''))
      changes[e.path] = typed(draft[e.path], e.value);
  const edited = Object.keys(changes).length > 0;

  /** True when it worked; a failure is toasted (and a dialog that asked stays open). */
  async function act(what: string, f: () => Promise<unknown>, done: string): Promise<boolean> {
    setBusy(true);
    try {
      await f();
      toast(done);
      onChanged();
      state.reload();
      return true;
    } catch (e) {
      toast(plainError(e, what), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  }
  const retry = () =>
    act(
      'retry the record',
      async () => {
        if (edited) await api.failures.edit.mutate({ id, changes });
        await api.failures.retry.mutate({ flowId, ids: [id] });
      },
      edited ? 'Saved your edit and retrying the record.' : 'Retrying the record.',
    );
  const ignore = async (reason: string) => {
    if (await act('ignore the record', () => api.failures.ignore.mutate({ flowId, ids: [id], reason }), 'Ignored.'))
      setIgnoring(false);
  };

  return (
    <article className="fdetail" data-testid="failed-record-detail" aria-label={`Failed record ${r.recordKey}`}>
      <div className="fdetail-head">
        <h3>
          Record <code>{r.recordKey}</code> <span className={`badge state-${r.state}`}>{r.state}</span>
        </h3>
        <button type="button" className="button small" onClick={onClose} aria-label="Close the record">
          ×
        </button>
      </div>
      <p className="failure-message">{r.failure.message}</p>
      <dl className="failure-facts">
        <dt>Code</dt>
        <dd>
          <code>{r.failure.code}</code>
          {r.failure.field && (
            <>
              {' '}
              · field <code>{r.failure.field}</code>
            </>
          )}
        </dd>
        <dt>Failed</dt>
        <dd>
          {r.failures} time{r.failures === 1 ? '' : 's'}; first {formatTime(r.firstFailedAt)}, last{' '}
          {formatTime(r.lastFailedAt)}
        </dd>
        {r.note && (
          <>
            <dt>Ignored because</dt>
            <dd>{r.note}</dd>
          </>
        )}
        <dt>What to do</dt>
        <dd data-testid="record-action">{r.failure.action ?? entry?.action ?? 'Correct the record, then retry.'}</dd>
      </dl>
      {entry && (
        <div className="catalogue-box" data-testid="catalogue-entry">
          <strong>{entry.title}</strong> <span className="muted small">({entry.code})</span>
          <p>{entry.meaning}</p>
          <p>
            <strong>Corrective action:</strong> {entry.action}
          </p>
          <p>
            <a href={`#/errors/${entry.id}`}>In the error catalogue</a>
            {entry.guide && (
              <>
                {' · '}
                <a href={`#/guide/${entry.guide}`}>Guide</a>
              </>
            )}
          </p>
        </div>
      )}
      {canFix && r.state !== 'fixed' && (
        <form
          className="fedit"
          onSubmit={(e) => {
            e.preventDefault();
            void retry();
          }}
        >
          {r.editable.length > 0 && (
            <fieldset>
              <legend>Fields the mapping produces (edit, then retry)</legend>
              {r.editable.map((f) => (
                <label key={f.path}>
                  <span>{f.path}</span>
                  <input
                    value={draft[f.path] ?? String(f.value ?? '')}
                    onChange={(e) => setDraft({ ...draft, [f.path]: e.target.value })}
                    data-testid={`edit-${f.path}`}
                  />
                </label>
              ))}
            </fieldset>
          )}
          <div className="row">
            <button type="submit" className="button small primary" disabled={busy} data-testid="retry-one">
              {edited ? 'Save and retry' : 'Retry'}
            </button>
            {r.state !== 'ignored' && (
              <button type="button" className="button small" disabled={busy} onClick={() => setIgnoring(true)}>
                Ignore…
              </button>
            )}
          </div>
        </form>
      )}
      {ignoring && <IgnoreDialog count={1} onCancel={() => setIgnoring(false)} onIgnore={ignore} />}
      {r.edits.length > 0 && (
        <details>
          <summary>Edits ({r.edits.length})</summary>
          <ul className="small">
            {r.edits.map((e, i) => (
              <li key={i}>
                {formatTime(e.at)} {e.actor}:{' '}
                {Object.keys(e.after)
                  .map((k) => `${k} "${String(e.before[k] ?? '')}" → "${String(e.after[k] ?? '')}"`)
                  .join(', ')}
              </li>
            ))}
          </ul>
        </details>
      )}
      <details open>
        <summary>Record data</summary>
        <pre className="payload">{JSON.stringify(r.record.data, null, 2)}</pre>
      </details>
    </article>
  );
}

/** The edit keeps the field's type: a number stays a number, a yes/no stays one, an empty text clears it. */
function typed(text: string, was: unknown): Scalar {
  if (typeof was === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (typeof was === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text === '' && was === null ? null : text;
}
