// How the selected target field gets its value: a source field, a fixed value,
// or a JSONata expression (Monaco, loaded only when an expression is edited).
import { lazy, Suspense } from 'react';
import { describeField, quotePath } from './jsonata-language';
import { CREATE_ONLY_HELP, isCreateOnly, kindOf, type MappingRow } from './mapping-model';
import type { FieldInfo } from './mapping-types';

const ExpressionEditor = lazy(() => import('./expression-editor'));

type Mode = 'source' | 'value' | 'expression';

interface Props {
  field: FieldInfo;
  row: MappingRow | undefined;
  sourceFields: FieldInfo[];
  problem?: string;
  /** For a line field: the source list each line is one element of (its fields are what `sourceFields` lists). */
  lineOf?: string;
  onSource: (path: string) => void;
  onValue: (value: string) => void;
  onExpression: (expression: string) => void;
  onClear: () => void;
  /** "Only when creating" on or off; absent for a line field (a list's lines are written whole on every update). */
  onCreateOnly?: (on: boolean) => void;
}

const MODES: { mode: Mode; label: string }[] = [
  { mode: 'source', label: 'Source field' },
  { mode: 'value', label: 'Fixed value' },
  { mode: 'expression', label: 'Expression' },
];

/** What a new mode starts from, so switching keeps what the person had. */
function startingPoint(row: MappingRow | undefined, mode: Mode): string {
  if (mode === 'expression') {
    if (row?.source) return quotePath(row.source);
    if (row?.value !== undefined) return JSON.stringify(row.value);
    return '';
  }
  if (mode === 'value') return row?.value === undefined ? '' : String(row.value);
  return row?.source ?? '';
}

export function MappingDetail({ field, row, sourceFields, problem, lineOf, ...on }: Props) {
  const kind = kindOf(row);
  const current: Mode | null = kind === 'source' || kind === 'value' || kind === 'expression' ? kind : null;
  const choose = (mode: Mode) => {
    const start = startingPoint(row, mode);
    if (mode === 'source') on.onSource(start || (sourceFields[0]?.path ?? ''));
    else if (mode === 'value') on.onValue(start);
    else on.onExpression(start);
  };
  return (
    <section className="mapping-detail" aria-label={`How ${field.path} gets its value`} data-testid="mapping-detail">
      <div className="detail-head">
        <div>
          <strong>{field.path}</strong> <span className="small muted">{describeField(field)}</span>
        </div>
        <div className="row" role="radiogroup" aria-label="Gets its value from">
          {MODES.map((m) => (
            <button
              key={m.mode}
              type="button"
              role="radio"
              aria-checked={current === m.mode}
              className={`button small-button${current === m.mode ? ' chosen' : ''}`}
              data-testid={`mode-${m.mode}`}
              onClick={() => choose(m.mode)}
            >
              {m.label}
            </button>
          ))}
          <button type="button" className="button small-button" disabled={!row} onClick={on.onClear}>
            Remove mapping
          </button>
        </div>
      </div>
      {on.onCreateOnly && (
        <label className="create-only small" title={CREATE_ONLY_HELP}>
          <input
            type="checkbox"
            checked={isCreateOnly(row)}
            disabled={!row}
            onChange={(e) => on.onCreateOnly!(e.target.checked)}
            data-testid="create-only"
          />
          Only when creating
          <span className="muted">
            {' '}
            —{' '}
            {isCreateOnly(row)
              ? 'updates leave this field as it is in the target'
              : 'written when the record is created and at every update'}
          </span>
        </label>
      )}
      {lineOf && (
        <p className="small muted" data-testid="detail-line-of">
          One line per element of {lineOf}: the source fields and expressions here read that element.
        </p>
      )}
      {current === null && (
        <p className="small muted">
          Not mapped. Drag a source field here, or choose a fixed value or an expression.
          {field.required ? ' This field is required: the record cannot be written without it.' : ''}
        </p>
      )}
      {current === 'source' && (
        <select
          aria-label={`Source field for ${field.path}`}
          value={row?.source ?? ''}
          onChange={(e) => on.onSource(e.target.value)}
        >
          {!sourceFields.some((f) => f.path === row?.source) && <option value={row?.source}>{row?.source}</option>}
          {sourceFields.map((f) => (
            <option key={f.path} value={f.path}>
              {f.path} — {f.type}
            </option>
          ))}
        </select>
      )}
      {current === 'value' && (
        <input
          type="text"
          aria-label={`Fixed value for ${field.path}`}
          value={row?.value === undefined ? '' : String(row.value)}
          maxLength={field.maxLength}
          onChange={(e) => on.onValue(e.target.value)}
        />
      )}
      {current === 'expression' && (
        <Suspense fallback={<p className="small muted">Loading the expression editor…</p>}>
          <ExpressionEditor
            key={field.path}
            value={row?.expression ?? ''}
            onChange={on.onExpression}
            fields={sourceFields}
            label={`JSONata expression for ${field.path}`}
          />
          <p className="small muted">
            JSONata: fields by name (<code>Name</code>, <code>UsrActive.Name</code>), text joined with{' '}
            <code>&amp;</code>, functions such as <code>$uppercase(Name)</code>. Ctrl+Space lists them.
          </p>
        </Suspense>
      )}
      {problem && (
        <p className="error-text small" role="alert" data-testid="detail-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
