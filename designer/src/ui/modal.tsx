// A modal dialog on the native <dialog> element: focus is trapped and Escape
// closes it, for free.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer: ReactNode;
  testId?: string;
}

export function Modal({ title, onClose, children, footer, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby="modal-title"
      onCancel={(e) => (e.preventDefault(), onClose())}
      data-testid={testId}
    >
      <h2 id="modal-title">{title}</h2>
      <div className="modal-body">{children}</div>
      <div className="modal-footer">{footer}</div>
    </dialog>
  );
}

export interface DialogAction {
  label: string;
  /** Shown while `busy`, e.g. "Saving…". */
  busyLabel?: string;
  onClick: () => void;
  testId?: string;
  kind?: 'primary' | 'danger' | 'plain';
  disabled?: boolean;
}

/**
 * The footer most dialogs have: Cancel, then their actions, the last one the main one.
 * Every action is disabled while `busy`, so a double click never sends twice.
 */
export function CancelAnd({
  onCancel,
  busy = false,
  actions,
}: {
  onCancel: () => void;
  busy?: boolean;
  actions: DialogAction[];
}) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      {actions.map((a) => (
        <button
          key={a.label}
          type="button"
          className={a.kind === 'plain' ? 'button' : `button ${a.kind ?? 'primary'}`}
          disabled={busy || a.disabled}
          onClick={a.onClick}
          data-testid={a.testId}
        >
          {busy && a.busyLabel ? a.busyLabel : a.label}
        </button>
      ))}
    </>
  );
}
