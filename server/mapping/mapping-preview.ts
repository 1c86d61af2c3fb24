// `mapping.preview`: the first records the flow's source reads from the beginning (its
// first run), through the draft's steps up to and including the node, reported per record:
// the mapped output, whether a filter passes it, what a binding would match. It uses the
// flow's connections through the server, and only reads: requests that could change data
// are refused (read-only-fetch.ts), cross-reference bindings are looked up but never
// stored, no watermark is read or moved, and nothing is recorded in the run ledger.
import type { FlowDocument } from '../../flow/flow-document';
import { recordLabel } from '../../nodes/core/field-path';
import type { CrossReference, FlowRecord, NodeContext, RecordResult } from '../../nodes/define-node';
import { edgesOf, stepOf, upstreamOrder, type Step } from './flow-graph';
import type { MappingDeps } from './mapping-deps';
import { PreviewWriteRefused, readOnlyFetch } from './read-only-fetch';
import { PreviewUnavailable, type PreviewDesktop } from './preview-desktop';

export interface PreviewRow {
  /** The source record's key. */
  key: string;
  /** How the record is named ("Account \"Acme\""). */
  label: string;
  /** The record as it reached the node (as read, when it stopped before). */
  input: Record<string, unknown>;
  /** Mapping nodes: the record they produce. */
  output?: Record<string, unknown>;
  /** Filter nodes: whether the record passes. */
  passed?: boolean;
  /** Binding nodes: what the record would be bound to (read-only lookups). */
  match?: { kind: 'matched' | 'new' | 'ambiguous'; detail: string };
  /** Why the record failed at the node (or did not reach it), the field named when there is one. */
  error?: { field?: string; message: string };
}

export interface PreviewAnswer {
  rows: PreviewRow[];
  /** Why no records could be read (no connection chosen, the site did not answer, too slow). */
  sourceProblem?: string;
  /** Where the records came from when not read just now (QuickBooks Desktop without its Web Connector). */
  sourceNote?: string;
}

export const PREVIEW_TIMEOUT_MS = 15_000;

export interface PreviewDeps extends MappingDeps {
  flowId: string;
  /** Cross-reference lookups (the run store's); absent: every record looks unbound. */
  xref?: Pick<CrossReference, 'lookup' | 'sourcesOf'>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** QuickBooks Desktop's outbox as the preview uses it (preview-desktop.ts); absent: Desktop steps say so. */
  desktop?: PreviewDesktop;
}

