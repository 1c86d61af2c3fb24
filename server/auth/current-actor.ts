// The person (or machine) behind the API call being served, for the audit log:
// set by the role check in server/trpc.ts, read where an audit entry is written,
// so no service signature has to carry it.
import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<string>();

export function runAsActor<T>(actor: string, f: () => T): T {
  return store.run(actor, f);
}

/** The signed-in actor's name (email), or null outside an API call (schedules, boot). */
export function currentActor(): string | null {
  return store.getStore() ?? null;
}
