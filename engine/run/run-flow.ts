// runFlow: streams every source's pages through the graph in plan order.
//
//   source ──page──▶ [prefetch queue, 1 page] ──▶ node ─▶ node ─▶ sink
//                                                   │ counters, failures → RunRecorder
//                                                   └ the page's outcomes and watermark commit together, in page order
//
// Memory is bounded by a few pages in flight plus one prefetched per source,
// whatever the volume. The engine knows ports and categories, never node kinds:
// no `switch (node.type)` here.
import type { AnyNodeDefinition, FlowRecord, NodeContext, SourcePage } from '../../nodes/define-node';
import { intervalMs, splitPortRef } from '../../flow/flow-document';
import type { ValidFlow } from '../../flow/validate-flow';
import type { NodeBatchResult, RunRecorder, RunStatus } from '../record/run-recorder';
import { findEchoes, type EchoLedger } from './echo';
import { observed, prefetch } from './prefetch';
import { NodeLane, pagesAtOnce, prepareAhead } from './node-lane';
import { CommitUnit } from './commit-unit';
import { pacedReading, slowestPace } from './paced-pages';
import { pushPage, type PlannedNode } from './push-page';
import { isConnectionFailure, type RetryPolicy } from './retry';
import { clipToRange, rebatch, startingPoint, type DateRange } from './run-window';
import { setAsideUnstorable } from './unstorable-records';

/** How a run differs from a plain scheduled run (seed §6.1 utility flows). */
export interface RunOptions {
  /** Bulk load by date range (DR), or one slice of a split load (DRS). */
  range?: DateRange;
  /** `bind-only`: the binding utility — match existing records, write nothing. */
  mode?: 'sync' | 'bind-only';
  /** Records per batch of a bulk load (seed §6.1 DR). */
  batchSize?: number;
  /** A single run of chosen records (seed §6.1): only source records with these keys go on. */
  records?: string[];
  /** Remember this run's writes so the reverse flow of a bi-directional pair skips them. */
  rememberEchoes?: boolean;
  /**
   * A review run (issue 14): records parked at a binding node and decided by support, by that
   * node's id. They enter there and go through the rest of the flow; no source is read.
   */
  replay?: Map<string, FlowRecord[]>;
}

export interface RunDeps {
  recorder: RunRecorder;
  /** Builds the context a node runs with (connections, cross-reference, logger…). */
  contextFor(nodeId: string): NodeContext;
  /** Where each source starts: the watermark committed by earlier runs (or by this run before a crash). */
  watermark(nodeId: string): Promise<string | null>;
  /** Aborted by an operator's stop: the run ends at the next page boundary. */
  signal: AbortSignal;
  options?: RunOptions;
  /** Weft's own earlier writes, to drop their echoes at sources. */
  echoes?: EchoLedger;
  retry?: RetryPolicy;
}

export interface RunOutcome {
  status: RunStatus;
  error: string | null;
  /** The run ended because a connection stayed down after the retries (stop policy "after a connection failure"). */
  connectionFailure: boolean;
}

/**
 * Ends a run as failed from outside its own code path: the worker aborts the run's
 * signal with one when an error escaped the run (an unhandled rejection or an
 * uncaught exception inside it), so the run ends at its next boundary and says why.
 */
export class RunFault extends Error {}

class StopRun extends Error {
  constructor(
    message: string,
    readonly connection = false,
  ) {
    super(message);
  }
}

function noteOf(def: AnyNodeDefinition, state: unknown): string | null {
  try {
    return def.note?.(state) ?? null;
  } catch {
    return null; // a remark must never fail a run
  }
}