/** Looks up, never binds: a preview leaves the cross-reference as it found it. */
function readOnlyXref(x: PreviewDeps['xref']): CrossReference {
  return {
    lookup: async (t, keys) => (x ? x.lookup(t, keys) : new Map()),
    sourcesOf: async (t, ids) => (x ? x.sourcesOf(t, ids) : new Map()),
    bind: async () => undefined,
  };
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function contextFor(nodeId: string, deps: PreviewDeps, signal: AbortSignal): NodeContext {
  const xref = readOnlyXref(deps.xref);
  const guarded = readOnlyFetch(deps.fetch ?? fetch);
  return {
    runId: 'preview',
    flowId: deps.flowId,
    nodeId,
    signal,
    log: quiet,
    now: () => new Date(),
    connection: async (id) => deps.connection(id),
    xref,
    setStatus: () => undefined,
    effectKey: (r) => `preview:${nodeId}:${r.key}`,
    fetch: guarded,
    // Steps that would create something on the way (an item for a product line) take their dry-run path:
    // the line gets a "would be created" item instead of the preview stopping at a refused write.
    dryRun: true,
    ...(deps.desktop ? { desktop: deps.desktop } : {}),
  };
}

/** Reads the first `limit` records of the source, from the beginning, then lets go of the reader. */
async function readSample(source: Step, limit: number, ctx: NodeContext): Promise<FlowRecord[]> {
  const def = source.def;
  if (!def.read) return [];
  // A smaller page where the source has one: the preview needs `limit` records, not a full page.
  const config = { ...(source.config as Record<string, unknown>) };
  if (typeof config.pageSize === 'number') config.pageSize = Math.min(config.pageSize, Math.max(limit, 10));
  const state = def.open ? await def.open(ctx, config) : undefined;
  const records: FlowRecord[] = [];
  try {
    for await (const page of def.read(ctx, config, state, null)) {
      records.push(...page.records);
      if (records.length >= limit) break;
    }
  } finally {
    if (def.close) await def.close(state).catch(() => undefined);
  }
  return records.slice(0, limit);
}

async function runStep(step: Step, batch: FlowRecord[], ctx: NodeContext): Promise<RecordResult[]> {
  const def = step.def;
  if (!def.process || batch.length === 0) return [];
  const state = def.open ? await def.open(ctx, step.config) : undefined;
  try {
    const prepared = def.prepare ? await def.prepare(ctx, step.config, state, batch) : undefined;
    return await def.process(ctx, step.config, state, batch, prepared);
  } finally {
    if (def.close) await def.close(state).catch(() => undefined);
  }
}

function stepName(step: Step): string {
  return `"${step.node.title ?? step.node.id}"`;
}

function bindingMatch(r: RecordResult): PreviewRow['match'] | undefined {
  const b = r.record.meta.binding;
  if (r.outcome === 'failed') {
    const ambiguous = /cannot tell which|several|more than one|ambiguous/i.test(r.failure?.message ?? '');
    return ambiguous ? { kind: 'ambiguous', detail: r.failure!.message } : undefined;
  }
  if (!b) return undefined;
  if (b.targetId === null) return { kind: 'new', detail: `No ${b.entity} matches: a new one would be created.` };
  const how = b.matchedBy === 'cross-reference' ? 'bound before (cross-reference)' : 'found by the match rule';
  return { kind: 'matched', detail: `${b.entity} ${b.targetId}, ${how}.` };
}

function rowAt(step: Step, r: RecordResult, input: FlowRecord): PreviewRow {
  const row: PreviewRow = { key: input.key, label: recordLabel(input), input: input.data };
  const failure = r.failure
    ? { ...(r.failure.field ? { field: r.failure.field } : {}), message: r.failure.message }
    : undefined;
  if (step.def.category === 'mapping') {
    if (r.outcome === 'passed') row.output = r.record.data;
  } else if (step.def.category === 'filter') {
    row.passed = r.outcome === 'passed';
  } else if (step.def.category === 'binding') {
    const match = bindingMatch(r);
    if (match) row.match = match;
    if (match?.kind === 'ambiguous') return row;
  } else if (r.outcome === 'passed') row.output = r.record.data;
  if (failure && r.outcome === 'failed') row.error = failure;
  return row;
}

async function simulate(doc: FlowDocument, nodeId: string, limit: number, deps: PreviewDeps, signal: AbortSignal) {
  const order = upstreamOrder(doc, nodeId);
  const steps = order.map((id) => stepOf(doc, id, deps.registry));
  const source = steps.find((s) => s?.def.category === 'source');
  if (!source)
    return { rows: [], sourceProblem: 'Nothing upstream of this step reads records: connect a source to it.' };
  for (const s of steps) if (s?.problem) return { rows: [], sourceProblem: s.problem };
  const sample = await readSample(source, limit, contextFor(source.node.id, deps, signal));
  if (sample.length === 0)
    return { rows: [], sourceProblem: `${stepName(source)} read no records: the source has none to show yet.` };

  const edges = edgesOf(doc);
  const inbox = new Map<string, FlowRecord[]>();
  const deliver = (from: string, port: string, record: FlowRecord) => {
    for (const e of edges)
      if (e.from.node === from && e.from.port === port) inbox.set(e.to.node, [...(inbox.get(e.to.node) ?? []), record]);
  };
  for (const r of sample) deliver(source.node.id, 'out', r);
  const stopped = new Map<string, PreviewRow['error']>();
  const rows = new Map<string, PreviewRow>();
  for (const step of steps) {
    if (!step || step === source) continue;
    const batch = inbox.get(step.node.id) ?? [];
    const results = await runStep(step, batch, contextFor(step.node.id, deps, signal));
    const byKey = new Map(batch.map((r) => [r.key, r]));
    for (const r of results) {
      const input = byKey.get(r.record.key) ?? r.record;
      if (step.node.id === nodeId) {
        rows.set(input.key, rowAt(step, r, input));
        continue;
      }
      if (r.port) deliver(step.node.id, r.port, r.record);
      else if (!stopped.has(input.key)) {
        const why =
          r.outcome === 'failed'
            ? `Stopped at ${stepName(step)}: ${r.failure?.message ?? 'it failed there.'}`
            : `${stepName(step)} let it go no further (${r.outcome}).`;
        stopped.set(input.key, { ...(r.failure?.field ? { field: r.failure.field } : {}), message: why });
      }
    }
  }
  return {
    rows: sample.map(
      (r) =>
        rows.get(r.key) ?? {
          key: r.key,
          label: recordLabel(r),
          input: r.data,
          error: stopped.get(r.key) ?? { message: 'It did not reach this step.' },
        },
    ),
  };
}

export async function previewNode(
  doc: FlowDocument,
  nodeId: string,
  limit: number,
  deps: PreviewDeps,
): Promise<PreviewAnswer> {
  const ms = deps.timeoutMs ?? PREVIEW_TIMEOUT_MS;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<PreviewAnswer>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error('preview timeout'));
      resolve({
        rows: [],
        sourceProblem:
          `The preview took longer than ${Math.round(ms / 1000)} seconds and was stopped. ` +
          `The systems may be slow now; try again, or preview fewer records.`,
      });
    }, ms);
  });
  try {
    const answer: PreviewAnswer = await Promise.race([simulate(doc, nodeId, limit, deps, controller.signal), late]);
    const note = deps.desktop?.note();
    return note && answer.rows.length > 0 ? { ...answer, sourceNote: note } : answer;
  } catch (e) {
    if (e instanceof PreviewWriteRefused || e instanceof PreviewUnavailable)
      return { rows: [], sourceProblem: e.message };
    const message = e instanceof Error ? e.message : String(e);
    return { rows: [], sourceProblem: `The records could not be read: ${message}` };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
