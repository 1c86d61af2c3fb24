// One stand-in process for server/last-resort.test.ts: Weft's last resort installed
// as `weft worker` installs it, then two runs in their scopes. Run "a" leaves a
// rejection unhandled and throws from a timer; run "b" does nothing wrong. Prints
// what each run's stop signal says, then an error outside any run, then exits 0.
// Run: node --import tsx server/test-last-resort-child.ts
import { inRunScope } from '../engine/postgres/run-scope';
import { installLastResort } from './last-resort';

const logged: { message: string; runId?: unknown }[] = [];
installLastResort(
  { info: () => undefined, warn: () => undefined, error: (message, f) => logged.push({ message, runId: f?.runId }) },
  (code) => {
    console.log(JSON.stringify({ exitAsked: code, logged }));
    process.exit(0);
  },
);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const a = new AbortController();
const b = new AbortController();
const runA = inRunScope('run-a', a, async () => {
  void Promise.reject(new Error('page 2 could not be read'));
  await sleep(20);
  setTimeout(() => {
    throw new Error('a callback of run a threw');
  }, 1);
  await sleep(20);
});
const runB = inRunScope('run-b', b, () => sleep(60));
await Promise.all([runA, runB]);
void Promise.reject(new Error('outside any run'));
await sleep(20);
const reasonOf = (c: AbortController) =>
  c.signal.reason instanceof Error ? `${c.signal.reason.constructor.name}: ${c.signal.reason.message}` : null;
console.log(JSON.stringify({ a: reasonOf(a), b: reasonOf(b), logged }));
setTimeout(() => {
  throw new Error('thrown outside any run');
}, 1);
