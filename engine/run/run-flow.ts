// runFlow: streams every source's pages through the graph in plan order.
//
//   source ──page──▶ [prefetch queue, 1 page] ──▶ node ─▶ node ─▶ sink
//                                                   │ counters, failures → RunRecorder
//                                                   └ watermark moves only after the whole page is recorded
//
// Memory is bounded by one page in flight plus one prefetched per source, whatever
// the volume. The engine knows ports and categories, never node kinds: no
// `switch (node.type)` here.
import type { AnyNodeDefinition, FlowRecord, NodeContext, RecordResult, SourcePage } from '../../nodes/define-node';
import { splitPortRef } from '../graph/flow-document';
import type { ValidFlow } from '../graph/validate-flow';
import type { NodeBatchResult, RunRecorder, RunStatus } from '../record/run-recorder';
import { prefetch } from './prefetch';

export interface RunDeps {
  recorder: RunRecorder;
  /** Builds the context a node runs with (connections, cross-reference, logger…). */
  contextFor(nodeId: string): NodeContext;
  /** Where each source starts: the watermark committed by earlier runs. */
  watermark(nodeId: string): Promise<string | null>;
  /** Aborted by an operator's stop: the run ends at the next page boundary. */
  signal: AbortSignal;
}

export interface RunOutcome {
  status: RunStatus;
  error: string | null;
}

class StopRun extends Error {}

export async function runFlow(flow: ValidFlow, deps: RunDeps): Promise<RunOutcome> {
  const { recorder } = deps;
  const nodes = flow.order.map((id) => ({ id, def: flow.definitions.get(id)!, config: flow.configs.get(id) }));
  await recorder.started(nodes.map((n) => ({ id: n.id, type: n.def.type })));
  const states = new Map<string, unknown>();
  let anyFailed = false;
  let outcome: RunOutcome;
  try {
    for (const n of nodes) if (n.def.open) states.set(n.id, await n.def.open(deps.contextFor(n.id), n.config));
    for (const source of nodes.filter((n) => n.def.category === 'source')) {
      const r = await runSource(flow, source, nodes, states, deps);
      anyFailed ||= r.failed;
    }
    outcome = { status: anyFailed ? 'completed-with-errors' : 'succeeded', error: null };
  } catch (e) {
    if (e instanceof StopRun) outcome = { status: deps.signal.aborted ? 'stopped' : 'failed', error: e.message || null };
    else outcome = { status: 'failed', error: e instanceof Error ? e.message : String(e) };
  } finally {
    for (const n of nodes) if (n.def.close && states.has(n.id)) await n.def.close(states.get(n.id)).catch(() => undefined);
  }
  for (const n of nodes) await recorder.nodeState(n.id, outcome.status === 'failed' ? 'failed' : 'done', null);
  await recorder.finished(outcome.status, outcome.error);
  return outcome;
}

type PlannedNode = { id: string; def: AnyNodeDefinition; config: unknown };

/** Pages in flight per source: page k+1 is bound while page k is written (back-pressure beyond that). */
const PAGES_IN_FLIGHT = 3;

async function runSource(
  flow: ValidFlow,
  source: PlannedNode,
  nodes: PlannedNode[],
  states: Map<string, unknown>,
  deps: RunDeps,
): Promise<{ failed: boolean }> {
  const { recorder } = deps;
  const downstream = reachableFrom(source.id, flow, nodes);
  const ctx = deps.contextFor(source.id);
  const start = await deps.watermark(source.id);
  await recorder.nodeState(source.id, 'running', null);
  for (const n of downstream) await recorder.nodeState(n.id, 'running', null);
  if (source.def.category !== 'source') throw new Error(`"${source.id}" is not a source`);
  const pages = prefetch<SourcePage>(source.def.read(ctx, source.config, states.get(source.id), start), 1);

  // Each node takes one page at a time, in page order (`nodeTail`), but different
  // nodes work on different pages at once. Watermarks commit in page order, each
  // only after every node has recorded that page (`commitTail`).
  const nodeTail = new Map<string, Promise<unknown>>();
  let commitTail: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  let failed = false;
  // A stop ends the reading; pages already in flight finish and commit (an operator's
  // stop or the stop policy never throws away work that was done)…
  let stop: StopRun | null = null;
  // …except after a connection failure, when nothing after the failed page commits.
  let connectionLost = false;

  for await (const page of pages) {
    if (stop) break;
    await recorder.batch({ nodeId: source.id, inCount: page.records.length, outCount: page.records.length, outcomes: { passed: page.records.length }, failures: [] });
    const done = pushPage(flow, source.id, page.records, downstream, states, deps, nodeTail);
    const committed = (commitTail = commitTail.then(async () => {
      const r = await done;
      failed ||= r.failed;
      // After a connection failure no later page commits, even if it got through.
      if (connectionLost) return;
      if (r.connectionFailure) {
        // This page was not written: keep the watermark before it, so the next run
        // reads it again (seed §6.3: a stopped flow must catch up, not skip).
        connectionLost = true;
        stop = new StopRun(`Stopped: ${r.connectionFailure}`);
        return;
      }
      if (page.watermark !== null) await recorder.watermark(source.id, page.watermark);
      if (r.failed && flowStopPolicy(flow) === 'every-error') stop = new StopRun("Stopped after an error, as the flow's stop policy says.");
    }));
    inFlight.add(committed);
    void committed.finally(() => inFlight.delete(committed)).catch(() => undefined);
    if (inFlight.size >= PAGES_IN_FLIGHT) await Promise.race(inFlight);
    if (deps.signal.aborted && !stop) stop = new StopRun('Stopped by an operator.');
  }
  await commitTail;
  if (deps.signal.aborted && !stop) stop = new StopRun('Stopped by an operator.');
  if (stop) throw stop;
  return { failed };
}

