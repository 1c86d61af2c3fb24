// In every header: who is signed in, the workspace (a switcher when there are
// several) and the role there; sign out (here or everywhere), change password,
// for admins the members screen, the notifications and the audit log, and invitations to other
// workspaces when there are some.
import { useState } from 'react';
import { plainError } from '../lib/plain-error';
import { useToast } from '../ui/toast';
import { Invitations } from './invitations';
import { PasswordDialog } from './password-dialog';
import { useSession } from './session';
import './account.css';

export function AccountMenu() {
  const { me, signOut, switchWorkspace } = useSession();
  const toast = useToast();
  const [changing, setChanging] = useState(false);

  async function act(f: () => Promise<void>, doing: string) {
    try {
      await f();
    } catch (e) {
      toast(plainError(e, doing), 'error');
    }
  }

  return (
    <div className="account-menu" data-testid="account-menu">
      <Invitations />
      {me.workspaces.length > 1 ? (
        <select
          aria-label="Workspace"
          value={me.workspace.id}
          onChange={(e) => void act(() => switchWorkspace(e.target.value), 'switch workspace')}
          data-testid="workspace-switcher"
        >
          {me.workspaces.map((w) => (
            <option key={w.workspaceId} value={w.workspaceId}>
              {w.workspaceName}
            </option>
          ))}
        </select>
      ) : null}
      <span className={me.workspaces.length > 1 ? 'visually-hidden' : ''} data-testid="current-workspace">
        {me.workspace.name}
      </span>
      <span className="pill" title="Your role in this workspace" data-testid="current-role">
        {me.workspace.role}
      </span>
      <details>
        <summary data-testid="current-user">{me.user.email}</summary>
        <div className="menu">
          {me.workspace.role === 'admin' && (
            <>
              <a className="button" href="#/members" data-testid="open-members">
                Members and workspaces
              </a>
              <a className="button" href="#/audit" data-testid="open-audit">
                Audit log
              </a>
            </>
          )}
          {me.workspace.role === 'admin' && (
            <a className="button" href="#/notifications" data-testid="open-notifications">
              Notifications
            </a>
          )}
          <button type="button" className="button" onClick={() => setChanging(true)} data-testid="change-password">
            Change password
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void act(() => signOut(false), 'sign out')}
            data-testid="sign-out"
          >
            Sign out
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void act(() => signOut(true), 'sign out everywhere')}
            data-testid="sign-out-everywhere"
          >
            Sign out everywhere
          </button>
        </div>
      </details>
      {changing && <PasswordDialog onClose={() => setChanging(false)} />}
    </div>
  );
}
