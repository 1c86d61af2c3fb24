// Who is signed in: the app shows the sign-in page until someone is, and again
// when the server says the session ended. Switching workspace remounts the app
// so nothing of the previous workspace stays on screen.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Me } from '../api/api-types';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { LoginPage } from './login-page';
import { onSessionEnded } from './session-events';

export type { Me };

export const SESSION_ENDED = 'Your session ended — sign in again.';

interface SessionValue {
  me: Me;
  signOut(everywhere: boolean): Promise<void>;
  switchWorkspace(workspaceId: string): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionGate');
  return s;
}

type State = { status: 'loading' } | { status: 'out'; notice: string | null } | { status: 'in'; me: Me };

export function SessionGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    api.auth.me.query().then(
      (me) => setState(me ? { status: 'in', me } : { status: 'out', notice: null }),
      (e: unknown) => setState({ status: 'out', notice: plainError(e, 'check whether you are signed in') }),
    );
    return onSessionEnded(() => setState((s) => (s.status === 'in' ? { status: 'out', notice: SESSION_ENDED } : s)));
  }, []);

  const signOut = useCallback(async (everywhere: boolean) => {
    await (everywhere ? api.auth.logoutEverywhere.mutate() : api.auth.logout.mutate());
    setState({ status: 'out', notice: everywhere ? 'You are signed out on every device.' : 'You are signed out.' });
  }, []);

  const switchWorkspace = useCallback(async (workspaceId: string) => {
    const me = await api.auth.switchWorkspace.mutate({ workspaceId });
    if (!me) return;
    window.location.hash = '#/';
    setState({ status: 'in', me });
  }, []);

  if (state.status === 'loading') return <main className="centered muted">Loading…</main>;
  if (state.status === 'out')
    return <LoginPage notice={state.notice} onSignedIn={(me) => setState({ status: 'in', me })} />;
  return (
    <SessionContext.Provider value={{ me: state.me, signOut, switchWorkspace }}>
      <div key={state.me.workspace.id} className="session-root">
        {children}
      </div>
    </SessionContext.Provider>
  );
}
