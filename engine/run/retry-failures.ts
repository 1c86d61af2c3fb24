// A retry run (issue 16, Support): failed records taken from the work queue go back into the
// node they failed at, as stored (or as support edited them), and on through the nodes after it.
// Everything a run has applies: the same recorder (counters, the queue), the same retries of
// connection failures, the same sinks with their effects ledger and idempotency keys — so a
// record whose first write had in fact gone through is not written twice.
import type { AnyNodeDefinition, FlowRecord } from '../../nodes/define-node';
import type { ValidFlow } from '../../flow/validate-flow';
import type { NodeLane } from './node-lane';
import { pushPage, type PlannedNode } from './push-page';
import { reachableFrom, type RunDeps, type RunOutcome } from './run-flow';

/** The records a retry run took at one node, page by page. */
export type RetrySource = (nodeId: string) => AsyncIterable<FlowRecord[]>;

export async function retryFailures(
  flow: ValidFlow<AnyNodeDefinition>,
  deps: Omit<RunDeps, 'watermark' | 'options'>,
  take: RetrySource,
): Promise<RunOutcome> {
  const { recorder } = deps;
  const nodes: PlannedNode[] = flow.order.map((id) => ({
    id,
    def: flow.definitions.get(id)!,
    config: flow.configs.get(id),
  }));
  await recorder.started(nodes.map((n) => ({ id: n.id, type: n.def.type })));
  const states = new Map<string, unknown>();
  let failed = false;
  let outcome: RunOutcome | null = null;
  try {
    for (const n of nodes) if (n.def.open) states.set(n.id, await n.def.open(deps.contextFor(n.id), n.config));
    // In plan order: a record retried at the binding and failing at the sink is queued there, then
    // not retried again in this run (it was marked before the run began).
    for (const entry of nodes) {
      // A record that failed at its source (it could not be stored) goes on from the source's output.
      const atSource = entry.def.category === 'source';
      const downstream = reachableFrom(entry.id, flow, nodes);
      const path = atSource ? downstream : [entry, ...downstream];
      const lanes = new Map<string, NodeLane>();
      for await (const records of take(entry.id)) {
        if (deps.signal.aborted) {
          outcome = { status: 'stopped', error: 'Stopped by an operator.', connectionFailure: false };
          break;
        }
        for (const n of path) await recorder.nodeState(n.id, 'running', null);
        const r = await pushPage(flow, entry.id, records, path, states, { ...deps, options: {} }, lanes, !atSource);
        if (r.connectionFailure) {
          // Nothing of this page is recorded: its records stay open for the next retry.
          outcome = {
            status: 'failed',
            error: `Paused on a connection failure: ${r.connectionFailure} The records not retried stay open.`,
            connectionFailure: true,
          };
          break;
        }
        failed ||= r.failed;
        await recorder.page(r.summaries, null);
      }
      if (outcome) break;
    }
  } catch (e) {
    outcome = { status: 'failed', error: e instanceof Error ? e.message : String(e), connectionFailure: false };
  } finally {
    for (const n of nodes)
      if (n.def.close && states.has(n.id)) await n.def.close(states.get(n.id)).catch(() => undefined);
  }
  outcome ??= { status: failed ? 'completed-with-errors' : 'succeeded', error: null, connectionFailure: false };
  for (const n of nodes) await recorder.nodeState(n.id, outcome.status === 'failed' ? 'failed' : 'done', null);
  await recorder.finished(outcome.status, outcome.error);
  return outcome;
}