export async function runFlow(flow: ValidFlow<AnyNodeDefinition>, deps: RunDeps): Promise<RunOutcome> {
  const { recorder } = deps;
  const nodes = flow.order.map((id) => ({ id, def: flow.definitions.get(id)!, config: flow.configs.get(id) }));
  await recorder.started(nodes.map((n) => ({ id: n.id, type: n.def.type })));
  const states = new Map<string, unknown>();
  /** Remarks nodes leave when the run ends (a mapped field empty on every record), kept as the node's status. */
  const notes = new Map<string, string | null>();
  let anyFailed = false;
  let outcome: RunOutcome;
  try {
    for (const n of nodes) if (n.def.open) states.set(n.id, await n.def.open(deps.contextFor(n.id), n.config));
    if (deps.options?.replay) anyFailed = (await runReplay(flow, deps.options.replay, nodes, states, deps)).failed;
    else
      for (const source of nodes.filter((n) => n.def.category === 'source')) {
        const r = await runSource(flow, source, nodes, states, deps);
        anyFailed ||= r.failed;
      }
    outcome = { status: anyFailed ? 'completed-with-errors' : 'succeeded', error: null, connectionFailure: false };
  } catch (e) {
    if (deps.signal.reason instanceof RunFault)
      outcome = { status: 'failed', error: deps.signal.reason.message, connectionFailure: false };
    else if (e instanceof StopRun)
      outcome = {
        status: deps.signal.aborted && !e.connection ? 'stopped' : 'failed',
        error: e.message || null,
        connectionFailure: e.connection,
      };
    else outcome = { status: 'failed', error: e instanceof Error ? e.message : String(e), connectionFailure: false };
  } finally {
    for (const n of nodes) if (n.def.note && states.has(n.id)) notes.set(n.id, noteOf(n.def, states.get(n.id)));
    for (const n of nodes)
      if (n.def.close && states.has(n.id)) await n.def.close(states.get(n.id)).catch(() => undefined);
  }
  for (const n of nodes)
    await recorder.nodeState(n.id, outcome.status === 'failed' ? 'failed' : 'done', notes.get(n.id) ?? null);
  await recorder.finished(outcome.status, outcome.error);
  return outcome;
}

/**
 * Pages in flight per source: page k+1 is bound while page k is written, plus the
 * pages a node may take at once (`pagesAtOnce`) and the pages a node looks up
 * ahead (`prepareAhead`: without room for them they would take the sink's);
 * back-pressure beyond that, so memory stays a few pages whatever the volume.
 */
function pagesInFlight(downstream: PlannedNode[]): number {
  return (
    2 +
    Math.max(1, ...downstream.map((n) => pagesAtOnce(n.def))) +
    Math.max(0, ...downstream.map((n) => prepareAhead(n.def)))
  );
}

