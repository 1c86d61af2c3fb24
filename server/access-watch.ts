// Live run streams (SSE) end when the person watching loses access (issue 18): a
// member removed from the workspace, signed out, signed out everywhere, their
// password changed or reset, or their session expired. Changes made in this process
// are heard at once (Accounts.accessChanged); expiry and changes made by another
// process (`weft users reset-password`) are caught by a re-check every few seconds.
import type { Context } from './trpc';

export const ACCESS_RECHECK_MS = 5_000;

/** A signal that aborts with `parent`, or as soon as the caller may no longer watch this workspace. */
export function whileAllowed(
  ctx: Context & { actor: NonNullable<Context['actor']> },
  parent: AbortSignal,
): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const { userId, workspaceId } = ctx.actor;
  const accounts = ctx.services.accounts;
  const sessionHash = ctx.sessionHash ?? null;
  const check = () => {
    const sessionGone = sessionHash !== null && !accounts.store.sessionAlive(sessionHash);
    if (sessionGone || !accounts.store.roleIn(userId, workspaceId)) ac.abort();
  };
  const onChange = (who: string) => who === userId && check();
  const onParentAbort = () => ac.abort();
  accounts.accessChanged.on('change', onChange);
  parent.addEventListener('abort', onParentAbort);
  const timer = setInterval(check, ACCESS_RECHECK_MS);
  timer.unref();
  const dispose = () => {
    clearInterval(timer);
    accounts.accessChanged.off('change', onChange);
    parent.removeEventListener('abort', onParentAbort);
  };
  ac.signal.addEventListener('abort', dispose);
  if (parent.aborted) ac.abort();
  return { signal: ac.signal, dispose };
}
