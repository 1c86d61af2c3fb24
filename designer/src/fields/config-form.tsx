// A node's settings form, drawn from the form model (its zod schema + hints).
import type { ConnectionSummary } from '../api/api-types';
import type { FieldModel } from '../lib/form-model';
import { FieldInput } from './field-input';
import { problemsFor, withKey, type Obj } from './field-value';
import { JsonField, StringListField } from './list-and-json-fields';
import { TableField } from './table-field';

interface Props {
  fields: FieldModel[];
  config: Obj;
  onChange: (config: Obj) => void;
  problems: { path?: string; message: string }[];
  connections: ConnectionSummary[];
  idPrefix: string;
}

export function ConfigForm({ fields, config, onChange, problems, connections, idPrefix }: Props) {
  return (
    <div className="config-form">
      {fields.map((field) => {
        // A schema the form cannot draw: edit the whole config as JSON.
        if (field.key === '')
          return (
            <JsonField
              key="json"
              field={field}
              value={config}
              onChange={(v) => onChange((v ?? {}) as Obj)}
              id={`${idPrefix}-json`}
            />
          );
        const id = `${idPrefix}-${field.key}`;
        const value = config[field.key];
        const set = (v: unknown) => onChange(withKey(config, field.key, v));
        const own = problemsFor(problems, field.key);
        const props = { field, value, onChange: set, id, connections };
        const inline = field.widget === 'checkbox';
        return (
          <div key={field.key} className={`field${inline ? ' field-inline' : ''}`} data-testid={`field-${field.key}`}>
            {!inline && (
              <label htmlFor={id} className="field-label">
                {field.label}
                {field.required && (
                  <span className="required" aria-hidden="true">
                    {' '}
                    *
                  </span>
                )}
              </label>
            )}
            {field.widget === 'table' ? (
              <TableField {...props} />
            ) : field.widget === 'string-list' ? (
              <StringListField {...props} />
            ) : field.widget === 'json' ? (
              <JsonField {...props} />
            ) : (
              <FieldInput {...props} invalid={own.length > 0} />
            )}
            {inline && (
              <label htmlFor={id} className="field-label">
                {field.label}
              </label>
            )}
            {field.help && <p className="field-help">{field.help}</p>}
            {own.map((m) => (
              <p key={m} className="field-problem">
                {m}
              </p>
            ))}
          </div>
        );
      })}
    </div>
  );
}
