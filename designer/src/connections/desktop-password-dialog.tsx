// Sets the password a QuickBooks Desktop company file's Web Connector signs in
// with (issue 5). Write-only: Weft stores it encrypted and never shows it again;
// the .qwc file does not hold it, the Web Connector asks for it.
import { useState } from 'react';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { CancelAnd, Modal } from '../ui/modal';
import { useToast } from '../ui/toast';

export function DesktopPasswordDialog({
  connection,
  onClose,
  onSaved,
}: {
  connection: { id: string; name: string };
  onClose: () => void;
  onSaved: () => void;
}) {
  const toast = useToast();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** A password Weft made, shown this once so it can be typed in the Web Connector. */
  const [made, setMade] = useState<string | null>(null);

  async function save() {
    if (password.length < 16)
      return setError('Use at least 16 characters for the Web Connector password, or let Weft make one for you.');
    if (password !== again) return setError('The two passwords differ. Type the same one twice.');
    setBusy(true);
    try {
      await api.connections.setDesktopPassword.mutate({ id: connection.id, password });
      toast(
        'Web Connector password saved. Type the same password in the Web Connector on the QuickBooks computer.',
        'success',
      );
      onSaved();
      onClose();
    } catch (e) {
      setError(plainError(e, 'save the Web Connector password'));
      setBusy(false);
    }
  }

  async function makeOne() {
    setBusy(true);
    try {
      const r = await api.connections.setDesktopPassword.mutate({ id: connection.id });
      setMade('password' in r ? r.password : null);
      setError(null);
      onSaved();
    } catch (e) {
      setError(plainError(e, 'make a Web Connector password'));
    }
    setBusy(false);
  }

  if (made) {
    return (
      <Modal
        title={`Web Connector password — ${connection.name}`}
        onClose={onClose}
        testId="qbd-password-dialog"
        footer={
          <button type="button" className="button primary" onClick={onClose}>
            Done
          </button>
        }
      >
        <p className="muted small">
          Weft saved this password. Type it in the Web Connector on the QuickBooks computer now: Weft will not show it
          again.
        </p>
        <p>
          <code data-testid="qbd-password-made">{made}</code>
        </p>
      </Modal>
    );
  }

  return (
    <Modal
      title={`Web Connector password — ${connection.name}`}
      onClose={onClose}
      testId="qbd-password-dialog"
      footer={
        <CancelAnd
          onCancel={onClose}
          busy={busy}
          actions={[
            { label: 'Make one for me', onClick: () => void makeOne(), testId: 'qbd-password-make', kind: 'plain' },
            {
              label: 'Save password',
              busyLabel: 'Saving…',
              onClick: () => void save(),
              testId: 'qbd-password-save',
              disabled: !password,
            },
          ]}
        />
      }
    >
      <div className="password-form">
        <p className="muted small">
          The QuickBooks Web Connector asks for this password when it adds the .qwc file. Weft keeps it encrypted and
          never shows it again; if it is lost, set a new one here and type it in the Web Connector.
        </p>
        <label className="field-label" htmlFor="qbd-pw">
          New password (at least 16 characters)
        </label>
        <input
          id="qbd-pw"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="qbd-password"
        />
        <label className="field-label" htmlFor="qbd-pw-again">
          New password again
        </label>
        <input
          id="qbd-pw-again"
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          data-testid="qbd-password-again"
        />
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </div>
    </Modal>
  );
}
