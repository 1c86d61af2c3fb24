// The first records the source would read, through one node: for a mapping the
// record it builds (the field being edited highlighted), for a filter whether the
// record passes, for a binding what it would match and how. Errors stay on
// their record, in the words the run would use.
import type { PreviewState } from './use-preview';
import type { PreviewRow } from './mapping-types';

export type PreviewMode = 'mapping' | 'filter' | 'binding';

interface Props {
  state: PreviewState;
  mode: PreviewMode;
  focus?: string;
}

/**
 * Leaf values of a record by path, e.g. PrimaryPhone.FreeFormNumber → "+1 555 1234"; the lines of a list one
 * by one, numbered from 1 as an analyst counts them (Line[2].SalesItemLineDetail.Qty → "2.5").
 */
export function leaves(value: unknown, prefix = '', out: [string, string][] = []): [string, string][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
    if (value.length === 0) out.push([prefix, 'no lines']);
    value.forEach((v, i) => leaves(v, `${prefix}[${i + 1}]`, out));
  } else if (Array.isArray(value)) {
    out.push([prefix, `${value.length} item${value.length === 1 ? '' : 's'}: ${JSON.stringify(value)}`]);
  } else {
    out.push([prefix, value === null || value === undefined ? '' : String(value)]);
  }
  return out;
}

function rowState(row: PreviewRow, mode: PreviewMode): string {
  if (row.error) return 'error';
  if (mode === 'filter') return row.passed === false ? 'filtered' : 'ok';
  if (mode === 'binding') return row.match?.kind ?? 'new';
  return 'ok';
}

/** A short word for what a binding would do; the server's detail says how. */
const MATCH_WORDS: Record<string, string> = {
  matched: 'Matched',
  new: 'New',
  ambiguous: 'To review',
};

/** The run's message names the record, which the card already shows as its title. */
function withoutLabel(message: string, label: string): string {
  return message.startsWith(`${label}: `) ? message.slice(label.length + 2) : message;
}

function Outcome({ row, mode, focus }: { row: PreviewRow; mode: PreviewMode; focus?: string }) {
  if (row.error) {
    const message = withoutLabel(row.error.message, row.label);
    return (
      <p className="preview-error" data-testid="preview-error">
        {row.error.field && !message.startsWith(row.error.field) && <strong>{row.error.field}: </strong>}
        {message}
      </p>
    );
  }
  if (mode === 'filter') return <p className="small">{row.passed === false ? 'Filtered out' : 'Passes'}</p>;
  if (mode === 'binding') {
    return (
      <p className="small">
        <strong>{MATCH_WORDS[row.match?.kind ?? 'new'] ?? row.match?.kind}</strong>
        {row.match?.detail ? ` — ${row.match.detail}` : ''}
      </p>
    );
  }
  const fields = leaves(row.output ?? {});
  if (fields.length === 0) return <p className="small muted">No fields come out for this record.</p>;
  return (
    <dl className="preview-output">
      {fields.map(([k, v]) => (
        <div key={k} className={k.replace(/\[\d+\]/g, '') === focus ? 'focus' : undefined} data-field={k}>
          <dt>{k}</dt>
          <dd>{v === '' ? <span className="muted">(empty)</span> : v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function PreviewPanel({ state, mode, focus }: Props) {
  const rows = state.result?.rows ?? [];
  const errors = rows.filter((r) => r.error).length;
  const counts =
    mode === 'filter'
      ? `${rows.filter((r) => r.passed !== false && !r.error).length} of ${rows.length} pass`
      : `${rows.length} record${rows.length === 1 ? '' : 's'}`;
  return (
    <section className="preview" aria-label="Preview on records" data-testid="preview">
      <header className="preview-head">
        <h3>Preview on real records</h3>
        <span className="small muted" data-testid="preview-status" data-generation={state.generation}>
          {state.loading ? 'Updating…' : `${counts}${errors ? ` · ${errors} with an error` : ''}`}
        </span>
      </header>
      {state.error && <p className="error-text small">{state.error}</p>}
      {state.result?.sourceProblem && <p className="preview-warning small">{state.result.sourceProblem}</p>}
      {state.result?.sourceNote && (
        <p className="preview-note small" data-testid="preview-source-note">
          {state.result.sourceNote}
        </p>
      )}
      {!state.loading && !state.error && rows.length === 0 && !state.result?.sourceProblem && (
        <p className="small muted">The source has no records to show.</p>
      )}
      <ol className="preview-rows">
        {rows.map((row) => (
          <li key={row.key} className="preview-row" data-testid="preview-row" data-state={rowState(row, mode)}>
            <div className="preview-label">{row.label}</div>
            <Outcome row={row} mode={mode} focus={focus} />
            <details>
              <summary className="small muted">Source record</summary>
              <pre className="preview-input">{JSON.stringify(row.input, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
