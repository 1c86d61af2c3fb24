// `weft run`: one run of one flow, waited for, summarised. The same steps work
// through a running Weft (HTTP) or an in-process one (tRPC caller).
import { registry } from '../nodes';
import type { FieldHint } from '../nodes/define-node';
import type { RunSnapshot } from '../engine';
import type { ConnectionApi, RunApi, UtilityRequest } from './cli-api';
import { findConnection } from './cli-connections';

export type { RunApi, UtilityRequest } from './cli-api';

/**
 * One node of `weft run --json`. Nodes that write (sinks) add what they wrote — `created`,
 * `updated`, `skipped` — or, in a dry run, what they would have: `wouldCreate`, `wouldUpdate`,
 * `wouldSkip` (issue 14), so a script never reads a dry run's counts as writes.
 */
export interface NodeSummary {
  id: string;
  type: string;
  in: number;
  out: number;
  failed: number;
  created?: number;
  updated?: number;
  skipped?: number;
  wouldCreate?: number;
  wouldUpdate?: number;
  wouldSkip?: number;
}

export interface RunSummary {
  runId: string;
  status: string;
  /** Present (true) only on a dry run: nothing was written anywhere. */
  dryRun?: true;
  nodes: NodeSummary[];
  durationMs: number;
  error: string | null;
}

/** `--connection SLOT=CONNECTION`: every node field offering connections of the named one's kind, on nodes of that slot. */
export interface ConnectionBinding {
  /** A connection kind (every node using that kind) or a node id. */
  slot: string;
  connection: { id: string; kind: string; name: string };
}

export async function connectionBindings(api: ConnectionApi, pairs: string[]): Promise<ConnectionBinding[]> {
  const out: ConnectionBinding[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw new Error(`--connection needs SLOT=NAME (a kind or node id, then a connection's name), not "${pair}"`);
    out.push({ slot: pair.slice(0, eq), connection: await findConnection(api, pair.slice(eq + 1)) });
  }
  return out;
}

/** The document with its connection fields pointed at the bound connections; refuses a slot that binds nothing. */
export function bindConnections(document: unknown, bindings: ConnectionBinding[]): unknown {
  if (bindings.length === 0) return document;
  const doc = structuredClone(document) as { nodes?: { id: string; type: string; config?: Record<string, unknown> }[] };
  for (const b of bindings) {
    let bound = 0;
    for (const n of doc.nodes ?? []) {
      if (b.slot !== n.id && b.slot !== b.connection.kind) continue;
      const fields = Object.entries((registry.get(n.type)?.ui.fields ?? {}) as Record<string, FieldHint | undefined>);
      for (const [key, hint] of fields) {
        if (hint?.widget !== 'connection' || hint.connectionKind !== b.connection.kind) continue;
        n.config = { ...n.config, [key]: b.connection.id };
        bound++;
      }
    }
    if (bound === 0)
      throw new Error(
        `--connection ${b.slot}=${b.connection.name}: no node of this flow uses a ` +
          `${b.connection.kind} ` +
          `connection${b.slot === b.connection.kind ? '' : ` as "${b.slot}"`}. Name a kind ` +
          `or a node id that does.`,
      );
  }
  return doc;
}

