// Notification settings of a workspace (issue 16, seed §5.4): admins choose who
// gets mail, see the mail server and the latest mails, send a test mail.
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { NotifySettings } from '../notify/notify-settings';
import type { NotificationsService } from '../notify/notifications-service';
import { procedureFor, router } from '../trpc';

function service(ctx: { services: { notifications?: NotificationsService } }): NotificationsService {
  if (!ctx.services.notifications)
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This Weft does not send notifications.' });
  return ctx.services.notifications;
}

export const notificationsRouter = router({
  get: procedureFor('workspace.admin').query(({ ctx }) => service(ctx).get(ctx.actor.workspaceId)),
  save: procedureFor('workspace.admin')
    .input(NotifySettings)
    .mutation(async ({ ctx, input }) => {
      await service(ctx).save(ctx.actor.workspaceId, input);
      ctx.services.accounts.audit(ctx.actor.workspaceId, 'notifications.save', ctx.actor.workspaceId, { ...input });
      return { ok: true };
    }),
  sendTest: procedureFor('workspace.admin')
    .input(z.object({ to: z.string().trim().email('is not an e-mail address').max(254).nullable().default(null) }))
    .mutation(({ ctx, input }) => service(ctx).sendTest(ctx.actor.workspaceId, input.to)),
  reportNow: procedureFor('workspace.admin').mutation(({ ctx }) => service(ctx).reportNow(ctx.actor.workspaceId)),
});
