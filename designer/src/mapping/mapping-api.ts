// The `mapping` router's calls as the editor uses them. The answers are checked
// against the shapes in mapping-types.ts, so a change of the router shows here.
import type { FlowDocument } from '../../../flow/flow-document';
import { api } from '../api/trpc-client';
import type { FieldCatalogues, PreviewResult, ServerProblem } from './mapping-types';

interface NodeInput {
  flowId: string;
  document: FlowDocument;
  nodeId: string;
}

export function loadFields(input: NodeInput): Promise<FieldCatalogues> {
  return api.mapping.fields.query(input);
}

export function loadPreview(input: NodeInput, signal?: AbortSignal): Promise<PreviewResult> {
  return api.mapping.preview.query({ ...input, limit: 20 }, { signal });
}

/** The checks that need a system's metadata (a source field Creatio does not have), run before saving. */
export async function checkOnServer(input: NodeInput): Promise<ServerProblem[]> {
  return (await api.mapping.check.query(input)).problems;
}
