// tRPC setup shared by every router. The context carries the services and who
// is calling; every procedure is built with the permission it needs (issue 7):
// `procedureFor('flows.edit')` checks, on the server, on each call, that the
// caller is signed in, is a member of the workspace they act in, and that their
// role there grants the permission. The routers stay thin: parse input with zod,
// call a service, shape the answer.
import { initTRPC, TRPCError } from '@trpc/server';
import { runAsActor } from './auth/current-actor';
import { PERMISSION_WORDS, roleCan, type Permission, type Role } from './auth/roles';
import type { Services } from './services';

export interface Actor {
  userId: string;
  /** The workspace this call acts in (the session's current workspace). */
  workspaceId: string;
}

export interface Context {
  services: Services;
  /** Who is calling; null when nobody signed in. Their role is looked up on each call. */
  actor: Actor | null;
  /** The browser session behind the call (sign-out, password change keep or end it). */
  sessionHash?: string | null;
  /**
   * Only over HTTP: the client's address (password-check rate limit), the browser's
   * device cookie (lockout per account and browser, issue 18) and the cookies to set.
   */
  http?: {
    clientKey: string;
    deviceToken?: string;
    setSessionCookie(token: string | null): void;
    setDeviceCookie(token: string): void;
  };
}

/** What a procedure requires, readable by the authorization matrix test. */
export interface ProcedureMeta {
  access: 'anyone' | 'signed-in' | Permission;
  /** Built with the deprecated `publicProcedure`: the matrix test asks for a real permission. */
  legacy?: boolean;
}

/** What a person sees instead of an unexpected error's own text (its details go to the server log only). */
export const SERVER_FAULT =
  'Something went wrong on the server. It is in the server log; try again, and tell your Weft admin if it keeps happening.';

/**
 * Error bodies carry no stack trace and no file path of this machine (issue 18): tRPC
 * adds the stack whenever NODE_ENV is not "production", which `npm start` never sets.
 * An unexpected error whose text is not for people (a bug's TypeError, a PostgreSQL or
 * SQLite message, a path) is replaced by plain words; Weft's own messages stay.
 */
const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter: ({ shape, error }) => ({
      ...shape,
      message:
        error.code === 'INTERNAL_SERVER_ERROR' && notForPeople(error.cause ?? error) ? SERVER_FAULT : shape.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path },
    }),
  });

function notForPeople(e: Error): boolean {
  const db = e as { severity?: unknown; code?: unknown };
  if (typeof db.severity === 'string' || (typeof db.code === 'string' && /^SQLITE_/.test(db.code))) return true;
  if (e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError || e instanceof SyntaxError)
    return true;
  return /(^|[\s'"(=])\/(?:[\w.@+-]+\/)+[\w.@+-]*/.test(e.message); // an absolute path of this machine
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const SESSION_ENDED = 'Your session ended — sign in again.';

/** Sign-in itself: nobody is signed in yet. */
export const anonymousProcedure = t.procedure.meta({ access: 'anyone' });

/** Things about one's own account (who am I, sign out, password): any signed-in person. */
export const signedInProcedure = t.procedure.meta({ access: 'signed-in' }).use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: SESSION_ENDED });
  const actor = ctx.actor;
  const user = ctx.services.accounts.store.userById(actor.userId);
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: SESSION_ENDED });
  return runAsActor(user.email, () => next({ ctx: { actor } }));
});

/** A procedure that needs `permission` in the caller's current workspace. */
export function procedureFor(permission: Permission) {
  return t.procedure.meta({ access: permission }).use(({ ctx, next }) => {
    if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: SESSION_ENDED });
    const { userId, workspaceId } = ctx.actor;
    const accounts = ctx.services.accounts.store;
    const user = accounts.userById(userId);
    if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: SESSION_ENDED });
    const role: Role | null = accounts.roleIn(userId, workspaceId);
    if (!role)
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'You are not a member of this workspace. Switch workspace, or ask its admin to add you.',
      });
    if (!roleCan(role, permission)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `Your role here (${role}) does not allow you to ${PERMISSION_WORDS[permission]}. Ask a workspace admin.`,
      });
    }
    return runAsActor(user.email, () => next({ ctx: { actor: { userId, workspaceId, role, email: user.email } } }));
  });
}

/**
 * @deprecated Say what the procedure needs: `procedureFor('flows.edit')` etc.
 * Kept so routers written before issue 7 stay safe: it requires a member of the
 * workspace (any role), never an anonymous caller.
 */
export const publicProcedure = procedureFor('view').meta({ access: 'view', legacy: true });
