// Rows of objects: filter rules (field / test / value), mapping rows (target /
// source / value, then required / max length / if too long), or any array of
// objects a node's schema declares. Columns come from the row schema: up to
// three text or choice columns on the row's first line, the rest below them,
// so the rows stay readable in a narrow inspector.
import type { ConnectionSummary } from '../api/api-types';
import { splitColumns, type FieldModel } from '../lib/form-model';
import { FieldInput } from './field-input';
import { withKey, type Obj } from './field-value';

interface Props {
  field: FieldModel;
  value: unknown;
  onChange: (value: unknown) => void;
  id: string;
  connections: ConnectionSummary[];
}

export function TableField({ field, value, onChange, id, connections }: Props) {
  const rows: Obj[] = Array.isArray(value) ? (value as Obj[]) : [];
  const { main, extra } = splitColumns(field.columns ?? []);
  const grid = { gridTemplateColumns: `${main.map(() => 'minmax(0, 1fr)').join(' ')} auto` };
  const setRow = (i: number, row: Obj) => onChange(rows.map((r, j) => (j === i ? row : r)));
  const remove = (i: number) => onChange(rows.filter((_, j) => j !== i));
  const add = () => onChange([...rows, structuredClone(field.newRow ?? {})]);
  const moveUp = (i: number) => onChange([...rows.slice(0, i - 1), rows[i], rows[i - 1], ...rows.slice(i + 1)]);
  const cell = (row: Obj, i: number, c: FieldModel, ariaLabel?: string) => (
    <FieldInput
      field={c}
      value={row?.[c.key]}
      onChange={(v) => setRow(i, withKey(row ?? {}, c.key, v))}
      id={`${id}-${i}-${c.key}`}
      ariaLabel={ariaLabel}
      connections={connections}
    />
  );
  return (
    <div className="rows-field" data-testid={`table-${field.key}`}>
      <div className="rows-head" style={grid} aria-hidden="true">
        {main.map((c) => (
          <span key={c.key} title={c.help}>
            {c.label}
            {c.required && ' *'}
          </span>
        ))}
        <span />
      </div>
      <ol className="rows-list" aria-label={field.label}>
        {rows.map((row, i) => (
          <li key={i} className="row-block">
            <div className="row-main" style={grid}>
              {main.map((c) => (
                <span key={c.key}>{cell(row, i, c, `${c.label}, row ${i + 1}`)}</span>
              ))}
              <span className="row-actions">
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => moveUp(i)}
                  disabled={i === 0}
                  aria-label={`Move row ${i + 1} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => remove(i)}
                  aria-label={`Remove row ${i + 1}`}
                >
                  ×
                </button>
              </span>
            </div>
            {extra.length > 0 && (
              <div className="row-extra">
                {extra.map((c) => (
                  <label
                    key={c.key}
                    htmlFor={`${id}-${i}-${c.key}`}
                    className={`extra-field extra-${c.widget}`}
                    title={c.help}
                  >
                    {c.widget === 'checkbox' ? (
                      <>
                        {cell(row, i, c)} {c.label}
                      </>
                    ) : (
                      <>
                        {c.label} {cell(row, i, c)}
                      </>
                    )}
                  </label>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
      <button type="button" className="button small" onClick={add}>
        + Add {field.label.toLowerCase().replace(/s$/, '')}
      </button>
    </div>
  );
}
