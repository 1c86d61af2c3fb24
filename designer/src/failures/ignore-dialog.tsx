// Ignoring failed records asks why, in the page (not the browser's prompt): the reason is
// required and kept in the audit log, and the dialog names how many records it ignores.
import { useState } from 'react';
import { CancelAnd, Modal } from '../ui/modal';

export function IgnoreDialog({
  count,
  onCancel,
  onIgnore,
}: {
  /** How many records the ignore covers: one from a record's detail, all that match from the drawer. */
  count: number;
  onCancel: () => void;
  /** Resolves when done; the dialog stays open (and busy) until then. */
  onIgnore: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const what = count === 1 ? 'this record' : `these ${count.toLocaleString('en-US')} records`;
  const ok = reason.trim().length > 0;
  async function submit() {
    if (!ok) return;
    setBusy(true);
    try {
      await onIgnore(reason.trim());
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      title={count === 1 ? 'Ignore 1 record' : `Ignore ${count.toLocaleString('en-US')} records`}
      onClose={onCancel}
      testId="ignore-dialog"
      footer={
        <CancelAnd
          onCancel={onCancel}
          busy={busy}
          actions={[
            {
              label: count === 1 ? 'Ignore the record' : `Ignore ${count.toLocaleString('en-US')} records`,
              busyLabel: 'Ignoring…',
              onClick: () => void submit(),
              testId: 'ignore-confirm',
              kind: 'danger',
              disabled: !ok,
            },
          ]}
        />
      }
    >
      <p>
        Weft stops retrying {what} and leaves {count === 1 ? 'it' : 'them'} out of the open queue. Say why: the reason
        is kept in the audit log for whoever looks next.
      </p>
      <div className="field">
        <label htmlFor="ignore-reason" className="field-label">
          Reason <span className="required">*</span>
        </label>
        <textarea
          id="ignore-reason"
          rows={3}
          style={{ width: '100%', boxSizing: 'border-box' }}
          value={reason}
          autoFocus
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. Duplicate customer, merged by hand in QuickBooks"
          data-testid="ignore-reason"
        />
      </div>
    </Modal>
  );
}
