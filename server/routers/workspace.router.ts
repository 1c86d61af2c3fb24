// Administering a workspace: its members and their roles, new workspaces (one per
// customer company), and the token that reads its /metrics. Admins only.
import { TRPCError } from '@trpc/server';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { normalEmail } from '../auth/account-store';
import { ROLES } from '../auth/roles';
import { procedureFor, router } from '../trpc';

const role = z.enum(ROLES);
const userId = z.string().min(1).max(100);

export const workspaceRouter = router({
  members: procedureFor('workspace.admin').query(({ ctx }) =>
    ctx.services.accounts.store.membersOf(ctx.actor.workspaceId),
  ),

  /**
   * Invites a person (issue 18): the answer is the same whether the email has an account
   * or not. A new email gets an account with the password the admin typed (tell it to
   * them; their first sign-in accepts); a person with an account accepts when signed in.
   */
  addMember: procedureFor('workspace.admin')
    .input(
      z.object({
        email: z.string().trim().email().max(200),
        name: z.string().trim().max(120).default(''),
        role,
        password: z.string().max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const accounts = ctx.services.accounts;
      const by = accounts.store.userById(ctx.actor.userId)?.email ?? ctx.actor.userId;
      await accounts.addMember(ctx.actor.workspaceId, input.email, input.name, input.role, input.password, by);
      accounts.audit(ctx.actor.workspaceId, 'member.invite', normalEmail(input.email), { role: input.role });
      return {
        invited: true,
        message:
          `${normalEmail(input.email)} is invited as ${input.role}. They become a member when they ` +
          `accept: a person new to Weft by signing in with the password you typed, anyone else from ` +
          `their invitations once signed in.`,
      };
    }),

  /** Invitations of this workspace not accepted yet. */
  invitations: procedureFor('workspace.admin').query(({ ctx }) =>
    ctx.services.accounts.invitations.pendingIn(ctx.actor.workspaceId),
  ),

  cancelInvitation: procedureFor('workspace.admin')
    .input(z.object({ id: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => {
      const gone = ctx.services.accounts.invitations.cancel(input.id, ctx.actor.workspaceId);
      if (!gone)
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: 'That invitation is not pending in this workspace any more. Reload the list.',
        });
      ctx.services.accounts.audit(ctx.actor.workspaceId, 'member.invite-cancel', gone.email, {});
      return { ok: true };
    }),

  /** Ends the member's lockout, on every browser (issue 18). */
  unlockMember: procedureFor('workspace.admin')
    .input(z.object({ userId }))
    .mutation(({ ctx, input }) => {
      const email = memberEmail(ctx, input.userId);
      ctx.services.accounts.unlock(input.userId);
      ctx.services.accounts.audit(ctx.actor.workspaceId, 'member.unlock', email, {});
      return { ok: true };
    }),

  /**
   * A new generated password for a member, shown once to the admin; their sessions end.
   * Only for a person whose every workspace the admin also administers: an admin of one
   * company must not take over an admin of another (issue 18).
   */
  resetMemberPassword: procedureFor('workspace.admin')
    .input(z.object({ userId }))
    .mutation(async ({ ctx, input }) => {
      const email = memberEmail(ctx, input.userId);
      const store = ctx.services.accounts.store;
      const elsewhere = store
        .workspacesOf(input.userId)
        .filter((w) => store.roleIn(ctx.actor.userId, w.workspaceId) !== 'admin');
      if (elsewhere.length > 0) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message:
            `${email} is also a member of a workspace you do not administer: ask its admin, or run "npx ` +
            `weft users reset-password ${email}" on the Weft server.`,
        });
      }
      const password = await ctx.services.accounts.resetPassword(input.userId);
      ctx.services.accounts.audit(ctx.actor.workspaceId, 'member.password-reset', email, {});
      return { password };
    }),

  setRole: procedureFor('workspace.admin')
    .input(z.object({ userId, role }))
    .mutation(({ ctx, input }) => {
      const store = ctx.services.accounts.store;
      const current = store.roleIn(input.userId, ctx.actor.workspaceId);
      if (!current)
        throw new TRPCError({ code: 'NOT_FOUND', message: 'That person is not a member of this workspace.' });
      if (current === 'admin' && input.role !== 'admin') keepOneAdmin(store.membersOf(ctx.actor.workspaceId));
      store.setRole(input.userId, ctx.actor.workspaceId, input.role);
      ctx.services.accounts.audit(
        ctx.actor.workspaceId,
        'member.role',
        store.userById(input.userId)?.email ?? input.userId,
        { role: input.role },
      );
      return { ok: true };
    }),

  removeMember: procedureFor('workspace.admin')
    .input(z.object({ userId }))
    .mutation(({ ctx, input }) => {
      const store = ctx.services.accounts.store;
      const current = store.roleIn(input.userId, ctx.actor.workspaceId);
      if (!current)
        throw new TRPCError({ code: 'NOT_FOUND', message: 'That person is not a member of this workspace.' });
      if (current === 'admin') keepOneAdmin(store.membersOf(ctx.actor.workspaceId));
      ctx.services.accounts.removeMember(input.userId, ctx.actor.workspaceId);
      ctx.services.accounts.audit(
        ctx.actor.workspaceId,
        'member.remove',
        store.userById(input.userId)?.email ?? input.userId,
        {},
      );
      return { ok: true };
    }),

  /** A new workspace for another customer company; its creator is its first admin. */
  create: procedureFor('workspace.admin')
    .input(z.object({ name: z.string().trim().min(1).max(120) }))
    .mutation(({ ctx, input }) => {
      const id = `${
        input.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')
          .slice(0, 40) || 'workspace'
      }-${randomUUID().slice(0, 6)}`;
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

/** The email of a member of the caller's workspace, or NOT_FOUND. */
function memberEmail(
  ctx: {
    services: {
      accounts: { store: { roleIn(u: string, w: string): unknown; userById(u: string): { email: string } | null } };
    };
    actor: { workspaceId: string };
  },
  userId: string,
): string {
  const store = ctx.services.accounts.store;
  const user = store.roleIn(userId, ctx.actor.workspaceId) ? store.userById(userId) : null;
  if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'That person is not a member of this workspace.' });
  return user.email;
}

function keepOneAdmin(members: { role: string }[]): void {
  if (members.filter((m) => m.role === 'admin').length <= 1) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'A workspace needs at least one admin. Make someone else admin first.',
    });
  }
}
