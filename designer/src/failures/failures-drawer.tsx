// The failed records drawer (issue 16, Support): a node's failed records across runs, as a work
// queue — open until fixed, retried, ignored or through on a later read. Paged from the server
// by key and drawn as a windowed list, so 100,000 of them open and scroll at once; filtered by
// state, error code and field; retry or ignore all that match; export them as CSV.
import { memo, useEffect, useMemo, useState } from 'react';
import { IgnoreDialog } from './ignore-dialog';
import { entryFor } from '../../../nodes/errors/catalogue';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { useToast } from '../ui/toast';
import { FailedRecordDetail } from './failed-record-detail';
import { useFailureQueue, type QueueFilter, type QueueState } from './use-failure-queue';
import { VirtualList } from './virtual-list';
import type { QueuedRecord } from '../api/api-types';
import './failures.css';

interface Props {
  flowId: string;
  nodeId: string;
  nodeTitle: string;
  /** Changes when a run of the flow (a retry too) moves on: the list is read again when one ends. */
  runKey: string;
  canFix: boolean;
  onClose: () => void;
}

const STATES: { label: string; states: QueueState[] }[] = [
  { label: 'Open', states: ['open', 'retrying'] },
  { label: 'Ignored', states: ['ignored'] },
  { label: 'Fixed', states: ['fixed'] },
  { label: 'All', states: ['open', 'retrying', 'ignored', 'fixed'] },
];

export function FailuresDrawer({ flowId, nodeId, nodeTitle, runKey, canFix, onClose }: Props) {
  const toast = useToast();
  const [stateIx, setStateIx] = useState(0);
  const [code, setCode] = useState<string | null>(null);
  const [field, setField] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const filter: QueueFilter = useMemo(
    () => ({ flowId, nodeId, states: STATES[stateIx].states, code, field }),
    [flowId, nodeId, stateIx, code, field],
  );
  const q = useFailureQueue(filter);
  const { reload } = q;
  useEffect(() => reload(), [runKey, reload]);
  const total = q.facets?.total ?? 0;
  const isOpen = stateIx === 0;

  async function retryAll() {
    try {
      const r = await api.failures.retry.mutate(filter);
      toast(`Retrying ${r.records} record${r.records === 1 ? '' : 's'}; the counts change as the retry runs.`);
    } catch (e) {
      toast(plainError(e, 'retry the records'), 'error');
    }
  }
  const [ignoring, setIgnoring] = useState(false);
  async function ignoreAll(reason: string) {
    try {
      const r = await api.failures.ignore.mutate({ ...filter, reason });
      toast(`${r.ignored} record${r.ignored === 1 ? '' : 's'} ignored.`);
      setIgnoring(false);
      reload();
    } catch (e) {
      toast(plainError(e, 'ignore the records'), 'error');
    }
  }
  const csv = `/api/failed-records.csv?${new URLSearchParams({
    flowId,
    nodeId,
    state: filter.states.join(','),
    ...(code ? { code } : {}),
    ...(field ? { field } : {}),
  })}`;

  return (
    <section className="bottom-panel failures-drawer" aria-labelledby="failures-heading" data-testid="failures-panel">
      <div className="drawer-head">
        <h2 id="failures-heading" className="panel-title">
          Failed records at {nodeTitle}{' '}
          <span className="muted small" data-testid="failures-total">
            {q.facets ? `${total.toLocaleString('en-US')} ${STATES[stateIx].label.toLowerCase()}` : '…'}
          </span>
        </h2>
        <div className="drawer-filters">
          <select aria-label="Which records" value={stateIx} onChange={(e) => setStateIx(Number(e.target.value))}>
            {STATES.map((s, i) => (
              <option key={s.label} value={i}>
                {s.label}
              </option>
            ))}
          </select>
          <select
            aria-label="Error code"
            value={code ?? ''}
            onChange={(e) => setCode(e.target.value || null)}
            data-testid="filter-code"
          >
            <option value="">Every error</option>
            {q.facets?.codes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} ({c.count})
              </option>
            ))}
          </select>
          <select aria-label="Field" value={field ?? ''} onChange={(e) => setField(e.target.value || null)}>
            <option value="">Every field</option>
            {q.facets?.fields.map((f) => (
              <option key={f.field} value={f.field}>
                {f.field} ({f.count})
              </option>
            ))}
          </select>
          {canFix && isOpen && total > 0 && (
            <>
              <button type="button" className="button small primary" onClick={retryAll} data-testid="retry-all">
                Retry {total === 1 ? 'it' : `all ${total.toLocaleString('en-US')}`}
              </button>
              <button type="button" className="button small" onClick={() => setIgnoring(true)} data-testid="ignore-all">
                Ignore…
              </button>
            </>
          )}
          {ignoring && <IgnoreDialog count={total} onCancel={() => setIgnoring(false)} onIgnore={ignoreAll} />}
          <a className="button small" href={csv} download data-testid="export-csv">
            Export CSV
          </a>
          <a className="button small" href="#/guide/daily-flow-management" title="How support works the queue">
            Guide
          </a>
          <button type="button" className="button small" onClick={reload}>
            Refresh
          </button>
          <button type="button" className="button small" onClick={onClose} aria-label="Close the failed records">
            Close
          </button>
        </div>
      </div>
      {q.error && (
        <p className="error-text" role="alert">
          {q.error}
        </p>
      )}
      <div className="drawer-body">
        {q.loading && q.rows.length === 0 ? (
          <p className="muted">Loading…</p>
        ) : q.rows.length === 0 ? (
          <p className="muted" data-testid="failures-empty">
            No {STATES[stateIx].label.toLowerCase()} failed records here.
          </p>
        ) : (
          <VirtualList
            items={q.rows}
            total={total}
            rowHeight={54}
            keyOf={(r) => r.id}
            onNearEnd={q.loadMore}
            label={`Failed records at ${nodeTitle}`}
            testId="failure-list"
            render={(r) => <Row r={r} active={r.id === selected} onPick={setSelected} />}
          />
        )}
        {selected ? (
          <FailedRecordDetail
            key={selected}
            id={selected}
            flowId={flowId}
            canFix={canFix}
            onChanged={reload}
            onClose={() => setSelected(null)}
          />
        ) : (
          <p className="muted drawer-hint">Pick a record to see its data, what went wrong and what to do.</p>
        )}
      </div>
    </section>
  );
}

/** One row; unchanged rows are not drawn again as the list scrolls. */
const Row = memo(function Row({
  r,
  active,
  onPick,
}: {
  r: QueuedRecord;
  active: boolean;
  onPick: (id: string) => void;
}) {
  const entry = entryFor(r.failure);
  return (
    <button
      type="button"
      className={`frow${active ? ' active' : ''} state-${r.state}`}
      onClick={() => onPick(r.id)}
      data-testid="failed-record"
      data-key={r.recordKey}
    >
      <span className="frow-top">
        <span className="frow-code">{r.failure.code}</span>
        <span className="frow-entry">{entry?.title ?? ''}</span>
        {r.state !== 'open' && <span className="frow-state">{r.state}</span>}
        <code className="frow-key" title={r.recordKey}>
          {r.recordKey}
        </code>
      </span>
      <span className="frow-message">{r.failure.message}</span>
    </button>
  );
});
