// A save refused because someone else saved the flow since it was opened (issue 14):
// nothing was overwritten; the analyst chooses to see the differences, take the other
// person's version, or keep editing theirs.
import { Modal } from '../ui/modal';

interface Props {
  message: string;
  onShowDifferences: () => void;
  onReload: () => void;
  onClose: () => void;
}

export function StaleSaveDialog({ message, onShowDifferences, onReload, onClose }: Props) {
  return (
    <Modal
      title="Someone else saved this flow"
      onClose={onClose}
      testId="stale-save"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Keep editing
          </button>
          <button type="button" className="button" onClick={onShowDifferences} data-testid="stale-diff">
            Show differences
          </button>
          <button type="button" className="button primary" onClick={onReload} data-testid="stale-reload">
            Reload their version
          </button>
        </>
      }
    >
      <p role="alert">{message}</p>
      <p className="muted">
        Reloading drops your unsaved changes. Show differences compares their saved draft with yours, so you can make
        your changes again on top of theirs.
      </p>
    </Modal>
  );
}
