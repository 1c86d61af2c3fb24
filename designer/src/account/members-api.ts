// The members screen's calls to the server, in one place: when adding a person
// becomes an invitation (a one-time link instead of an initial password), only
// this module and the form that calls `addMember` change.
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
};

export type Member = Awaited<ReturnType<typeof membersApi.list>>[number];

/** A readable initial password: 4 groups of 4 letters and digits (80 bits), for the admin to pass on. */
export function initialPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