async function runSource(
  flow: ValidFlow<AnyNodeDefinition>,
  source: PlannedNode,
  nodes: PlannedNode[],
  states: Map<string, unknown>,
  deps: RunDeps,
): Promise<{ failed: boolean }> {
  const { recorder } = deps;
  const downstream = reachableFrom(source.id, flow, nodes);
  const ctx = deps.contextFor(source.id);
  const range = deps.options?.range ?? null;
  const only = deps.options?.records?.length ? new Set(deps.options.records) : null;
  const start = startingPoint(await deps.watermark(source.id), intervalMs(flow.doc.settings.overlap ?? '0s'), range);
  await recorder.nodeState(source.id, 'running', null);
  for (const n of downstream) await recorder.nodeState(n.id, 'running', null);
  if (source.def.category !== 'source') throw new Error(`"${source.id}" is not a source`);
  // A rate-limited sink after this source: smaller pages, fewer held (paced-pages.ts).
  const paced = pacedReading(source.config, slowestPace(downstream, states), pagesInFlight(downstream));
  const read = numbered(source, source.def.read(ctx, paced.config, states.get(source.id), start), deps.signal);
  const pages = prefetch<SourcePage>(rebatch(read, deps.options?.batchSize), 1);

  // Each node takes pages in page order (one at a time unless it declares
  // `pagesAtOnce`), and different nodes work on different pages at once. Pages
  // commit in page order (`commitTail`): a watermark never passes a page not fully recorded.
  // A paced run commits its pages in units (paced-pages.ts); else each page is a unit.
  const lanes = new Map<string, NodeLane>();
  // Every node's lane from the start: each must learn how many pages the run read, even one no page reached yet.
  for (const n of downstream)
    if (n.def.category !== 'source')
      lanes.set(n.id, new NodeLane(pagesAtOnce(n.def), prepareAhead(n.def), paced.unitPages > 1));
  // In units, each node taking several pages at once may keep its latest page waiting for the next one
  // (page-turns.ts): room for one more page than those, so the next page can always come.
  const carriers = downstream.filter((n) => pagesAtOnce(n.def) > 1).length;
  const maxInFlight = paced.unitPages > 1 ? Math.max(paced.maxInFlight, carriers + 1) : paced.maxInFlight;
  const unit = new CommitUnit();
  let pagesRead = 0;
  let commitTail: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  let failed = false;
  // A stop ends the reading; pages already in flight finish and commit (an operator's
  // stop or the stop policy never throws away work that was done)…
  let stop: StopRun | null = null;
  // …except after a connection failure, when nothing after the failed page commits.
  let connectionLost = false;

  try {
    // One page's start: its own function, so its records are not held by this loop's frame while the loop
    // waits (issue 19: an async function keeps every local across an await, and a page waiting 40 s at a
    // rate-limited sink kept its source records alive in each of 200 runs).
    const startPage = async (page: SourcePage) => {
      const clipped = clipToRange(only ? page.records.filter((r) => only.has(r.key)) : page.records, range);
      // The page object is also held by the generators that read it (until they read the next one): it keeps
      // no records from here on, so they are free once the nodes after the source are done with them.
      page.records = [];
      const echoes = deps.echoes ? await findEchoes(deps.echoes, clipped.inside) : new Set();
      const fresh = echoes.size ? clipped.inside.filter((r) => !echoes.has(r)) : clipped.inside;
      const { kept: records, failures } = setAsideUnstorable(fresh);
      const outcomes = {
        passed: records.length,
        ...(echoes.size ? { skipped: echoes.size } : {}),
        ...(failures.length ? { failed: failures.length } : {}),
      };
      const sourceSummary: NodeBatchResult = {
        nodeId: source.id,
        inCount: clipped.inside.length,
        outCount: records.length,
        outcomes,
        failures,
        passedKeys: records.map((r) => r.key),
      };
      const lastOfUnit = ++pagesRead % paced.unitPages === 0;
      const place = paced.unitPages > 1 ? { page: pagesRead, lastOfUnit } : undefined;
      // Awaited only when the pages before it have committed: observed now, so a failure meanwhile is not "unhandled".
      const done = observed(pushPage(flow, source.id, records, downstream, states, deps, lanes, false, place));
      const watermark = page.watermark;
      const committed = (commitTail = commitTail.then(async () => {
        const r = await done;
        // After a connection failure no later page commits, even if it got through.
        if (connectionLost) return;
        if (r.connectionFailure) {
          // This page was not (wholly) written: keep the watermark before it, so the next
          // run reads it again (seed §6.3: a stopped flow must catch up, not skip).
          connectionLost = true;
          unit.discard(); // the next run reads the unit again from its first page, cutting the same batch calls
          stop = new StopRun(
            `Paused on a connection failure: ${r.connectionFailure} No record was skipped; the next run continues from here.`,
            true,
          );
          return;
        }
        failed ||= r.failed || failures.length > 0;
        unit.add([sourceSummary, ...r.summaries], watermark !== null ? { nodeId: source.id, value: watermark } : null);
        if (lastOfUnit) await unit.commit(recorder);
        if ((r.failed || failures.length > 0) && flow.doc.settings.stopPolicy === 'every-error')
          stop ??= new StopRun("Stopped after an error, as the flow's stop policy says.");
      }));
      return { committed, rangeEnds: clipped.done && !page.unordered };
    };
    try {
      for await (const page of pages) {
        if (stop) break;
        const { committed, rangeEnds } = await startPage(page);
        inFlight.add(committed);
        void committed.finally(() => inFlight.delete(committed)).catch(() => undefined);
        if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
        if (rangeEnds) break; // the date range ends inside this page
        if (deps.signal.aborted && !stop) stop = new StopRun('Stopped by an operator.');
      }
    } finally {
      // No page comes after these: the last one hands nothing on (page-turns.ts).
      for (const lane of lanes.values()) lane.end(pagesRead);
    }
  } catch (e) {
    // The source could not read a page (after its connector's retries): the pages read
    // before it still finish and commit, so the next run starts at the failed page.
    if (e instanceof SourceReadFailure) {
      await commitTail;
      await unit.commit(recorder);
      throw stop ?? e;
    }
    throw e;
  }
  await commitTail;
  await unit.commit(recorder); // a unit the reading ended inside (the source's last pages, a stop)
  if (deps.signal.aborted && !stop) stop = new StopRun('Stopped by an operator.');
  if (stop) throw stop;
  return { failed };
}

