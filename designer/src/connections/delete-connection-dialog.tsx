// Deleting a connection (admins). A kind with a revoke hook (QuickBooks Online) is
// disconnected at its system first; if Intuit does not confirm, the connection is still deleted and
// the admin reads what to do in QuickBooks. A connection that flows still use is
// refused by the server with their names, shown here as it is.
import { useState } from 'react';
import { connectionRegistry } from '../../../nodes/connections';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { CancelAnd, Modal } from '../ui/modal';
import { useToast } from '../ui/toast';

export function DeleteConnectionDialog({
  connection,
  onClose,
  onDeleted,
}: {
  connection: { id: string; name: string; kind: string };
  onClose: () => void;
  onDeleted: (warning: string | null) => void;
}) {
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const revoke = connectionRegistry.get(connection.kind)?.hooks?.revoke;

  async function remove() {
    setBusy(true);
    try {
      const r = await api.connections.delete.mutate({ id: connection.id });
      if (r.warning) toast(r.warning, 'error');
      else
        toast(
          revoke
            ? `Deleted "${connection.name}" and disconnected Weft from it at ${revoke.system}.`
            : `Deleted "${connection.name}".`,
          'success',
        );
      onDeleted(r.warning);
      onClose();
    } catch (e) {
      setError(plainError(e, 'delete the connection'));
      setBusy(false);
    }
  }

  return (
    <Modal
      title={`Delete ${connection.name}?`}
      onClose={onClose}
      testId="delete-connection-dialog"
      footer={
        <CancelAnd
          onCancel={onClose}
          busy={busy}
          actions={[
            {
              label: 'Delete connection',
              busyLabel: 'Deleting…',
              onClick: () => void remove(),
              testId: 'delete-connection-confirm',
              kind: 'danger',
            },
          ]}
        />
      }
    >
      <p className="small">
        Weft will stop using this connection at once.{' '}
        {revoke
          ? `It also disconnects Weft at ${revoke.system}, so connecting again needs an admin there to approve it. `
          : ''}
        Flows that still use it must be pointed at another connection first.
      </p>
      {error && (
        <p className="error-text" role="alert" data-testid="delete-connection-error">
          {error}
        </p>
      )}
    </Modal>
  );
}