export async function runOnce(
  api: RunApi,
  target: { kind: 'document'; id: string; document: unknown } | { kind: 'id'; id: string },
  bindings: ConnectionBinding[] = [],
  opts: { dryRun?: boolean; utility?: UtilityRequest } = {},
): Promise<RunSummary> {
  if (opts.dryRun && opts.utility)
    throw new Error('--dry-run and --utility do not go together: a utility run writes (or, for binding, links).');
  let flowId = target.id;
  if (target.kind === 'document') {
    flowId = await importValid(api, target.id, bindConnections(target.document, bindings));
  } else if (await api.flowExists(target.id)) {
    // A saved flow run against named connections keeps them in its draft (the run records the document it ran).
    if (bindings.length > 0)
      flowId = await importValid(api, target.id, bindConnections(await api.flowDraft(target.id), bindings));
  } else {
    const doc = await api.template(target.id);
    if (!doc) throw new Error(`"${target.id}" is neither a flow of this workspace, a template id, nor a file.`);
    flowId = `template-${target.id}`.slice(0, 80);
    if (bindings.length > 0 || !(await api.flowExists(flowId)))
      flowId = await importValid(api, flowId, bindConnections(doc, bindings));
  }
  const started = Date.now();
  const runId = opts.utility
    ? await api.startUtility(flowId, opts.utility)
    : await api.startRun(flowId, opts.dryRun ? { dryRun: true } : undefined);
  let run = await api.getRun(runId);
  while (run.status === 'queued' || run.status === 'running') {
    await new Promise((r) => setTimeout(r, 150));
    run = await api.getRun(runId);
  }
  const t0 = run.startedAt ? Date.parse(run.startedAt) : started;
  const t1 = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  return {
    runId,
    status: run.status,
    ...(run.dryRun ? { dryRun: true as const } : {}),
    nodes: run.nodes.map((n) => nodeSummary(n, run.dryRun === true)),
    durationMs: Math.max(0, t1 - t0),
    error: run.error,
  };
}

function nodeSummary(n: RunSnapshot['nodes'][number], dry: boolean): NodeSummary {
  const base = { id: n.id, type: n.type, in: n.in, out: n.out, failed: n.failed };
  if (registry.get(n.type)?.category !== 'sink') return base;
  return dry
    ? { ...base, wouldCreate: n.created, wouldUpdate: n.updated, wouldSkip: n.skipped }
    : { ...base, created: n.created, updated: n.updated, skipped: n.skipped };
}

/**
 * Saves the document under `id` and answers the id the flow got: outside the default workspace
 * flow ids are scoped to it (`<workspace>.<id>`, issue 18), so the run must use the answer.
 */
async function importValid(api: RunApi, id: string, document: unknown): Promise<string> {
  const local = id.includes('.') ? id.slice(id.indexOf('.') + 1) : id; // an id already scoped to its workspace
  const { id: saved, problems } = await api.importDocument(local, document);
  if (problems.length > 0) throw new Error(`the flow is not valid:\n  ${problems.map((p) => p.message).join('\n  ')}`);
  return saved;
}

const UTILITY_KINDS = ['binding', 'bulk-load', 'single'] as const;

/**
 * `--utility binding|bulk-load|single` with its options (`--from`, `--to`, `--batch-size`,
 * `--slices`, `--record`), read from the command line; null when no utility run is asked for.
 */
export function utilityRequest(option: (name: string) => string | undefined): UtilityRequest | null {
  const kind = option('--utility');
  const extras = ['--from', '--to', '--batch-size', '--slices', '--record'].filter((o) => option(o) !== undefined);
  if (kind === undefined) {
    if (extras.length)
      throw new Error(`${extras.join(', ')} belong to a utility run: add --utility binding|bulk-load|single`);
    return null;
  }
  if (!(UTILITY_KINDS as readonly string[]).includes(kind))
    throw new Error(`--utility takes binding, bulk-load or single, not "${kind}"`);
  const number = (name: string) => {
    const v = option(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new Error(`${name} takes a whole number, not "${v}"`);
    return Number(v);
  };
  const record = option('--record');
  if (record !== undefined && kind !== 'single') throw new Error('--record goes with --utility single');
  if (kind === 'single' && record === undefined)
    throw new Error("--utility single needs --record <id>: the record's QuickBooks Id / ListID / TxnID or Creatio Id");
  const from = option('--from');
  const to = option('--to');
  const batchSize = number('--batch-size');
  const slices = number('--slices');
  return {
    kind: kind as UtilityRequest['kind'],
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(batchSize !== undefined ? { batchSize } : {}),
    ...(slices !== undefined ? { slices } : {}),
    ...(record !== undefined ? { record } : {}),
  };
}
