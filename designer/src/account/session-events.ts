// The API client tells the app when the server says nobody is signed in any more
// (session expired, signed out elsewhere, password changed on another device).
type Listener = () => void;
const listeners = new Set<Listener>();

export function onSessionEnded(f: Listener): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

export function sessionEnded(): void {
  for (const f of listeners) f();
}

/** The CSRF token cookie Weft sets for its own pages; echoed in a header on every API call. */
export function csrfToken(): string {
  const m = /(?:^|;\s*)weft_csrf=([^;]*)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : '';
}
