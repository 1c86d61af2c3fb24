// Deleting a connection (admins). A QuickBooks Online one is disconnected at
// Intuit first; if Intuit does not confirm, the connection is still deleted and
// the admin reads what to do in QuickBooks. A connection that flows still use is
// refused by the server with their names, shown here as it is.
import { useState } from 'react';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { Modal } from '../ui/modal';
import { useToast } from '../ui/toast';

export function DeleteConnectionDialog({ connection, onClose, onDeleted }: { connection: { id: string; name: string; kind: string }; onClose: () => void; onDeleted: (warning: string | null) => void }) {
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const online = connection.kind === 'quickbooks-online';

  async function remove() {
    setBusy(true);
    try {
      const r = await api.connections.delete.mutate({ id: connection.id });
      if (r.warning) toast(r.warning, 'error');
      else toast(online ? `Deleted "${connection.name}" and disconnected Weft from that QuickBooks company.` : `Deleted "${connection.name}".`, 'success');
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
        <>
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="button" className="button danger" disabled={busy} onClick={() => void remove()} data-testid="delete-connection-confirm">
            {busy ? 'Deleting…' : 'Delete connection'}
          </button>
        </>
      }
    >
      <p className="small">
        Weft will stop using this connection at once. {online ? 'It also disconnects Weft from the QuickBooks Online company, so connecting again needs a QuickBooks admin to approve it. ' : ''}
        Flows that still use it must be pointed at another connection first.
      </p>
      {error && <p className="error-text" role="alert" data-testid="delete-connection-error">{error}</p>}
    </Modal>
  );
}
