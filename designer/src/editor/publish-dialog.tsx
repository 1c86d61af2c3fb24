import { useState } from 'react';
import { CancelAnd, Modal } from '../ui/modal';

interface Props {
  nextVersion: number;
  busy: boolean;
  onPublish: (notes: string) => void;
  onClose: () => void;
}

export function PublishDialog({ nextVersion, busy, onPublish, onClose }: Props) {
  const [notes, setNotes] = useState('');
  return (
    <Modal
      title={`Publish version ${nextVersion}`}
      onClose={onClose}
      testId="publish-dialog"
      footer={
        <CancelAnd
          onCancel={onClose}
          busy={busy}
          actions={[
            { label: 'Publish', busyLabel: 'Publishing…', onClick: () => onPublish(notes), testId: 'publish-confirm' },
          ]}
        />
      }
    >
      <p>
        Publishing saves the draft and freezes it as version {nextVersion}. The schedule always runs the latest
        published version; the draft stays yours to change.
      </p>
      <div className="field">
        <label htmlFor="publish-notes" className="field-label">
          What changed (release notes)
        </label>
        <textarea
          id="publish-notes"
          rows={4}
          maxLength={2000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
      </div>
    </Modal>
  );
}
