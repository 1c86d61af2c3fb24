// Test support for the sales-transaction options (issue 15, seed §5.2): a shipped template changed the way an
// analyst changes it in the inspector, run as a flow of its own through the whole Weft.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callerRunApi } from '../server/cli-http';
import { runOnce, type RunSummary } from '../server/cli-run';
import type { Weft } from '../server/boot';

export interface DocNode {
  id: string;
  type: string;
  config: Record<string, unknown>;
  [k: string]: unknown;
}
export interface Doc {
  name: string;
  nodes: DocNode[];
  edges: { from: string; to: string }[];
  [k: string]: unknown;
}

/** A shipped template's document, to change before running it. */
export function templateDoc(id: string): Doc {
  return JSON.parse(readFileSync(join(import.meta.dirname, `${id}.json`), 'utf8')) as Doc;
}

export const docNode = (doc: Doc, id: string) => doc.nodes.find((n) => n.id === id)!;

/** Runs a changed document as the flow `flowId`, from the beginning (the opportunities are all read again). */
export async function runDoc(weft: Weft, flowId: string, doc: Doc): Promise<RunSummary> {
  // The first run of the flow has no position to reset (and no flow yet to reset it on).
  await weft.services.runs.setWatermark('default', flowId, 'opportunities', null).catch(() => undefined);
  return runOnce(callerRunApi(weft.services), { kind: 'document', id: flowId, document: doc });
}

/** The QuickBooks Online company's rows of one entity, with their ids. */
export function qboRows<T>(weft: Weft, entity: string): T[] {
  const qbo = weft.sandboxes!.qbo;
  return qbo.store.all(qbo.realmId, entity).map((r) => ({ Id: r.id, ...r.body }) as T);
}
