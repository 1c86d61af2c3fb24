// Administering a workspace: its members and their roles, new workspaces (one per
// customer company), and the token that reads its /metrics. Admins only.
import { TRPCError } from '@trpc/server';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { passwordProblem } from '../auth/passwords';
import { ROLES } from '../auth/roles';
import { procedureFor, router } from '../trpc';

const role = z.enum(ROLES);

export const workspaceRouter = router({
  members: procedureFor('workspace.admin').query(({ ctx }) => ctx.services.accounts.store.membersOf(ctx.actor.workspaceId)),

  /** Adds a person; a new account gets the password the admin typed (tell it to them; they change it). */
  addMember: procedureFor('workspace.admin')
    .input(z.object({ email: z.string().trim().email().max(200), name: z.string().trim().max(120).default(''), role, password: z.string().max(200) }))
    .mutation(async ({ ctx, input }) => {
      const accounts = ctx.services.accounts;
      const isNew = !accounts.store.userByEmail(input.email);
      if (isNew) {
        const problem = passwordProblem(input.password, input.email);
        if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
      }
      const { userId } = await accounts.addMember(ctx.actor.workspaceId, input.email, input.name, input.role, isNew ? input.password : null);
      ctx.services.accounts.audit(ctx.actor.workspaceId, 'member.add', input.email, { role: input.role });
      return { userId };
    }),

  setRole: procedureFor('workspace.admin').input(z.object({ userId: z.string().min(1).max(100), role })).mutation(({ ctx, input }) => {
    const store = ctx.services.accounts.store;
    const current = store.roleIn(input.userId, ctx.actor.workspaceId);
    if (!current) throw new TRPCError({ code: 'NOT_FOUND', message: 'That person is not a member of this workspace.' });
    if (current === 'admin' && input.role !== 'admin') keepOneAdmin(store.membersOf(ctx.actor.workspaceId));
    store.setRole(input.userId, ctx.actor.workspaceId, input.role);
    ctx.services.accounts.audit(ctx.actor.workspaceId, 'member.role', store.userById(input.userId)?.email ?? input.userId, { role: input.role });
    return { ok: true };
  }),

  removeMember: procedureFor('workspace.admin').input(z.object({ userId: z.string().min(1).max(100) })).mutation(({ ctx, input }) => {
    const store = ctx.services.accounts.store;
    const current = store.roleIn(input.userId, ctx.actor.workspaceId);
    if (!current) throw new TRPCError({ code: 'NOT_FOUND', message: 'That person is not a member of this workspace.' });
    if (current === 'admin') keepOneAdmin(store.membersOf(ctx.actor.workspaceId));
    store.removeMember(input.userId, ctx.actor.workspaceId);
    ctx.services.accounts.audit(ctx.actor.workspaceId, 'member.remove', store.userById(input.userId)?.email ?? input.userId, {});
    return { ok: true };
  }),

  /** A new workspace for another customer company; its creator is its first admin. */
  create: procedureFor('workspace.admin').input(z.object({ name: z.string().trim().min(1).max(120) })).mutation(({ ctx, input }) => {
    const id = `${input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'workspace'}-${randomUUID().slice(0, 6)}`;
    ctx.services.accounts.createWorkspace(id, input.name);
    ctx.services.accounts.store.setRole(ctx.actor.userId, id, 'admin');
    ctx.services.accounts.audit(id, 'workspace.create', id, { name: input.name });
    return { id };
  }),

  /** A new token for this workspace's /metrics (the old one stops working). Shown once. */
  createMetricsToken: procedureFor('workspace.admin').mutation(({ ctx }) => {
    const token = ctx.services.accounts.store.createToken('metrics', ctx.actor.workspaceId, null);
    ctx.services.accounts.audit(ctx.actor.workspaceId, 'metrics-token.create', ctx.actor.workspaceId, {});
    return { token };
  }),
});

function keepOneAdmin(members: { role: string }[]): void {
  if (members.filter((m) => m.role === 'admin').length <= 1) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'A workspace needs at least one admin. Make someone else admin first.' });
  }
}
