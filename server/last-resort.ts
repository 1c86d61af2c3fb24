// The last resort of `weft start` and `weft worker` for errors nobody caught. Node's
// default ends the process on an unhandled rejection or an uncaught exception; in a
// worker that meant every run in it stopped, and under `npm start` the whole server
// went down, for one run's failed page (issue: a failed read-ahead page kills the
// process; the run was then taken over by a worker that met the same page and died
// again). Instead:
// - inside a run (engine/postgres/run-scope.ts traces it): log it with the run named,
//   fail that run, keep the process and its other runs going;
// - outside any run: an unhandled rejection is logged and the process keeps serving
//   (nothing awaited it, so nothing waits on it); an uncaught exception is logged and
//   ends the process, as Node's documentation asks ("it is not safe to resume normal
//   operation after 'uncaughtException'": https://nodejs.org/api/process.html#warning-using-uncaughtexception-correctly).
import { failRunOf } from '../engine';
import type { Logger } from '../nodes/define-node';
import { redactText } from './redact-secrets';

let installed = false;

export function installLastResort(log: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  if (installed) return;
  installed = true;
  const detail = (e: unknown) => redactText(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.on('unhandledRejection', (reason) => {
    const runId = failRunOf(reason);
    if (runId)
      log.error('A run met an error nobody handled: the run is ended as failed, this process keeps going.', {
        runId,
        error: detail(reason),
      });
    else
      log.error('An error nobody handled (outside any run): logged, and Weft keeps serving.', {
        error: detail(reason),
      });
  });
  process.on('uncaughtException', (error) => {
    const runId = failRunOf(error);
    if (runId) {
      log.error('A run threw an error nobody caught: the run is ended as failed, this process keeps going.', {
        runId,
        error: detail(error),
      });
      return;
    }
    log.error(
      'An error nobody caught, outside any run: Weft stops this process (its runs are taken over by another worker).',
      { error: detail(error) },
    );
    exit(1);
  });
}