function flowStopPolicy(flow: ValidFlow): string {
  return flow.doc.settings.stopPolicy;
}

/** Nodes fed (directly or not) by this source, in plan order. */
function reachableFrom(sourceId: string, flow: ValidFlow, nodes: PlannedNode[]): PlannedNode[] {
  const reach = new Set([sourceId]);
  for (const n of nodes) {
    if (flow.doc.edges.some((e) => reach.has(splitPortRef(e.from).node) && splitPortRef(e.to).node === n.id)) reach.add(n.id);
  }
  return nodes.filter((n) => n.id !== sourceId && reach.has(n.id));
}

/** Moves one page through the downstream nodes, in plan order. */
async function pushPage(
  flow: ValidFlow,
  sourceId: string,
  records: FlowRecord[],
  downstream: PlannedNode[],
  states: Map<string, unknown>,
  deps: RunDeps,
  nodeTail: Map<string, Promise<unknown>>,
): Promise<{ failed: boolean; connectionFailure: string | null }> {
  const inbox = new Map<string, FlowRecord[]>();
  route(flow, sourceId, 'out', records, inbox);
  let failed = false;
  let connectionFailure: string | null = null;
  for (const n of downstream) {
    const batch = inbox.get(n.id) ?? [];
    inbox.delete(n.id);
    if (batch.length === 0 || n.def.category === 'source') continue;
    // Wait for this node to finish the previous page: one batch per node at a time, in order.
    const turn = (nodeTail.get(n.id) ?? Promise.resolve()).then(() => processSafely(n, batch, states.get(n.id), deps.contextFor(n.id)));
    nodeTail.set(n.id, turn.catch(() => undefined));
    const results = await turn;
    const summary: NodeBatchResult = { nodeId: n.id, inCount: batch.length, outCount: 0, outcomes: {}, failures: [] };
    const byPort = new Map<string, FlowRecord[]>();
    for (const r of results) {
      summary.outcomes[r.outcome] = (summary.outcomes[r.outcome] ?? 0) + 1;
      if (r.outcome === 'failed') {
        failed = true;
        const failure = r.failure ?? { code: 'weft.unknown', message: `Record ${r.record.key} failed without a reason.` };
        summary.failures.push({ record: r.record, failure });
        if (failure.connection) connectionFailure ??= failure.message;
      }
      if (r.port) {
        summary.outCount++;
        byPort.set(r.port, [...(byPort.get(r.port) ?? []), r.record]);
      }
    }
    await deps.recorder.batch(summary);
    for (const [port, recs] of byPort) route(flow, n.id, port, recs, inbox);
  }
  return { failed, connectionFailure };
}

function route(flow: ValidFlow, fromNode: string, port: string, records: FlowRecord[], inbox: Map<string, FlowRecord[]>): void {
  const from = `${fromNode}:${port}`;
  for (const e of flow.doc.edges) {
    if (e.from !== from) continue;
    const to = splitPortRef(e.to).node;
    const list = inbox.get(to);
    if (list) list.push(...records);
    else inbox.set(to, [...records]);
  }
}

/**
 * One result per input record, whatever the node does: a node that throws fails
 * the whole batch with its message; a node that forgets records fails them too.
 */
async function processSafely(n: PlannedNode, batch: FlowRecord[], state: unknown, ctx: NodeContext): Promise<RecordResult[]> {
  if (n.def.category === 'source') return [];
  let results: RecordResult[];
  try {
    results = await n.def.process(ctx, n.config, state, batch);
  } catch (e) {
    const err = e as Error & { connection?: boolean; kind?: string };
    const connection = err.connection === true || ['network', 'auth', 'throttle', 'rate-limit', 'server'].includes(err.kind ?? '');
    return batch.map((record) => ({
      record,
      outcome: 'failed' as const,
      failure: { code: 'weft.node-error', message: `${n.def.title} "${n.id}" could not process this batch: ${err.message}`, connection, action: connection ? 'Check the connection, then run the flow again; nothing was skipped.' : undefined },
    }));
  }
  if (results.length !== batch.length) {
    const seen = new Set(results.map((r) => r.record.key));
    for (const record of batch) {
      if (!seen.has(record.key)) results.push({ record, outcome: 'failed', failure: { code: 'weft.lost', message: `${n.def.title} "${n.id}" returned no result for record ${record.key}.` } });
    }
  }
  return results;
}
