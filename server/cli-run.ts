// `weft run`: one run of one flow, waited for, summarised. The same steps work
// through a running Weft (HTTP) or an in-process one (tRPC caller).
import type { RunSnapshot } from '../engine';

export interface RunApi {
  flowExists(id: string): Promise<boolean>;
  template(id: string): Promise<unknown | null>;
  importDocument(id: string, document: unknown): Promise<{ problems: { message: string }[] }>;
  startRun(flowId: string): Promise<string>;
  getRun(runId: string): Promise<RunSnapshot>;
}

export interface RunSummary {
  runId: string;
  status: string;
  nodes: { id: string; type: string; in: number; out: number; failed: number }[];
  durationMs: number;
  error: string | null;
}

export async function runOnce(api: RunApi, target: { kind: 'document'; id: string; document: unknown } | { kind: 'id'; id: string }): Promise<RunSummary> {
  let flowId = target.id;
  if (target.kind === 'document') {
    await importValid(api, target.id, target.document);
  } else if (!(await api.flowExists(target.id))) {
    const doc = await api.template(target.id);
    if (!doc) throw new Error(`"${target.id}" is neither a flow of this workspace, a template id, nor a file.`);
    flowId = `template-${target.id}`.slice(0, 80);
    if (!(await api.flowExists(flowId))) await importValid(api, flowId, doc);
  }
  const started = Date.now();
  const runId = await api.startRun(flowId);
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
    nodes: run.nodes.map((n) => ({ id: n.id, type: n.type, in: n.in, out: n.out, failed: n.failed })),
    durationMs: Math.max(0, t1 - t0),
    error: run.error,
  };
}

async function importValid(api: RunApi, id: string, document: unknown): Promise<void> {
  const { problems } = await api.importDocument(id, document);
  if (problems.length > 0) throw new Error(`the flow is not valid:\n  ${problems.map((p) => p.message).join('\n  ')}`);
}
