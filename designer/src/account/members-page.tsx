// Members of the workspace (admins, `#/members`): who has which role, invite a person
// (a new one with an initial password), see and take back pending invitations, change
// a role, remove someone; and a new workspace for
// another customer company. Every change is in the audit log (the server writes it).
import { PageHeader } from '../ui/page-header';
import { useState, type FormEvent } from 'react';
import { plainError } from '../lib/plain-error';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/use-async';
import { initialPassword, membersApi, ROLE_HELP, ROLES, type Member, type Role } from './members-api';
import { PendingInvitations } from './pending-invitations';
import { useSession } from './session';
import './account.css';

export function MembersPage() {
  const { me } = useSession();
  const members = useAsync(() => membersApi.list(), 'members', 'load the members');
  const invited = useAsync(() => membersApi.invitations(), 'invitations', 'load the invitations');
  const toast = useToast();

  async function act(f: () => Promise<unknown>, doing: string, done: string) {
    try {
      const r = await f();
      // The server's own words when it has some (an invitation says how the person joins).
      toast((r as { message?: string } | undefined)?.message ?? done, 'success');
      members.reload();
      invited.reload();
    } catch (e) {
      toast(plainError(e, doing), 'error');
    }
  }

  return (
    <div className="home">
      <PageHeader tag="Members" />
      <main className="audit-main members-main">
        <div className="section-head">
          <h1>Members of {me.workspace.name}</h1>
          <a className="button" href="#/audit">
            Audit log
          </a>
        </div>
        {members.error && (
          <p className="error-text" role="alert">
            {members.error}
          </p>
        )}
        <table className="table" data-testid="members-table">
          <thead>
            <tr>
              <th>Email</th>
              <th>Name</th>
              <th>Role</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(members.data ?? []).map((m) => (
              <MemberRow key={m.userId} m={m} isMe={m.userId === me.user.id} act={act} />
            ))}
          </tbody>
        </table>
        <PendingInvitations list={invited.data ?? []} act={act} />
        <div className="members-forms">
          <AddMemberForm
            onAdd={(o) => act(() => membersApi.addMember(o), `add ${o.email}`, `${o.email} is invited as ${o.role}.`)}
          />
          <NewWorkspaceForm />
        </div>
      </main>
    </div>
  );
}

type Act = (f: () => Promise<unknown>, doing: string, done: string) => Promise<void>;

function MemberRow({ m, isMe, act }: { m: Member; isMe: boolean; act: Act }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid={`member-${m.email}`}>
      <td>
        {m.email}
        {isMe && <span className="muted"> (you)</span>}
        {m.locked && (
          <span className="pill" title="Too many wrong passwords: locked for a while">
            locked
          </span>
        )}
      </td>
      <td>{m.name}</td>
      <td>
        <select
          aria-label={`Role of ${m.email}`}
          value={m.role}
          onChange={(e) =>
            void act(
              () => membersApi.setRole(m.userId, e.target.value as Role),
              `change the role of ${m.email}`,
              `${m.email} is now ${e.target.value}.`,
            )
          }
          data-testid={`member-role-${m.email}`}
        >
          {ROLES.map((r) => (
            <option key={r} value={r} title={ROLE_HELP[r]}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span className="row">
          {confirming ? (
            <>
              <span>Remove {m.email} from this workspace?</span>
              <button
                type="button"
                className="button small danger"
                onClick={() =>
                  void act(() => membersApi.remove(m.userId), `remove ${m.email}`, `${m.email} was removed.`)
                }
                data-testid={`member-remove-confirm-${m.email}`}
              >
                Remove
              </button>
              <button type="button" className="button small" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button small"
              onClick={() => setConfirming(true)}
              data-testid={`member-remove-${m.email}`}
            >
              Remove…
            </button>
          )}
        </span>
      </td>
    </tr>
  );
}

function AddMemberForm({
  onAdd,
}: {
  onAdd: (o: { email: string; name: string; role: Role; password: string }) => Promise<void>;
}) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState(initialPassword);

  async function submit(e: FormEvent) {
    e.preventDefault();
    await onAdd({ email, name, role, password });
    setEmail('');
    setName('');
    setPassword(initialPassword());
  }

  return (
    <form className="card members-form" onSubmit={(e) => void submit(e)} data-testid="add-member-form">
      <h2>Invite a person</h2>
      <label className="field">
        <span className="field-label">Email</span>
        <input
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          data-testid="add-member-email"
        />
      </label>
      <label className="field">
        <span className="field-label">Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} data-testid="add-member-name" />
      </label>
      <label className="field">
        <span className="field-label">Role</span>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="add-member-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r} — {ROLE_HELP[r]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Initial password</span>
        <span className="row">
          <input
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            minLength={12}
            required
            data-testid="add-member-password"
          />
          <button type="button" className="button small" onClick={() => setPassword(initialPassword())}>
            New one
          </button>
        </span>
        <span className="field-help">
          Tell it to them in person or by phone; they change it after signing in. Someone who already has an account
          keeps their own password.
        </span>
      </label>
      <button type="submit" className="button primary" data-testid="add-member-submit">
        Invite
      </button>
    </form>
  );
}

function NewWorkspaceForm() {
  const { switchWorkspace } = useSession();
  const toast = useToast();
  const [name, setName] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const { id } = await membersApi.createWorkspace(name);
      toast(`Workspace "${name}" was made; you are its admin.`, 'success');
      // Into the new workspace at once: its connections and members are set up from there.
      await switchWorkspace(id);
    } catch (err) {
      toast(plainError(err, `create the workspace "${name}"`), 'error');
    }
  }

  return (
    <form className="card members-form" onSubmit={(e) => void submit(e)} data-testid="new-workspace-form">
      <h2>New workspace</h2>
      <p className="muted">
        One workspace per customer company: its own flows, connections and members. Nothing crosses workspaces.
      </p>
      <label className="field">
        <span className="field-label">Company name</span>
        <input
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="new-workspace-name"
        />
      </label>
      <button type="submit" className="button primary" data-testid="new-workspace-submit">
        Create and open it
      </button>
    </form>
  );
}
