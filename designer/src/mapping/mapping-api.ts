// The two calls of the `mapping` router, typed by the shapes in mapping-types.ts.
import type { FlowDocument } from '../../../flow/flow-document';
import { api } from '../api/trpc-client';
import type { FieldCatalogues, PreviewResult } from './mapping-types';

interface NodeInput {
  flowId: string;
  document: FlowDocument;
  nodeId: string;
}

interface MappingRouter {
  mapping: {
    fields: { query(input: NodeInput): Promise<FieldCatalogues> };
    preview: { query(input: NodeInput & { limit?: number }, opts?: { signal?: AbortSignal }): Promise<PreviewResult> };
  };
}

const client = api as unknown as MappingRouter;

export function loadFields(input: NodeInput): Promise<FieldCatalogues> {
  return client.mapping.fields.query(input);
}

export function loadPreview(input: NodeInput, signal?: AbortSignal): Promise<PreviewResult> {
  return client.mapping.preview.query({ ...input, limit: 20 }, { signal });
}