/** A review run: each node's decided records as one page entering at that node; no watermark moves. */
async function runReplay(
  flow: ValidFlow<AnyNodeDefinition>,
  replay: Map<string, FlowRecord[]>,
  nodes: PlannedNode[],
  states: Map<string, unknown>,
  deps: RunDeps,
): Promise<{ failed: boolean }> {
  let failed = false;
  for (const [nodeId, records] of replay) {
    const entry = nodes.find((n) => n.id === nodeId);
    if (!entry || records.length === 0) continue;
    const downstream = [entry, ...reachableFrom(nodeId, flow, nodes)];
    for (const n of downstream) await deps.recorder.nodeState(n.id, 'running', null);
    const r = await pushPage(flow, nodeId, records, downstream, states, deps, new Map(), true);
    if (r.connectionFailure)
      throw new StopRun(
        `Paused on a connection failure: ${r.connectionFailure} Support's decisions are kept; ` +
          'start the review run again from the review queue once the connection is back.',
        true,
      );
    failed ||= r.failed;
    await deps.recorder.page(r.summaries, null);
  }
  return { failed };
}

/** A page the source could not read: the run pauses (connection failures) or fails, naming the source and the page. */
class SourceReadFailure extends StopRun {}

/** The source's pages as it reads them; a failed read names its source and page (1 = the first this run read). */
async function* numbered(
  source: PlannedNode,
  pages: AsyncIterable<SourcePage>,
  signal: AbortSignal,
): AsyncGenerator<SourcePage> {
  let n = 0;
  try {
    for await (const page of pages) {
      n++;
      yield page;
    }
  } catch (e) {
    if (signal.aborted) throw new StopRun('Stopped by an operator.'); // the read was cut short by the stop itself
    const why = e instanceof Error ? e.message : String(e);
    const what = `${source.def.title} "${source.id}" could not read page ${n + 1}: ${why}`;
    if (isConnectionFailure(e))
      throw new SourceReadFailure(
        `Paused on a connection failure: ${what} The pages before it were saved; the next run continues from page ${n + 1}.`,
        true,
      );
    throw new SourceReadFailure(
      `${what} The pages before it were saved; fix the cause, then run the flow again: it continues from page ${n + 1}.`,
    );
  }
}

/** Nodes fed (directly or not) by this source, in plan order. */
export function reachableFrom(
  sourceId: string,
  flow: ValidFlow<AnyNodeDefinition>,
  nodes: PlannedNode[],
): PlannedNode[] {
  const reach = new Set([sourceId]);
  for (const n of nodes) {
    if (flow.doc.edges.some((e) => reach.has(splitPortRef(e.from).node) && splitPortRef(e.to).node === n.id))
      reach.add(n.id);
  }
  return nodes.filter((n) => n.id !== sourceId && reach.has(n.id));
}
