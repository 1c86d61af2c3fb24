// One input for one field of the form model. Tables, lists and JSON have their
// own components; everything else is a native control with a label.
import type { ConnectionSummary } from '../api/api-types';
import type { FieldModel } from '../lib/form-model';
import { fromNumber, fromText } from './field-value';

export interface InputProps {
  field: FieldModel;
  value: unknown;
  onChange: (value: unknown) => void;
  id: string;
  connections: ConnectionSummary[];
  /** Inside a table cell: the column header is the label. */
  ariaLabel?: string;
  invalid?: boolean;
}

export function FieldInput({ field, value, onChange, id, connections, ariaLabel, invalid }: InputProps) {
  const common = {
    id,
    'aria-label': ariaLabel,
    'aria-invalid': invalid || undefined,
    'aria-required': field.required || undefined,
  };
  switch (field.widget) {
    case 'checkbox':
      return (
        <input
          {...common}
          type="checkbox"
          checked={Boolean(value ?? field.default ?? false)}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'number':
      return (
        <input
          {...common}
          type="number"
          inputMode={field.integer ? 'numeric' : 'decimal'}
          step={field.integer ? 1 : 'any'}
          min={field.min}
          value={typeof value === 'number' || typeof value === 'string' ? value : ''}
          placeholder={field.default !== undefined ? String(field.default) : field.placeholder}
          onChange={(e) => onChange(fromNumber(e.target.value))}
        />
      );
    case 'select': {
      const current = typeof value === 'string' ? value : typeof field.default === 'string' ? field.default : '';
      const options = field.options ?? [];
      // Left out, the field takes its default: that option reads as chosen, and no "(not set)" stands beside it.
      const defaulted = typeof field.default === 'string' && options.some((o) => o.value === field.default);
      return (
        <select
          {...common}
          value={current}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          {((!field.required && !defaulted) || current === '') && (
            <option value="">{field.required ? 'Choose…' : '(not set)'}</option>
          )}
          {current !== '' && !options.some((o) => o.value === current) && (
            <option value={current}>{current} (unknown)</option>
          )}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    }
    case 'connection': {
      const current = typeof value === 'string' ? value : '';
      const offered = connections.filter((c) => !field.connectionKind || c.kind === field.connectionKind);
      return (
        <select
          {...common}
          value={current}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          data-testid={`connection-${field.key}`}
        >
          <option value="">Choose a connection…</option>
          {current !== '' && !offered.some((c) => c.id === current) && (
            <option value={current}>{current} (not found in this workspace)</option>
          )}
          {offered.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      );
    }
    case 'textarea':
      return (
        <textarea
          {...common}
          rows={4}
          value={typeof value === 'string' ? value : ''}
          placeholder={field.placeholder}
          maxLength={field.maxLength}
          onChange={(e) => onChange(fromText(field, e.target.value))}
        />
      );
    default:
      return (
        <input
          {...common}
          type={field.widget === 'password' ? 'password' : 'text'}
          autoComplete={field.widget === 'password' ? 'new-password' : undefined}
          value={typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)}
          placeholder={field.placeholder ?? (typeof field.default === 'string' ? field.default : undefined)}
          maxLength={field.maxLength}
          onChange={(e) => onChange(fromText(field, e.target.value))}
        />
      );
  }
}
