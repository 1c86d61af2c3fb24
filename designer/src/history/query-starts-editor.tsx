// Query Starts (seed §6.3: where a source's next run starts reading), edited on the
// source node's inspector and on the monitor (issue 16). Checked as it is typed with
// the server's own check: a date and time with a zone, not in the future; a warning
// when it lies further back than the schedule suggests. Each save is audited.
import { useEffect, useState } from 'react';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { useToast } from '../ui/toast';
import './history.css';

interface Props {
  flowId: string;
  nodeId: string;
  value: string | null;
  canEdit: boolean;
  onSaved?: (value: string | null) => void;
}

type Check = { problem: string | null; warning: string | null };

export function QueryStartsEditor({ flowId, nodeId, value, canEdit, onSaved }: Props) {
  const toast = useToast();
  const [text, setText] = useState(value?.split('|')[0] ?? '');
  const [check, setCheck] = useState<Check>({ problem: null, warning: null });
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(value?.split('|')[0] ?? ''), [value]);

  // Asked while typing (debounced): the same check the save makes.
  useEffect(() => {
    if (!text.trim()) return setCheck({ problem: null, warning: null });
    const t = setTimeout(() => {
      api.history.checkQueryStart
        .query({ flowId, value: text.trim() })
        .then(setCheck, () => setCheck({ problem: null, warning: null }));
    }, 250);
    return () => clearTimeout(t);
  }, [flowId, text]);

  async function save(next: string | null) {
    setBusy(true);
    try {
      const r = await api.flows.setWatermark.mutate({ id: flowId, nodeId, value: next });
      toast(
        next ? `Query Starts of ${nodeId} set to ${next}. The next run reads from there.` : `Query Starts cleared.`,
        'success',
      );
      if (r.warning) setCheck({ problem: null, warning: r.warning });
      onSaved?.(next);
    } catch (e) {
      setCheck({ problem: plainError(e, 'save the Query Starts'), warning: null });
    } finally {
      setBusy(false);
    }
  }

  const unchanged = text.trim() === (value?.split('|')[0] ?? '');
  return (
    <div className="query-starts" data-testid={`query-starts-${nodeId}`}>
      <label className="field-label" htmlFor={`qs-${nodeId}`}>
        Query Starts of <code>{nodeId}</code>
      </label>
      <div className="query-starts-row">
        <input
          id={`qs-${nodeId}`}
          type="text"
          value={text}
          disabled={!canEdit || busy}
          placeholder="from the beginning"
          onChange={(e) => setText(e.target.value)}
          aria-invalid={!!check.problem}
          aria-describedby={`qs-${nodeId}-help`}
          data-testid="query-start-input"
        />
        {canEdit && (
          <button
            type="button"
            className="button small primary"
            disabled={busy || unchanged || !!check.problem || !text.trim()}
            onClick={() => void save(text.trim())}
            data-testid="query-start-save"
          >
            Save
          </button>
        )}
      </div>
      <div id={`qs-${nodeId}-help`} className="small muted">
        The next run reads records changed after this date and time (with its zone, e.g. 2026-01-05T09:00:00Z).
      </div>
      {check.problem && (
        <div className="error-text small" role="alert" data-testid="query-start-problem">
          {check.problem}
        </div>
      )}
      {check.warning && (
        <div className="warn-text small" role="status" data-testid="query-start-warning">
          {check.warning}
        </div>
      )}
    </div>
  );
}
