// "Publish as template" (issue 15): a solutions specialist publishes the flow's
// draft as a new template, or as the next version of one, with what a customer
// needs to choose it (title, objects, direction, description) and a release note
// that flows made from an older version show as "Update available".
import { useState } from 'react';
import type { FlowDetail, TemplateInfo, TemplatePublishInput } from '../api/api-types';
import { api } from '../api/trpc-client';
import { CancelAnd, Modal } from '../ui/modal';
import { useAsync } from '../ui/use-async';
import './templates.css';

interface Props {
  detail: FlowDetail;
  busy: boolean;
  onPublish: (input: Omit<TemplatePublishInput, 'flowId'>) => void;
  onClose: () => void;
}

function fieldsFrom(t: TemplateInfo | undefined, flowName: string) {
  return {
    title: t?.name ?? flowName,
    objects: t?.objects.join(', ') ?? '',
    direction: t?.direction ?? '',
    description: t?.description ?? '',
  };
}

export function PublishTemplateDialog({ detail, busy, onPublish, onClose }: Props) {
  const list = useAsync(() => api.templates.list.query(), 'templates', 'load the templates');
  const templates = list.data ?? [];
  // A flow made from a template offers its next version first.
  const [target, setTarget] = useState<string>(detail.templateId ?? '');
  const current = templates.find((t) => t.id === target);
  const [form, setForm] = useState<ReturnType<typeof fieldsFrom> | null>(null);
  const f = form ?? fieldsFrom(current, detail.name);
  const [releaseNote, setReleaseNote] = useState('');
  const set = (k: keyof typeof f) => (v: string) => setForm({ ...f, [k]: v });
  const objects = f.objects
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const ready = f.title.trim() && f.direction.trim() && objects.length > 0;

  const text = (id: keyof typeof f, label: string, help?: string) => (
    <div className="field">
      <label htmlFor={`tpl-${id}`} className="field-label">
        {label}
      </label>
      <input id={`tpl-${id}`} value={f[id]} maxLength={120} onChange={(e) => set(id)(e.target.value)} />
      {help && <p className="field-help">{help}</p>}
    </div>
  );

  return (
    <Modal
      title="Publish as template"
      onClose={onClose}
      testId="publish-template-dialog"
      footer={
        <CancelAnd
          onCancel={onClose}
          busy={busy}
          actions={[
            {
              label: target ? `Publish version ${(current?.version ?? 0) + 1}` : 'Publish new template',
              busyLabel: 'Publishing…',
              onClick: () => onPublish({ templateId: target || null, fields: { ...f, objects, releaseNote } }),
              testId: 'publish-template-confirm',
              disabled: !ready,
            },
          ]}
        />
      }
    >
      <div className="publish-template-form">
        <div className="field">
          <label htmlFor="tpl-target" className="field-label">
            Publish as
          </label>
          <select
            id="tpl-target"
            value={target}
            onChange={(e) => (setTarget(e.target.value), setForm(null))}
            data-testid="publish-template-target"
          >
            <option value="">A new template</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                Version {t.version + 1} of “{t.name}”
              </option>
            ))}
          </select>
        </div>
        {text('title', 'Title')}
        {text('objects', 'Objects', 'Separated by commas, e.g. Account, Customer')}
        {text('direction', 'Direction', 'e.g. Creatio → QuickBooks Online')}
        <div className="field">
          <label htmlFor="tpl-description" className="field-label">
            Description
          </label>
          <textarea
            id="tpl-description"
            rows={3}
            maxLength={2000}
            value={f.description}
            onChange={(e) => set('description')(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="tpl-release-note" className="field-label">
            Release note (flows made from an older version show it)
          </label>
          <textarea
            id="tpl-release-note"
            rows={2}
            maxLength={2000}
            value={releaseNote}
            onChange={(e) => setReleaseNote(e.target.value)}
            data-testid="publish-template-note"
          />
        </div>
        <p className="small muted">
          The saved draft is published; connections become the kind they are (Creatio, QuickBooks), so every workspace
          binds its own.
        </p>
      </div>
    </Modal>
  );
}
