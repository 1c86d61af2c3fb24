// Adds or edits a connection whose kind is set up by a form (Creatio, a QuickBooks
// Desktop company file; issue 13). The form comes from the kind's definition; the
// server checks it with the same zod schemas and answers in plain words. Secrets are
// write-only: empty keeps the saved one; one Weft made (a Web Connector password) is
// shown here once, after saving.
import { useMemo, useState } from 'react';
import { connectionRegistry } from '../../../nodes/connections';
import { api } from '../api/trpc-client';
import { ConfigForm } from '../fields/config-form';
import type { Obj } from '../fields/field-value';
import { plainError } from '../lib/plain-error';
import { CancelAnd, Modal } from '../ui/modal';
import { useToast } from '../ui/toast';
import { connectionForm } from './connection-form';

export interface EditedConnection {
  id: string;
  kind: string;
  name: string;
  details: Record<string, string>;
}

export function ConnectionDialog({
  kind,
  editing,
  onClose,
  onSaved,
}: {
  kind: string;
  editing?: EditedConnection;
  onClose: () => void;
  onSaved: () => void;
}) {
  const toast = useToast();
  const def = connectionRegistry.get(kind)!;
  const form = useMemo(() => connectionForm(def), [def]);
  const [name, setName] = useState(editing?.name ?? '');
  const [settings, setSettings] = useState<Obj>(() => ({ ...(editing?.details ?? {}) }));
  const [secrets, setSecrets] = useState<Obj>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [generated, setGenerated] = useState<Record<string, string> | null>(null);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const input = { name, settings, secrets };
      const saved = editing
        ? await api.connections.update.mutate({ ...input, id: editing.id })
        : await api.connections.create.mutate({ ...input, kind });
      onSaved();
      if (Object.keys(saved.generated).length > 0) {
        setGenerated(saved.generated);
        setBusy(false);
        return;
      }
      toast(`Saved "${name}". Click Test to check that Weft can sign in.`, 'success');
      onClose();
    } catch (e) {
      setError(plainError(e, 'save the connection'));
      setBusy(false);
    }
  }

  if (generated) {
    return (
      <Modal
        title={`Saved "${name}"`}
        onClose={onClose}
        testId="connection-generated-dialog"
        footer={
          <button type="button" className="button primary" onClick={onClose}>
            Done
          </button>
        }
      >
        <p className="small">
          Weft made these for you. Copy them now: they are not shown again (you can set new ones later).
        </p>
        {Object.entries(generated).map(([k, v]) => (
          <p key={k}>
            {def.fields?.[k]?.label ?? k}: <code data-testid={`generated-${k}`}>{v}</code>
          </p>
        ))}
      </Modal>
    );
  }

  return (
    <Modal
      title={editing ? `Edit ${def.label} connection — ${editing.name}` : `Add a ${def.label} connection`}
      onClose={onClose}
      testId="connection-dialog"
      footer={
        <CancelAnd
          onCancel={onClose}
          busy={busy}
          actions={[
            {
              label: 'Save',
              busyLabel: 'Saving…',
              onClick: () => void save(),
              testId: 'connection-save',
              disabled: !name.trim(),
            },
          ]}
        />
      }
    >
      <div className="connection-form">
        <p className="muted small">{def.description}</p>
        <div className="field" data-testid="field-name">
          <label className="field-label" htmlFor="connection-name">
            Name
            <span className="required" aria-hidden="true">
              {' '}
              *
            </span>
          </label>
          <input
            id="connection-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Acme CRM (production)"
          />
        </div>
        <ConfigForm
          fields={form.settings}
          config={settings}
          onChange={setSettings}
          problems={[]}
          connections={[]}
          idPrefix="connection-setting"
        />
        {form.secrets.length > 0 ? (
          <fieldset className="connection-secrets">
            <legend className="field-label">Secrets {editing ? '(empty: keep the saved one)' : ''}</legend>
            <ConfigForm
              fields={form.secrets}
              config={secrets}
              onChange={setSecrets}
              problems={[]}
              connections={[]}
              idPrefix="connection-secret"
            />
          </fieldset>
        ) : null}
        {error && (
          <p className="error-text" role="alert" data-testid="connection-error">
            {error}
          </p>
        )}
      </div>
    </Modal>
  );
}
