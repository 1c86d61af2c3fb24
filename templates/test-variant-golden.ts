// Test support for the settings of a template: one run of the template with a node's
// settings changed, the way an analyst changes them on the canvas before a run. The
// flow keeps the template's id, so its links and "changes since" carry on from the
// template's earlier runs.
import type { Weft } from '../server/boot';
import { callerRunApi } from '../server/cli-http';
import { runOnce, type RunSummary } from '../server/cli-run';

type Doc = { nodes: { id: string; config: Record<string, unknown> }[] };

export async function runTemplateWith(
  weft: Weft,
  id: string,
  settings: Record<string, Record<string, unknown>>,
): Promise<RunSummary> {
  const doc = structuredClone(weft.services.design.getTemplate(id)) as Doc;
  for (const [nodeId, values] of Object.entries(settings)) {
    const n = doc.nodes.find((x) => x.id === nodeId);
    if (!n) throw new Error(`template ${id} has no node ${nodeId}`);
    n.config = { ...n.config, ...values };
  }
  return runOnce(callerRunApi(weft.services), { kind: 'document', id: `template-${id}`, document: doc });
}
