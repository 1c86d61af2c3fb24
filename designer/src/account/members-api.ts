// The members screen's calls to the server, in one place. Adding a person is an
// invitation (issue 18): a new account gets the initial password the admin passes on,
// and joins at its first sign-in; anyone else accepts when signed in.
import { api } from '../api/trpc-client';
import type { Me } from '../api/api-types';

export type Role = Me['workspace']['role'];

/** Every role, with what it may do (README "Signing in"); `satisfies` keeps it in step with the server's roles. */
export const ROLE_HELP = {
  admin: 'everything, members, audit log',
  specialist: 'templates, publish',
  analyst: 'edit flows',
  operator: 'start/stop, utility runs, catch-up',
  support: 'runs, failed records, retry/edit records',
} satisfies Record<Role, string>;

export const ROLES = Object.keys(ROLE_HELP) as Role[];

export const membersApi = {
  list: () => api.workspace.members.query(),
  /** A new account gets `password` as its initial password (tell it to them; they change it); an existing one keeps theirs. */
  addMember: (o: { email: string; name: string; role: Role; password: string }) => api.workspace.addMember.mutate(o),
  setRole: (userId: string, role: Role) => api.workspace.setRole.mutate({ userId, role }),
  remove: (userId: string) => api.workspace.removeMember.mutate({ userId }),
  createWorkspace: (name: string) => api.workspace.create.mutate({ name }),
  /** Invitations not accepted yet (issue 18: joining a workspace needs the person's acceptance). */
  invitations: () => api.workspace.invitations.query(),
  cancelInvitation: (id: string) => api.workspace.cancelInvitation.mutate({ id }),
};

export type Member = Awaited<ReturnType<typeof membersApi.list>>[number];
export type Invitation = Awaited<ReturnType<typeof membersApi.invitations>>[number];

/** A readable initial password: 4 groups of 4 letters and digits (80 bits), for the admin to pass on. */
export function initialPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
