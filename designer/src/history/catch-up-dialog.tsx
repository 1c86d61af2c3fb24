// Catch-up (seed §6.3) as a guided action (issue 16): from how long the flow was
// stopped, Weft offers (a) start again from its Query Starts, or (b) a bulk load of
// the gap by date range with a batch size, split into slices; the load's progress
// (slices, records, share done, ETA) and the scheduled flows it pauses and resumes
// follow live until it completes.
import { useEffect, useState } from 'react';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { formatTime, RUN_STATUS_LABELS } from '../lib/run-status';
import { Modal } from '../ui/modal';
import { useAsync } from '../ui/use-async';
import type { CatchUpProgress } from './history-types';
import { QueryStartsEditor } from './query-starts-editor';
import './history.css';

interface Props {
  flowId: string;
  name: string;
  canOperate: boolean;
  onClose: () => void;
}

export function CatchUpDialog({ flowId, name, canOperate, onClose }: Props) {
  const advice = useAsync(() => api.history.catchUpAdvice.query({ flowId }), flowId, 'look at the gap');
  const [choice, setChoice] = useState<'restart' | 'bulk-load' | null>(null);
  const [form, setForm] = useState({ from: '', to: '', batchSize: 500, slices: 1 });
  const [loadId, setLoadId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const a = advice.data;
  useEffect(() => {
    if (!a) return;
    setChoice((c) => c ?? a.recommended);
    setForm({ from: a.range?.from ?? '', to: a.range?.to ?? '', batchSize: a.batchSize, slices: a.slices });
  }, [a]);

  async function run(f: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(plainError(e, 'catch up'));
    } finally {
      setBusy(false);
    }
  }
  const restart = () => run(async () => (await api.flows.setState.mutate({ id: flowId, state: 'started' }), onClose()));
  const bulkLoad = () =>
    run(async () => {
      const r = await api.operations.startUtility.mutate({ flowId, kind: 'bulk-load', ...form });
      setLoadId(r.runId);
    });

  const footer = loadId ? (
    <button type="button" className="button" onClick={onClose} data-testid="catch-up-close">
      Close
    </button>
  ) : (
    <>
      <button type="button" className="button" onClick={onClose}>
        Cancel
      </button>
      {canOperate && choice === 'restart' && (
        <button type="button" className="button primary" disabled={busy} onClick={() => void restart()}>
          Start the flow
        </button>
      )}
      {canOperate && choice === 'bulk-load' && (
        <button
          type="button"
          className="button primary"
          disabled={busy || !form.from || !form.to}
          onClick={() => void bulkLoad()}
          data-testid="catch-up-start"
        >
          Start the bulk load
        </button>
      )}
    </>
  );
  return (
    <Modal title={`Catch up “${name}”`} onClose={onClose} footer={footer} testId="catch-up-dialog">
      {advice.error && <p className="error-text">{advice.error}</p>}
      {a && !loadId && (
        <div className="catch-up">
          <p data-testid="catch-up-why">
            {a.why}
            {a.runsEvery && ` Its schedule runs it every ${a.runsEvery}.`}
          </p>
          <label className="catch-up-choice">
            <input type="radio" checked={choice === 'restart'} onChange={() => setChoice('restart')} />
            <span>
              <strong>Start again from its Query Starts</strong>
              {a.recommended === 'restart' && <em> (recommended)</em>}
              <br />
              <span className="small muted">The next run reads everything changed since then, in one go.</span>
            </span>
          </label>
          {choice === 'restart' &&
            a.queryStarts.map((q) => (
              <QueryStartsEditor
                key={q.nodeId}
                flowId={flowId}
                nodeId={q.nodeId}
                value={q.value}
                canEdit={canOperate}
              />
            ))}
          <label className="catch-up-choice">
            <input
              type="radio"
              checked={choice === 'bulk-load'}
              onChange={() => setChoice('bulk-load')}
              data-testid="catch-up-bulk"
            />
            <span>
              <strong>Bulk load the gap by date range</strong>
              {a.recommended === 'bulk-load' && <em> (recommended)</em>}
              <br />
              <span className="small muted">
                Reads the range in batches, split into slices that run side by side. Scheduled flows on the same objects
                of the same company pause until it ends, then continue from its end.
              </span>
            </span>
          </label>
          {choice === 'bulk-load' && (
            <div className="catch-up-form">
              <label>
                From{' '}
                <input
                  value={form.from}
                  onChange={(e) => setForm({ ...form, from: e.target.value })}
                  data-testid="catch-up-from"
                />
              </label>
              <label>
                To{' '}
                <input
                  value={form.to}
                  onChange={(e) => setForm({ ...form, to: e.target.value })}
                  data-testid="catch-up-to"
                />
              </label>
              <label>
                Batch size{' '}
                <input
                  type="number"
                  min={1}
                  max={10000}
                  value={form.batchSize}
                  onChange={(e) => setForm({ ...form, batchSize: Number(e.target.value) })}
                  data-testid="catch-up-batch"
                />
              </label>
              <label>
                Slices{' '}
                <input
                  type="number"
                  min={1}
                  max={64}
                  value={form.slices}
                  onChange={(e) => setForm({ ...form, slices: Number(e.target.value) })}
                  data-testid="catch-up-slices"
                />
              </label>
            </div>
          )}
        </div>
      )}
      {loadId && <CatchUpProgressView runId={loadId} />}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}

const PAUSED_WORDS = { PAUSED: 'paused', RESUMED: 'resumed', STOPPED: 'stopped' } as const;

function eta(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `about ${seconds} s`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min`;
  return `about ${Math.round(seconds / 360) / 10} h`;
}

/** Polls the load's progress each second until it ends. */
export function CatchUpProgressView({ runId }: { runId: string }) {
  const [p, setP] = useState<CatchUpProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () =>
      api.history.catchUpProgress.query({ runId }).then(
        (next) => {
          if (!live) return;
          setP(next);
          if (['queued', 'running'].includes(next.status)) timer = setTimeout(tick, 1000);
        },
        (e: unknown) => live && (setError(plainError(e, 'follow the bulk load')), (timer = setTimeout(tick, 3000))),
      );
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [runId]);
  if (!p) return <p className="muted">{error ?? 'Starting the bulk load…'}</p>;
  const ended = !['queued', 'running'].includes(p.status);
  return (
    <div className="catch-up-progress" data-testid="catch-up-progress" data-status={p.status}>
      <progress max={1} value={p.done} aria-label="Share of the date range done" />
      <dl className="catch-up-figures">
        <dt>Done</dt>
        <dd data-testid="catch-up-done">{Math.round(p.done * 100)} %</dd>
        <dt>Slices</dt>
        <dd data-testid="catch-up-slices-done">
          {p.slices.done} of {p.slices.total} done{p.slices.running ? `, ${p.slices.running} running` : ''}
        </dd>
        <dt>Records</dt>
        <dd data-testid="catch-up-records">
          read {p.records.read} · created {p.records.created} · updated {p.records.updated}
          {p.records.failed > 0 && <span className="monitor-failed"> · failed {p.records.failed}</span>}
        </dd>
        <dt>Time left</dt>
        <dd>{ended ? '—' : eta(p.etaSeconds)}</dd>
        <dt>Range</dt>
        <dd>
          {formatTime(p.range?.from)} – {formatTime(p.range?.to)}, batches of {p.batchSize ?? 'a page'}
        </dd>
      </dl>
      {p.paused.length > 0 && (
        <div className="small" data-testid="catch-up-paused">
          <strong>Scheduled flows on the same data:</strong>{' '}
          {p.paused.map((f) => `“${f.name ?? f.flowId}” ${PAUSED_WORDS[f.state]}`).join(', ')}
        </div>
      )}
      <p className={ended ? 'ok-text' : 'muted small'} data-testid="catch-up-status">
        {ended
          ? `The bulk load ended: ${RUN_STATUS_LABELS[p.status as keyof typeof RUN_STATUS_LABELS] ?? p.status}. ` +
            (p.paused.length ? 'The paused flows continue from the end of its range.' : '')
          : 'The bulk load runs on the server: closing this window does not stop it.'}
      </p>
    </div>
  );
}
