// Signing in and out, one's own account, the workspace one acts in, and one's
// invitations to other workspaces (issues 7, 18). The session id travels only in
// an httpOnly cookie, never in a response body.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { anonymousProcedure, router, SESSION_ENDED, signedInProcedure, type Context } from '../trpc';

const clientOf = (ctx: Context) => ({ key: ctx.http?.clientKey ?? 'local', deviceToken: ctx.http?.deviceToken });
const invitationId = z.object({ id: z.string().uuid('an invitation id from auth.invitations') });

export const authRouter = router({
  /** Who is signed in, in which workspace with which role, and their other workspaces; null when signed out. */
  me: anonymousProcedure.query(({ ctx }) => {
    if (!ctx.actor) return null;
    const accounts = ctx.services.accounts;
    const me = accounts.me(ctx.actor.userId, ctx.actor.workspaceId);
    // Removed from the workspace this browser was in: carry on in another of theirs, if any.
    const other = !me && ctx.sessionHash ? accounts.store.workspacesOf(ctx.actor.userId)[0] : undefined;
    if (!other || !ctx.sessionHash) return me;
    accounts.store.switchWorkspace(ctx.sessionHash, other.workspaceId);
    return accounts.me(ctx.actor.userId, other.workspaceId);
  }),

  login: anonymousProcedure
    .input(z.object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const s = await ctx.services.accounts.signIn(input.email, input.password, clientOf(ctx));
      ctx.http?.setSessionCookie(s.token);
      ctx.http?.setDeviceCookie(s.deviceToken);
      return ctx.services.accounts.me(s.userId, s.workspaceId);
    }),

  logout: signedInProcedure.mutation(({ ctx }) => {
    if (ctx.sessionHash) ctx.services.accounts.endSession(ctx.actor.userId, ctx.sessionHash);
    ctx.http?.setSessionCookie(null);
    return { ok: true };
  }),

  /** Ends every session of this person, this one included (a lost laptop, a shared password). */
  logoutEverywhere: signedInProcedure.mutation(({ ctx }) => {
    const ended = ctx.services.accounts.endSessionsOf(ctx.actor.userId);
    ctx.http?.setSessionCookie(null);
    return { ended };
  }),

  changePassword: signedInProcedure
    .input(z.object({ current: z.string().min(1).max(200), next: z.string().max(200) }))
    .mutation(({ ctx, input }) =>
      ctx.services.accounts.changePassword(
        ctx.actor.userId,
        input.current,
        input.next,
        ctx.sessionHash ?? null,
        clientOf(ctx),
      ),
    ),

  switchWorkspace: signedInProcedure
    .input(z.object({ workspaceId: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => {
      const accounts = ctx.services.accounts;
      if (!accounts.store.roleIn(ctx.actor.userId, input.workspaceId)) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: 'You are not a member of that workspace. Ask its admin to add you.',
        });
      }
      if (!ctx.sessionHash)
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `Only a browser session can switch workspace. ${SESSION_ENDED}`,
        });
      accounts.store.switchWorkspace(ctx.sessionHash, input.workspaceId);
      return accounts.me(ctx.actor.userId, input.workspaceId);
    }),

  /** Workspaces whose admins invited me (issue 18): I become a member only by accepting. */
  invitations: signedInProcedure.query(({ ctx }) => ctx.services.accounts.invitations.pendingFor(ctx.actor.userId)),

  acceptInvitation: signedInProcedure.input(invitationId).mutation(({ ctx, input }) => {
    const accounts = ctx.services.accounts;
    const invitation = accounts.invitations.take(input.id, ctx.actor.userId) ?? noInvitation();
    accounts.acceptInvitation(ctx.actor.userId, accounts.store.userById(ctx.actor.userId)!.email, invitation);
    return { workspaceId: invitation.workspaceId, role: invitation.role };
  }),

  declineInvitation: signedInProcedure.input(invitationId).mutation(({ ctx, input }) => {
    const accounts = ctx.services.accounts;
    const invitation = accounts.invitations.take(input.id, ctx.actor.userId) ?? noInvitation();
    const email = accounts.store.userById(ctx.actor.userId)!.email;
    accounts.audit(invitation.workspaceId, 'member.decline', email, { role: invitation.role });
    return { ok: true };
  }),
});

function noInvitation(): never {
  throw new TRPCError({
    code: 'NOT_FOUND',
    message:
      'That invitation is not waiting for you any more (accepted, declined or withdrawn). Reload your invitations.',
  });
}
