// Moves one page of records through the nodes downstream of its source, in plan
// order; each node takes pages in page order through its lane (`node-lane.ts`:
// one at a time unless the node declares `pagesAtOnce`), so different nodes work
// on different pages at once (run-flow.ts pipelines pages).
// Transient connection failures are retried here with backoff and jitter; records
// that still cannot get through are not failed: the page is left uncommitted and
// read again by the next run (issue 6: connection failures pause, not fail).
import type { AnyNodeDefinition, FlowRecord, NodeContext, PageTurn, RecordResult } from '../../nodes/define-node';
import { splitPortRef } from '../../flow/flow-document';
import type { ValidFlow } from '../../flow/validate-flow';
import type { NodeBatchResult, RunRecorder } from '../record/run-recorder';
import { echoEntity, echoOfWrite, type EchoLedger, type EchoWrite } from './echo';
import { unsentFields } from '../../nodes/core/kept-answer';
import { NodeLane, pagesAtOnce, prepareAhead, type PagePlace, type Prepared } from './node-lane';
import { backoffMs, DEFAULT_RETRY, isConnectionFailure, pause, type RetryPolicy } from './retry';

/**
 * What pushing a page needs of its run: the part of runFlow's `RunDeps` used here,
 * declared here so that run-flow.ts and this file do not import each other.
 */
export interface PageDeps {
  recorder: RunRecorder;
  contextFor(nodeId: string): NodeContext;
  signal: AbortSignal;
  options?: { mode?: 'sync' | 'bind-only'; rememberEchoes?: boolean };
  echoes?: EchoLedger;
  retry?: RetryPolicy;
}

export type PlannedNode = { id: string; def: AnyNodeDefinition; config: unknown };

export interface PageResult {
  summaries: NodeBatchResult[];
  failed: boolean;
  /** Set when records could not get through even after the retries. */
  connectionFailure: string | null;
}

/**
 * Not async itself: the page's records go into the inbox here, and the async part below holds only what is
 * still to be done (issue 19: an async function's frame keeps its parameters until it returns, so the
 * source's records stayed alive while the page waited at a rate-limited sink).
 */
export function pushPage(
  flow: ValidFlow<AnyNodeDefinition>,
  sourceId: string,
  records: FlowRecord[],
  downstream: PlannedNode[],
  states: Map<string, unknown>,
  deps: PageDeps,
  lanes: Map<string, NodeLane>,
  /** The records enter at `sourceId` itself (a review run replays them at their binding), not after it. */
  enter = false,
  unit?: PagePlace,
): Promise<PageResult> {
  const inbox = new Map<string, FlowRecord[]>();
  try {
    if (enter) inbox.set(sourceId, [...records]);
    else route(flow, sourceId, 'out', records, inbox);
  } catch (e) {
    if (unit) passBy(downstream, new Set(), lanes, unit.page);
    return Promise.reject(e); // as an async function would: callers observe the promise
  }
  if (!unit) return throughNodes(flow, inbox, downstream, states, deps, lanes, undefined, new Set());
  const reached = new Set<string>();
  return throughNodes(flow, inbox, downstream, states, deps, lanes, unit, reached).finally(() =>
    passBy(downstream, reached, lanes, unit.page),
  );
}

/** The nodes this page did not reach learn it passed them by (page-turns.ts: the page before hands nothing on). */
function passBy(downstream: PlannedNode[], reached: Set<string>, lanes: Map<string, NodeLane>, page: number): void {
  for (const n of downstream) if (n.def.category !== 'source' && !reached.has(n.id)) laneOf(n, lanes, true).pass(page);
}

function laneOf(n: PlannedNode, lanes: Map<string, NodeLane>, units: boolean): NodeLane {
  let lane = lanes.get(n.id);
  if (!lane) lanes.set(n.id, (lane = new NodeLane(pagesAtOnce(n.def), prepareAhead(n.def), units)));
  return lane;
}

