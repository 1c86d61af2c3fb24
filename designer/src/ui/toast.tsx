// One message at a time at the top of the screen, under the toolbar (never over the
// problems panel at the bottom: issue 14): confirmations ("Saved") and refusals
// ("… takes QuickBooks Customer records, but …"). Errors stay until dismissed;
// confirmations fade after a few seconds; a message tagged with a run goes when the
// run ends (`useDismissToast`).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type ToastKind = 'info' | 'success' | 'error';
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  /** What the message is about (e.g. `run:<id>`): `dismiss(tag)` takes it away when that is over. */
  tag?: string;
}
type Show = (text: string, kind?: ToastKind, opts?: { tag?: string }) => void;
type Dismiss = (tag: string) => void;

const ToastContext = createContext<Show>(() => {});
const DismissContext = createContext<Dismiss>(() => {});

export function useToast(): Show {
  return useContext(ToastContext);
}

/** Takes away the message tagged `tag`, if it is still shown (a run's message once the run ends). */
export function useDismissToast(): Dismiss {
  return useContext(DismissContext);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<Toast | null>(null);
  const show = useCallback<Show>((text, kind = 'info', opts) => setToast({ id: Date.now(), kind, text, ...opts }), []);
  const dismiss = useCallback<Dismiss>((tag) => setToast((cur) => (cur?.tag === tag ? null : cur)), []);
  useEffect(() => {
    if (!toast || toast.kind === 'error') return;
    const t = setTimeout(() => setToast((cur) => (cur?.id === toast.id ? null : cur)), 5000);
    return () => clearTimeout(t);
  }, [toast]);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      <DismissContext.Provider value={dismiss}>{children}</DismissContext.Provider>
      <div className="toast-region" aria-live="polite">
        {toast && (
          <div
            className={`toast toast-${toast.kind}`}
            role={toast.kind === 'error' ? 'alert' : 'status'}
            data-testid="toast"
            data-kind={toast.kind}
          >
            <span>{toast.text}</span>
            <button type="button" className="icon-button" aria-label="Dismiss message" onClick={() => setToast(null)}>
              ×
            </button>
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}
