// Invitations to a workspace (issue 18): adding a person who already has a Weft
// account used to make them a member silently, and their next sign-in could land
// in that workspace. Now an admin's "add" is an invitation; the person sees it when
// signed in and accepts or declines it. A person whose account the invitation made
// (a new email) accepts it by signing in with the first password they were given.
import { and, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { randomUUID } from 'node:crypto';
import { invitations, memberships, users } from '../design/accounts.table';
import { workspaces } from '../design/design.table';
import type { Role } from './roles';

export interface Invitation {
  id: string;
  workspaceId: string;
  workspaceName: string;
  role: Role;
  invitedBy: string;
  createdAt: string;
}

export class InvitationStore {
  constructor(private readonly db: BetterSQLite3Database) {}

  /** Invites the person; a second invitation to the same workspace replaces the first. Members are left as they are. */
  invite(workspaceId: string, userId: string, role: Role, invitedBy: string, newAccount: boolean): void {
    const member = this.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)))
      .get();
    if (member) return;
    this.db
      .insert(invitations)
      .values({ id: randomUUID(), workspaceId, userId, role, invitedBy, newAccount })
      .onConflictDoUpdate({ target: [invitations.workspaceId, invitations.userId], set: { role, invitedBy } })
      .run();
  }

  /** The signed-in person's pending invitations. */
  pendingFor(userId: string): Invitation[] {
    return this.db
      .select({
        id: invitations.id,
        workspaceId: invitations.workspaceId,
        workspaceName: workspaces.name,
        role: invitations.role,
        invitedBy: invitations.invitedBy,
        createdAt: invitations.createdAt,
      })
      .from(invitations)
      .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
      .where(eq(invitations.userId, userId))
      .orderBy(invitations.createdAt)
      .all();
  }

  /** A workspace's pending invitations, for its admins. */
  pendingIn(workspaceId: string): { id: string; email: string; role: Role; invitedBy: string; createdAt: string }[] {
    return this.db
      .select({
        id: invitations.id,
        email: users.email,
        role: invitations.role,
        invitedBy: invitations.invitedBy,
        createdAt: invitations.createdAt,
      })
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.userId))
      .where(eq(invitations.workspaceId, workspaceId))
      .orderBy(users.email)
      .all();
  }

  /** Removes one of the person's invitations and returns it; null when it is not theirs (or gone). */
  take(id: string, userId: string): Invitation | null {
    const found = this.pendingFor(userId).find((i) => i.id === id) ?? null;
    if (found) this.db.delete(invitations).where(eq(invitations.id, id)).run();
    return found;
  }

  /** An admin withdraws an invitation of their workspace; false when there is none. */
  cancel(id: string, workspaceId: string): { email: string } | null {
    const found = this.pendingIn(workspaceId).find((i) => i.id === id);
    if (!found) return null;
    this.db
      .delete(invitations)
      .where(and(eq(invitations.id, id), eq(invitations.workspaceId, workspaceId)))
      .run();
    return { email: found.email };
  }

  /** At sign-in: the invitations that made this account are accepted by it. */
  newAccountInvitations(userId: string): Invitation[] {
    const mine = this.db
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.userId, userId), eq(invitations.newAccount, true)))
      .all();
    return mine.map((m) => this.take(m.id, userId)).filter((i): i is Invitation => i !== null);
  }
}
