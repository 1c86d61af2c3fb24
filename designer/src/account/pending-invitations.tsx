// Invitations of this workspace not accepted yet (issue 18: nobody joins a workspace
// without accepting): who, with which role, since when; an admin can take one back.
import { formatTime } from '../lib/run-status';
import { membersApi, type Invitation } from './members-api';

type Act = (f: () => Promise<unknown>, doing: string, done: string) => Promise<void>;

export function PendingInvitations({ list, act }: { list: Invitation[]; act: Act }) {
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invited, not joined yet</h2>
      <p className="muted">
        A person new to Weft joins by signing in with the password you gave them; anyone else accepts under their email,
        top right.
      </p>
      <table className="table" data-testid="invitations-table">
        <thead>
          <tr>
            <th>Email</th>
            <th>Role</th>
            <th>Invited</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((i) => (
            <tr key={i.id} data-testid={`invitation-${i.email}`}>
              <td>{i.email}</td>
              <td>{i.role}</td>
              <td>
                {formatTime(i.createdAt)} by {i.invitedBy}
              </td>
              <td>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void act(
                      () => membersApi.cancelInvitation(i.id),
                      `take back the invitation of ${i.email}`,
                      `The invitation of ${i.email} is taken back.`,
                    )
                  }
                >
                  Take back
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
