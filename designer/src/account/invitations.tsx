// Invitations to other workspaces (issue 18): an admin adding a person who already
// has an account only invites them; here, in the header, they see each invitation
// and accept (and go there) or decline it. Nothing shows when there are none.
import { useEffect, useState } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../api/app-router';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { Modal } from '../ui/modal';
import { useToast } from '../ui/toast';
import { useSession } from './session';

type Invitation = inferRouterOutputs<AppRouter>['auth']['invitations'][number];

export function Invitations() {
  const { switchWorkspace } = useSession();
  const toast = useToast();
  const [list, setList] = useState<Invitation[]>([]);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    api.auth.invitations.query().then(setList, () => undefined); // the header works without them
  }, []);

  async function answer(i: Invitation, accept: boolean) {
    try {
      if (accept) {
        await api.auth.acceptInvitation.mutate({ id: i.id });
        await switchWorkspace(i.workspaceId);
      } else {
        await api.auth.declineInvitation.mutate({ id: i.id });
        toast(`Declined: you are not joining ${i.workspaceName}.`, 'success');
      }
      setList((l) => l.filter((x) => x.id !== i.id));
    } catch (e) {
      toast(plainError(e, accept ? 'accept the invitation' : 'decline the invitation'), 'error');
    }
  }

  if (list.length === 0) return null;
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="open-invitations">
        Invitations ({list.length})
      </button>
      {open && (
        <Modal
          title="Invitations to other workspaces"
          onClose={() => setOpen(false)}
          testId="invitations-dialog"
          footer={
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Close
            </button>
          }
        >
          <ul className="invitation-list">
            {list.map((i) => (
              <li key={i.id} data-testid={`invitation-${i.workspaceId}`}>
                <span>
                  <strong>{i.workspaceName}</strong> as {i.role}, invited by {i.invitedBy}
                </span>
                <button
                  type="button"
                  className="button primary"
                  onClick={() => void answer(i, true)}
                  data-testid={`accept-${i.workspaceId}`}
                >
                  Accept and open
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => void answer(i, false)}
                  data-testid={`decline-${i.workspaceId}`}
                >
                  Decline
                </button>
              </li>
            ))}
          </ul>
        </Modal>
      )}
    </>
  );
}