async function throughNodes(
  flow: ValidFlow<AnyNodeDefinition>,
  inbox: Map<string, FlowRecord[]>,
  downstream: PlannedNode[],
  states: Map<string, unknown>,
  deps: PageDeps,
  lanes: Map<string, NodeLane>,
  unit: PagePlace | undefined,
  reached: Set<string>,
): Promise<PageResult> {
  const out: PageResult = { summaries: [], failed: false, connectionFailure: null };
  const bindOnly = deps.options?.mode === 'bind-only';
  for (const n of downstream) {
    const batch = inbox.get(n.id) ?? [];
    inbox.delete(n.id);
    // A binding utility run (seed §6.1) matches and records bindings, and writes nothing.
    if (batch.length === 0 || n.def.category === 'source' || (bindOnly && n.def.category === 'sink')) continue;
    const ctx = deps.contextFor(n.id);
    // This node's turn: after the previous page started here (and ended, unless the node takes several at once).
    const lane = laneOf(n, lanes, unit !== undefined);
    reached.add(n.id);
    // A node's `prepare` (lookups only) may run while earlier pages are still in its `process`.
    const def = n.def; // a process node here (sources were skipped above)
    const prepare = def.prepare ? () => def.prepare!(ctx, n.config, states.get(n.id), batch) : undefined;
    const results = await lane.run(
      () => batch.map((r) => r.key),
      (prepared, turn) => processWithRetry(n, batch, states.get(n.id), ctx, deps, prepared, turn),
      prepare,
      unit,
    );
    const summary: NodeBatchResult = {
      nodeId: n.id,
      inCount: batch.length,
      outCount: 0,
      outcomes: {},
      failures: [],
      passedKeys: [],
    };
    const byPort = new Map<string, FlowRecord[]>();
    for (const r of results) {
      if (r.outcome === 'failed' && r.failure?.connection) {
        out.connectionFailure ??= r.failure.message;
        continue; // not a failure of the record: it goes through on the next run
      }
      summary.outcomes[r.outcome] = (summary.outcomes[r.outcome] ?? 0) + 1;
      if (r.outcome === 'review' && r.review) (summary.reviews ??= []).push({ record: r.record, review: r.review });
      if (r.outcome === 'failed') {
        out.failed = true;
        summary.failures.push({
          record: r.record,
          failure: r.failure ?? { code: 'weft.unknown', message: `Record ${r.record.key} failed without a reason.` },
        });
      } else summary.passedKeys!.push(r.record.key);
      if (r.port) {
        summary.outCount++;
        const list = byPort.get(r.port);
        if (list) list.push(r.record);
        else byPort.set(r.port, [r.record]);
      }
    }
    out.summaries.push(summary);
    if (out.connectionFailure) return out; // later nodes would only see a part of the page
    if (bindOnly && n.def.category === 'binding') await recordMatches(results, ctx);
    if (n.def.category === 'sink' && deps.options?.rememberEchoes && deps.echoes)
      await deps.echoes.remember(echoWrites(results));
    for (const [port, recs] of byPort) route(flow, n.id, port, recs, inbox);
  }
  return out;
}

/** Retries only the records that met a connection failure, showing the wait on the node. */
async function processWithRetry(
  n: PlannedNode,
  batch: FlowRecord[],
  state: unknown,
  ctx: NodeContext,
  deps: PageDeps,
  prepared?: Prepared<unknown>,
  turn?: PageTurn,
): Promise<RecordResult[]> {
  const policy = deps.retry ?? DEFAULT_RETRY;
  // The first attempt only has the page's turn: a retry writes the records that met a connection failure alone.
  let results = await processSafely(n, batch, state, ctx, prepared, turn);
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    const lost = results.filter((r) => r.outcome === 'failed' && r.failure?.connection);
    if (lost.length === 0 || deps.signal.aborted) break;
    const wait = backoffMs(policy, attempt);
    await deps.recorder.nodeState(
      n.id,
      'waiting',
      `waiting: ${lost[0].failure!.message} — retry ${attempt} of ${policy.attempts} in ${Math.ceil(wait / 1000)} s`,
    );
    if (!(await pause(wait, deps.signal))) break;
    const again = await processSafely(
      n,
      lost.map((r) => r.record),
      state,
      ctx,
    );
    const retried = new Set(lost);
    results = [...results.filter((r) => !retried.has(r)), ...again];
    await deps.recorder.nodeState(n.id, 'running', null);
  }
  return results;
}

