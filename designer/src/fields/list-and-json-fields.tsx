// A list of strings (e.g. the fields a source selects), and a JSON editor for
// config parts the form cannot draw (kept as text until it parses).
import { useEffect, useState } from 'react';
import type { FieldModel } from '../lib/form-model';

interface Props {
  field: FieldModel;
  value: unknown;
  onChange: (value: unknown) => void;
  id: string;
}

export function StringListField({ field, value, onChange, id }: Props) {
  const items = Array.isArray(value) ? value.map(String) : [];
  const [draft, setDraft] = useState('');
  const add = () => {
    const text = draft.trim();
    if (!text) return;
    onChange([...items, text]);
    setDraft('');
  };
  return (
    <div className="string-list">
      <ul className="chips" aria-label={field.label}>
        {items.map((item, i) => (
          <li key={`${item}-${i}`} className="chip">
            {item}
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove ${item}`}
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input
          id={id}
          type="text"
          value={draft}
          placeholder={field.placeholder ?? 'Add an item, then Enter'}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button small" onClick={add}>
          Add
        </button>
      </div>
    </div>
  );
}

export function JsonField({ field, value, onChange, id }: Props) {
  const [text, setText] = useState(() => pretty(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(pretty(value)), [value]);
  return (
    <div>
      <textarea
        id={id}
        className="code"
        rows={6}
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (text.trim() === '')
            return field.required ? setError('This needs a value.') : (setError(null), onChange(undefined));
          try {
            onChange(JSON.parse(text));
            setError(null);
          } catch (e) {
            setError(`Not valid JSON: ${(e as Error).message}`);
          }
        }}
      />
      {error && <p className="field-problem">{error}</p>}
    </div>
  );
}

function pretty(v: unknown): string {
  return v === undefined ? '' : JSON.stringify(v, null, 2);
}
