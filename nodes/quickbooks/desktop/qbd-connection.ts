// A Weft connection of kind `quickbooks-desktop` is one company file reached
// through its Web Connector (issue 5). Nodes do not call out: the client below
// queues qbXML requests in the run store's outbox (ctx.desktop) and waits for the
// Web Connector's next session to carry them, showing "waiting for Web Connector"
// on the node meanwhile.
import { z } from 'zod';
import type { NodeContext } from '../../define-node';
import { QbdClient } from './qbd-client';
import { settleInDoubt } from './qbd-in-doubt';

export const QBD_KIND = 'quickbooks-desktop';

export const qbdConnectionSettings = z.object({
  /** The Web Connector's user name (in the .qwc), unique across workspaces; the password is a secret set in Weft. */
  userName: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\s<>&]+$/, 'Use letters, digits and - _ . @ (no spaces) for the Web Connector user name.'),
  /** Company file path for the Web Connector to open; empty = the file open in QuickBooks. */
  companyFile: z.string().optional(),
  /** How long a node waits for the Web Connector; raise it for slow company files or rare schedules. */
  timeoutMinutes: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .optional(),
  runEveryMinutes: z.coerce.number().positive().optional(),
});

/** The password the Web Connector types (issue 5): sealed in Weft, never inside the .qwc. */
/**
 * A Web Connector password chosen by a person: 16 characters at least (issue 18: guessed 7,660 times in
 * 10 s). The Web Connector stores it and types it at every update, so length costs nobody anything;
 * left empty, Weft makes one (24 random characters).
 */
export const desktopPassword = z
  .string()
  .min(16, 'Use at least 16 characters for the Web Connector password, or let Weft make one for you.')
  .max(200, 'Use at most 200 characters for the Web Connector password.');

export const qbdSecrets = z.object({ password: desktopPassword.optional() });
export type QbdConnectionSettings = z.infer<typeof qbdConnectionSettings>;

export async function openQbdClient(ctx: NodeContext, connectionId: string): Promise<QbdClient> {
  const conn = await ctx.connection(connectionId);
  if (conn.kind !== QBD_KIND)
    throw new Error(
      `Connection "${conn.name}" is ${conn.kind}, not a QuickBooks Desktop company file. Choose a QuickBooks Desktop connection on the node.`,
    );
  const parsed = qbdConnectionSettings.safeParse(conn.settings);
  if (!parsed.success)
    throw new Error(
      `Connection "${conn.name}" is not a usable QuickBooks Desktop connection (check: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}).`,
    );
  if (!ctx.desktop)
    throw new Error(
      'QuickBooks Desktop needs the Web Connector outbox of the run store, which this run does not have. Run the flow through Weft (npm start or weft run).',
    );
  return new QbdClient(ctx, ctx.desktop, connectionId, (parsed.data.timeoutMinutes ?? 30) * 60_000, settleInDoubt);
}
