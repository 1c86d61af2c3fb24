// Change one's own password. Other sessions of this person end; this one stays.
import { useState } from 'react';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { CancelAnd, Modal } from '../ui/modal';
import { useToast } from '../ui/toast';

export function PasswordDialog({ onClose }: { onClose: () => void }) {
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    if (next !== again) return setError('The two new passwords differ. Type the same one twice.');
    setBusy(true);
    try {
      const { signedOutElsewhere } = await api.auth.changePassword.mutate({ current, next });
      toast(
        signedOutElsewhere > 0
          ? `Password changed. ${signedOutElsewhere} other session(s) were signed out.`
          : 'Password changed.',
        'success',
      );
      onClose();
    } catch (e) {
      setError(plainError(e));
      setBusy(false);
    }
  }

  return (
    <Modal
      title="Change your password"
      onClose={onClose}
      testId="password-dialog"
      footer={
        <CancelAnd
          onCancel={onClose}
          busy={busy}
          actions={[
            { label: 'Change password', busyLabel: 'Saving…', onClick: () => void save(), testId: 'password-save' },
          ]}
        />
      }
    >
      <div className="password-form">
        <label className="field-label" htmlFor="pw-current">
          Current password
        </label>
        <input
          id="pw-current"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <label className="field-label" htmlFor="pw-next">
          New password (at least 12 characters)
        </label>
        <input
          id="pw-next"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <label className="field-label" htmlFor="pw-again">
          New password again
        </label>
        <input
          id="pw-again"
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
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
