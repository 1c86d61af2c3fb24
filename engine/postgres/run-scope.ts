// Which run an escaped error belongs to. A worker executes each run inside its own
// async context (AsyncLocalStorage), so a rejection nobody handled or an exception
// thrown from a callback of that run's work is traced back to the run: the process's
// last resort (server/last-resort.ts) then fails that run and keeps the process, and
// the other runs, going (issue: a failed read-ahead page killed `weft worker`, and
// under `npm start` the whole server). Node 20 emits `unhandledRejection` and
// `uncaughtException` in the async context of the promise or callback that failed.
import { AsyncLocalStorage } from 'node:async_hooks';
import { RunFault } from '../run/run-flow';

interface RunScope {
  runId: string;
  controller: AbortController;
}

const scope = new AsyncLocalStorage<RunScope>();

/** Runs `work` (one run's execution) so that errors escaping it can be traced to `runId`. */
export function inRunScope<T>(runId: string, controller: AbortController, work: () => Promise<T>): Promise<T> {
  return scope.run({ runId, controller }, work);
}

/**
 * Ends the run this error escaped from as failed (at its next boundary, with the
 * error in plain words) and returns its id; null when the error came from outside
 * any run of this process.
 */
export function failRunOf(error: unknown): string | null {
  const s = scope.getStore();
  if (!s) return null;
  if (!s.controller.signal.aborted) {
    const why = error instanceof Error ? error.message : String(error);
    s.controller.abort(
      new RunFault(
        `Weft met an unexpected error in this run and ended it: ${why} The pages saved before it ` +
          `stay saved; run the flow again to continue from there, and tell support if this comes ` +
          `back.`,
      ),
    );
  }
  return s.runId;
}