/** Binding utility: matches found by a match rule become cross-references, without writing. */
async function recordMatches(results: RecordResult[], ctx: NodeContext): Promise<void> {
  const groups = new Map<
    string,
    {
      target: Parameters<NodeContext['xref']['bind']>[0];
      pairs: { sourceKey: string; targetId: string; version?: string }[];
    }
  >();
  for (const r of results) {
    const b = r.record.meta.binding;
    if (r.outcome !== 'passed' || !b?.targetId || b.matchedBy !== 'match-rule') continue;
    const s = r.record.meta.source;
    const target = {
      connection: b.connection ?? b.system,
      entity: b.entity,
      sourceConnection: s.connection ?? s.system,
      sourceEntity: s.entity,
    };
    const k = `${target.connection}|${target.entity}|${target.sourceConnection}|${target.sourceEntity}`;
    const g = groups.get(k) ?? { target, pairs: [] };
    g.pairs.push({ sourceKey: r.record.key, targetId: b.targetId, version: b.version });
    groups.set(k, g);
  }
  for (const g of groups.values()) await ctx.xref.bind(g.target, g.pairs);
}

function echoWrites(results: RecordResult[]): EchoWrite[] {
  const writes: EchoWrite[] = [];
  for (const r of results) {
    const b = r.record.meta.binding;
    if ((r.outcome !== 'created' && r.outcome !== 'updated') || !b?.targetId) continue;
    const echo = echoOfWrite(r.record.data, unsentFields(r.record), r.record.meta.saved);
    if (echo)
      writes.push({ connection: b.connection ?? b.system, entity: echoEntity(b.entity), key: b.targetId, ...echo });
  }
  return writes;
}

function route(
  flow: ValidFlow<AnyNodeDefinition>,
  fromNode: string,
  port: string,
  records: FlowRecord[],
  inbox: Map<string, FlowRecord[]>,
): void {
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
 * One result per input record, whatever the node does (`prepared`: its `prepare`'s outcome for
 * this batch, on the first attempt only): a node that throws fails
 * the whole batch with its message; a node that forgets records fails them too.
 */
async function processSafely(
  n: PlannedNode,
  batch: FlowRecord[],
  state: unknown,
  ctx: NodeContext,
  prepared?: Prepared<unknown>,
  turn?: PageTurn,
): Promise<RecordResult[]> {
  if (n.def.category === 'source') return [];
  let results: RecordResult[];
  try {
    // A failed prepare fails the batch as a throw from process would (retries then read afresh).
    if (prepared && !prepared.ok) throw prepared.error;
    results = await n.def.process(ctx, n.config, state, batch, prepared?.value, turn);
  } catch (e) {
    const err = e as Error;
    const connection = isConnectionFailure(e);
    return batch.map((record) => ({
      record,
      outcome: 'failed' as const,
      failure: {
        code: 'weft.node-error',
        message: `${n.def.title} "${n.id}" could not process this batch: ${err.message}`,
        connection,
        action: connection ? 'Check the connection, then run the flow again; nothing was skipped.' : undefined,
      },
    }));
  }
  if (results.length !== batch.length) {
    const seen = new Set(results.map((r) => r.record.key));
    for (const record of batch) {
      if (!seen.has(record.key))
        results.push({
          record,
          outcome: 'failed',
          failure: {
            code: 'weft.lost',
            message: `${n.def.title} "${n.id}" returned no result for record ${record.key}.`,
          },
        });
    }
  }
  return results;
}
