// Deleting a flow (issue 14), confirmed by name: its schedule stops; its runs,
// versions and audit entries are kept.
import { useState } from 'react';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { CancelAnd, Modal } from '../ui/modal';

interface Props {
  flow: { id: string; name: string; state: 'started' | 'stopped' };
  onDeleted: (name: string) => void;
  onClose: () => void;
}

export function DeleteFlowDialog({ flow, onDeleted, onClose }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    try {
      await api.flows.versions.remove.mutate({ id: flow.id });
      onDeleted(flow.name);
    } catch (e) {
      setError(plainError(e, 'delete the flow'));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`Delete the flow “${flow.name}”?`}
      onClose={onClose}
      testId="delete-flow"
      footer={
        <CancelAnd
          onCancel={onClose}
          busy={busy}
          actions={[
            {
              label: 'Delete the flow',
              busyLabel: 'Deleting…',
              onClick: () => void remove(),
              testId: 'delete-flow-confirm',
              kind: 'danger',
            },
          ]}
        />
      }
    >
      <p>
        {flow.state === 'started' ? 'Its schedule stops now: no more runs. ' : ''}
        The flow leaves this list and cannot be opened again. Its past runs and published versions are kept for the
        audit log. To keep a copy you can import later, download it from Versions in the editor first.
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
