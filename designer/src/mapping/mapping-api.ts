// The `mapping` router's calls as the editor uses them. The answers are checked
// against the shapes in mapping-types.ts, so a change of the router shows here.
import type { FlowDocument } from '../../../flow/flow-document';
import { api } from '../api/trpc-client';
import type { FieldCatalogues, PreviewResult } from './mapping-types';

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
